using System.Globalization;
using System.Text;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>Date parts, <c>$dateToString</c>, <c>$dateFromString</c> and <c>$dateAdd</c>/<c>$dateDiff</c>, with timezones as Olson names or UTC offsets.</summary>
internal static partial class ExpressionOperators
{
    private const string DefaultDateFormat = "%Y-%m-%dT%H:%M:%S.%LZ";

    private static void RegisterDates()
    {
        Table["$year"] = (n, a, c) => DatePart(n, a, c, d => d.Year);
        Table["$month"] = (n, a, c) => DatePart(n, a, c, d => d.Month);
        Table["$dayOfMonth"] = (n, a, c) => DatePart(n, a, c, d => d.Day);
        Table["$hour"] = (n, a, c) => DatePart(n, a, c, d => d.Hour);
        Table["$minute"] = (n, a, c) => DatePart(n, a, c, d => d.Minute);
        Table["$second"] = (n, a, c) => DatePart(n, a, c, d => d.Second);
        Table["$millisecond"] = (n, a, c) => DatePart(n, a, c, d => d.Millisecond);
        Table["$dayOfWeek"] = (n, a, c) => DatePart(n, a, c, d => (int)d.DayOfWeek + 1);
        Table["$dayOfYear"] = (n, a, c) => DatePart(n, a, c, d => d.DayOfYear);
        Table["$week"] = (n, a, c) => DatePart(n, a, c, SundayWeek);
        Table["$isoWeek"] = (n, a, c) => DatePart(n, a, c, ISOWeek.GetWeekOfYear);
        Table["$isoWeekYear"] = (n, a, c) => DatePart(n, a, c, ISOWeek.GetYear);
        Table["$isoDayOfWeek"] = (n, a, c) => DatePart(n, a, c, d => d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek);
        Table["$dateToString"] = DateToString;
        Table["$dateFromString"] = DateFromString;
        Table["$dateAdd"] = (n, a, c) => DateAdd(n, a, c, 1);
        Table["$dateSubtract"] = (n, a, c) => DateAdd(n, a, c, -1);
    }

    /// <summary>strftime's %U: weeks start on Sunday; days before the year's first Sunday are in week 0.</summary>
    private static int SundayWeek(DateTime d) => (d.DayOfYear - 1 + 7 - (int)d.DayOfWeek) / 7;

    /// <summary>The instant a date-like value names: a date, a timestamp (its seconds) or an ObjectId (its creation second).</summary>
    private static long? DateMillis(BsonValue? value) => value switch
    {
        BsonDateTime d => d.MillisecondsSinceEpoch,
        BsonTimestamp t => t.Timestamp * 1000L,
        BsonObjectId o => o.Value.Timestamp * 1000L,
        _ => null,
    };

    private static DateTime ToLocal(long millis, TimeZoneInfo? zone)
    {
        var utc = DateTime.UnixEpoch.AddMilliseconds(millis);
        return zone is null ? utc : TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
    }

    /// <summary>Parses mongod's timezone argument: an Olson name, "UTC"/"GMT" or an offset ("+05:30", "-0800", "+03").</summary>
    private static TimeZoneInfo? ParseTimeZone(BsonValue? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not BsonString { Value: var text })
        {
            throw new MongoServerException(40517, $"timezone must evaluate to a string, found {BsonTypeNames.AliasOf(value.BsonType)}");
        }

        if (text is "UTC" or "GMT" or "Z")
        {
            return null;
        }

        if (text.Length > 1 && text[0] is '+' or '-')
        {
            var digits = text[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            if (digits.Length is 2 or 4 && digits.All(char.IsAsciiDigit))
            {
                var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
                var minutes = digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
                var offset = new TimeSpan(hours, minutes, 0) * (text[0] == '-' ? -1 : 1);
                return TimeZoneInfo.CreateCustomTimeZone(text, offset, text, text);
            }
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(text);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new MongoServerException(40485, $"unrecognized time zone identifier: \"{text}\"");
        }
    }

    private static BsonValue DatePart(string name, Expression[] args, EvaluationContext context, Func<DateTime, int> part)
    {
        Arity(name, args, 1);
        BsonValue? date;
        TimeZoneInfo? zone = null;
        if (args[0] is ObjectExpression spec && spec.Field("date") is { } dateExpression)
        {
            CheckFields(name, spec, 40535, "date", "timezone");
            date = dateExpression.Evaluate(context);
            var tz = spec.Field("timezone")?.Evaluate(context);
            if (ExpressionValues.IsNullish(tz) && spec.Field("timezone") is not null)
            {
                return BsonNull.Value;
            }

            zone = ParseTimeZone(tz);
        }
        else
        {
            date = args[0].Evaluate(context);
        }

        if (ExpressionValues.IsNullish(date))
        {
            return BsonNull.Value;
        }

        var millis = DateMillis(date)
            ?? throw new MongoServerException(16006, $"can't convert from BSON type {BsonTypeNames.AliasOf(date!.BsonType)} to Date");
        return BsonInt32.Create(part(ToLocal(millis, zone)));
    }

    private static BsonValue? DateToString(string name, Expression[] args, EvaluationContext context)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, 18534, "date", "format", "timezone", "onNull");
        var date = (spec.Field("date") ?? throw new MongoServerException(18628, "Missing 'date' parameter to $dateToString")).Evaluate(context);
        var formatValue = spec.Field("format")?.Evaluate(context);
        var zone = ParseTimeZone(spec.Field("timezone")?.Evaluate(context));
        string format;
        if (formatValue is null)
        {
            format = zone is null ? DefaultDateFormat : "%Y-%m-%dT%H:%M:%S.%L";
        }
        else if (formatValue is BsonString s)
        {
            format = s.Value;
        }
        else if (formatValue is BsonNull)
        {
            return BsonNull.Value;
        }
        else
        {
            throw new MongoServerException(18533, "$dateToString requires that 'format' be a string");
        }

        if (ExpressionValues.IsNullish(date))
        {
            return spec.Field("onNull") is { } onNull ? onNull.Evaluate(context) : BsonNull.Value;
        }

        var millis = DateMillis(date)
            ?? throw new MongoServerException(16006, $"can't convert from BSON type {BsonTypeNames.AliasOf(date!.BsonType)} to Date");
        return new BsonString(FormatDate(ToLocal(millis, zone), zone, millis, format));
    }

    private static string FormatDate(DateTime d, TimeZoneInfo? zone, long millis, string format)
    {
        var builder = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                builder.Append(format[i]);
                continue;
            }

            if (++i == format.Length)
            {
                throw new MongoServerException(18535, "Unmatched '%' at end of $dateToString format string");
            }

            var offset = zone?.GetUtcOffset(DateTime.UnixEpoch.AddMilliseconds(millis)) ?? TimeSpan.Zero;
            builder.Append(format[i] switch
            {
                'Y' => d.Year.ToString("D4", inv),
                'm' => d.Month.ToString("D2", inv),
                'd' => d.Day.ToString("D2", inv),
                'H' => d.Hour.ToString("D2", inv),
                'M' => d.Minute.ToString("D2", inv),
                'S' => d.Second.ToString("D2", inv),
                'L' => d.Millisecond.ToString("D3", inv),
                'j' => d.DayOfYear.ToString("D3", inv),
                'w' => ((int)d.DayOfWeek + 1).ToString(inv),
                'u' => (d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek).ToString(inv),
                'U' => SundayWeek(d).ToString("D2", inv),
                'V' => ISOWeek.GetWeekOfYear(d).ToString("D2", inv),
                'G' => ISOWeek.GetYear(d).ToString("D4", inv),
                'b' => d.ToString("MMM", inv),
                'B' => d.ToString("MMMM", inv),
                'z' => (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", inv),
                'Z' => ((int)offset.TotalMinutes).ToString(inv),
                '%' => "%",
                var other => throw new MongoServerException(18536, $"Invalid format character '%{other}' in format string"),
            });
        }

        return builder.ToString();
    }

    private static BsonValue? DateFromString(string name, Expression[] args, EvaluationContext context)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, 40541, "dateString", "format", "timezone", "onError", "onNull");
        var input = (spec.Field("dateString") ?? throw new MongoServerException(40542, "Missing 'dateString' parameter to $dateFromString")).Evaluate(context);
        if (ExpressionValues.IsNullish(input))
        {
            return spec.Field("onNull") is { } onNull ? onNull.Evaluate(context) : BsonNull.Value;
        }

        try
        {
            if (input is not BsonString text)
            {
                throw new MongoServerException(241, $"$dateFromString requires that 'dateString' be a string, found: {BsonTypeNames.AliasOf(input!.BsonType)} with value {input}");
            }

            var zone = ParseTimeZone(spec.Field("timezone")?.Evaluate(context));
            var format = spec.Field("format")?.Evaluate(context) is BsonString f ? ToDotNetFormat(f.Value) : null;
            return new BsonDateTime(ParseDate(text.Value, format, zone));
        }
        catch (MongoServerException) when (spec.Field("onError") is { } onError)
        {
            return onError.Evaluate(context);
        }
    }

    /// <summary>Parses ISO-8601-like text; without an offset in the text the time is in <paramref name="zone"/> (UTC by default).</summary>
    private static long ParseDate(string text, string? format, TimeZoneInfo? zone)
    {
        var styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var parsed = format is null
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var value)
            : DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, styles, out value);
        if (!parsed)
        {
            throw new MongoServerException(241, $"Error parsing date string '{text}'");
        }

        var hasOffset = text.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d\d(:?\d\d)?$");
        if (zone is not null && !hasOffset)
        {
            var local = DateTime.SpecifyKind(value.UtcDateTime, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUnixTimeMilliseconds();
        }

        return value.ToUnixTimeMilliseconds();
    }

    private static string ToDotNetFormat(string format)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '%' && i + 1 < format.Length)
            {
                builder.Append(format[++i] switch
                {
                    'Y' => "yyyy",
                    'm' => "MM",
                    'd' => "dd",
                    'H' => "HH",
                    'M' => "mm",
                    'S' => "ss",
                    'L' => "fff",
                    'z' => "zzz",
                    'Z' => "zzz",
                    '%' => "'%'",
                    var other => throw new MongoServerException(18536, $"Invalid format character '%{other}' in format string"),
                });
            }
            else
            {
                builder.Append('\'').Append(format[i]).Append('\'');
            }
        }

        return builder.ToString();
    }

    private static BsonValue DateAdd(string name, Expression[] args, EvaluationContext context, int sign)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, 5166302, "startDate", "unit", "amount", "timezone");
        var start = spec.Field("startDate")?.Evaluate(context);
        var unit = spec.Field("unit")?.Evaluate(context);
        var amount = spec.Field("amount")?.Evaluate(context);
        if (ExpressionValues.IsNullish(start) || ExpressionValues.IsNullish(unit) || ExpressionValues.IsNullish(amount))
        {
            return BsonNull.Value;
        }

        var millis = DateMillis(start) ?? throw new MongoServerException(5166403, $"{name} requires startDate to be convertible to a date");
        if (!amount!.IsNumeric || amount.ToDouble() != Math.Floor(amount.ToDouble()))
        {
            throw new MongoServerException(5166405, $"{name} expects integer amount of time units");
        }

        var n = amount.ToInt64() * sign;
        var zone = ParseTimeZone(spec.Field("timezone")?.Evaluate(context));
        var local = ToLocal(millis, zone);
        var result = (unit as BsonString)?.Value switch
        {
            "year" => local.AddYears((int)n),
            "quarter" => local.AddMonths((int)n * 3),
            "month" => local.AddMonths((int)n),
            "week" => local.AddDays(n * 7),
            "day" => local.AddDays(n),
            "hour" => local.AddHours(n),
            "minute" => local.AddMinutes(n),
            "second" => local.AddSeconds(n),
            "millisecond" => local.AddMilliseconds(n),
            _ => throw new MongoServerException(ErrorCodes.FailedToParse, $"unknown time unit value: {unit}"),
        };
        var utc = zone is null ? result : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(result, DateTimeKind.Unspecified), zone);
        return new BsonDateTime(BsonDateTime.ToMillisecondsSinceEpoch(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
    }
}

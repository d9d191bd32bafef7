using System.Text;
using System.Text.RegularExpressions;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>String operators; byte offsets are UTF-8 bytes and code-point offsets are Unicode scalar values, as in mongod.</summary>
internal static partial class ExpressionOperators
{
    /// <summary>The characters $trim removes by default: mongod's whitespace set.</summary>
    private static readonly string DefaultTrimChars = "\0 \t\n\v\f\r\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";

    private static void RegisterStrings()
    {
        Table["$substr"] = SubstrBytes;
        Table["$substrBytes"] = SubstrBytes;
        Table["$substrCP"] = SubstrCP;
        Table["$trim"] = (n, a, c) => Trim(n, a, c, start: true, end: true);
        Table["$ltrim"] = (n, a, c) => Trim(n, a, c, start: true, end: false);
        Table["$rtrim"] = (n, a, c) => Trim(n, a, c, start: false, end: true);
        Table["$split"] = Split;
        Table["$strLenBytes"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            return a[0].Evaluate(c) is BsonString s
                ? BsonInt32.Create(Encoding.UTF8.GetByteCount(s.Value))
                : throw new MongoServerException(34473, "$strLenBytes requires a string argument");
        };
        Table["$indexOfBytes"] = (n, a, c) => IndexOf(n, a, c, bytes: true);
        Table["$indexOfCP"] = (n, a, c) => IndexOf(n, a, c, bytes: false);
        Table["$regexMatch"] = (n, a, c) => RegexOperator(n, a, c, RegexMode.Match);
        Table["$regexFind"] = (n, a, c) => RegexOperator(n, a, c, RegexMode.Find);
        Table["$regexFindAll"] = (n, a, c) => RegexOperator(n, a, c, RegexMode.FindAll);
        Table["$replaceOne"] = (n, a, c) => Replace(n, a, c, all: false);
        Table["$replaceAll"] = (n, a, c) => Replace(n, a, c, all: true);
        Table["$strcasecmp"] = (n, a, c) =>
        {
            Arity(n, a, 2);
            var x = StringOrEmpty(n, a[0].Evaluate(c));
            var y = StringOrEmpty(n, a[1].Evaluate(c));
            return BsonInt32.Create(Math.Sign(string.CompareOrdinal(x.ToUpperInvariant(), y.ToUpperInvariant())));
        };
    }

    /// <summary>Strings as $concat-like operators see them: null and missing are the empty string, other types are converted.</summary>
    private static string StringOrEmpty(string name, BsonValue? value) => value switch
    {
        null or BsonNull or BsonUndefined => string.Empty,
        BsonString s => s.Value,
        BsonInt32 or BsonInt64 or BsonDouble or BsonDecimal128 or BsonDateTime => ToStringValue(value),
        _ => throw new MongoServerException(16007, $"can't convert from BSON type {BsonTypeNames.AliasOf(value.BsonType)} to String in {name}"),
    };

    private static BsonValue SubstrBytes(string name, Expression[] args, EvaluationContext context)
    {
        Arity(name, args, 3);
        var text = StringOrEmpty(name, args[0].Evaluate(context));
        var start = args[1].Evaluate(context);
        var length = args[2].Evaluate(context);
        if (start is null || !start.IsNumeric)
        {
            throw new MongoServerException(16034, $"{name}: starting index must be a numeric type");
        }

        if (length is null || !length.IsNumeric)
        {
            throw new MongoServerException(16035, $"{name}: length must be a numeric type");
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var from = start.ToDouble() < 0 ? bytes.Length : (int)Math.Min(start.ToDouble(), bytes.Length);
        var count = length.ToDouble() < 0 ? bytes.Length - from : (int)Math.Min(length.ToDouble(), bytes.Length - from);
        if (from < bytes.Length && IsContinuation(bytes[from]))
        {
            throw new MongoServerException(28656, $"{name}:  Invalid range, starting index is a UTF-8 continuation byte.");
        }

        if (from + count < bytes.Length && IsContinuation(bytes[from + count]))
        {
            throw new MongoServerException(28657, $"{name}:  Invalid range, ending index is in the middle of a UTF-8 character.");
        }

        return new BsonString(Encoding.UTF8.GetString(bytes, from, count));
    }

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    private static BsonValue SubstrCP(string name, Expression[] args, EvaluationContext context)
    {
        Arity(name, args, 3);
        var text = StringOrEmpty(name, args[0].Evaluate(context));
        var start = args[1].Evaluate(context);
        var length = args[2].Evaluate(context);
        if (start is null || !start.IsNumeric || start.ToDouble() != Math.Floor(start.ToDouble()))
        {
            throw new MongoServerException(34450, $"{name}: starting index must be a numeric type");
        }

        if (length is null || !length.IsNumeric || length.ToDouble() != Math.Floor(length.ToDouble()))
        {
            throw new MongoServerException(34452, $"{name}: length must be a numeric type");
        }

        if (start.ToDouble() < 0)
        {
            throw new MongoServerException(34455, $"{name}: starting index must be non-negative");
        }

        if (length.ToDouble() < 0)
        {
            throw new MongoServerException(34456, $"{name}: length must be non-negative");
        }

        var runes = text.EnumerateRunes().ToArray();
        var from = (int)Math.Min(start.ToDouble(), runes.Length);
        var count = (int)Math.Min(length.ToDouble(), runes.Length - from);
        var builder = new StringBuilder();
        for (var i = from; i < from + count; i++)
        {
            builder.Append(runes[i].ToString());
        }

        return new BsonString(builder.ToString());
    }

    private static BsonValue Trim(string name, Expression[] args, EvaluationContext context, bool start, bool end)
    {
        var spec = Named(name, args);
        var input = (spec.Field("input") ?? throw new MongoServerException(50695, $"{name} requires an 'input' parameter")).Evaluate(context);
        var charsExpression = spec.Field("chars");
        foreach (var (field, _) in spec.Fields)
        {
            if (field is not ("input" or "chars"))
            {
                throw new MongoServerException(50694, $"{name} found an unknown argument: {field}");
            }
        }

        if (ExpressionValues.IsNullish(input))
        {
            return BsonNull.Value;
        }

        if (input is not BsonString text)
        {
            throw new MongoServerException(50699, $"{name} requires its input to be a string, got {input} (of type {BsonTypeNames.AliasOf(input!.BsonType)}) instead.");
        }

        var chars = DefaultTrimChars;
        if (charsExpression is not null)
        {
            var value = charsExpression.Evaluate(context);
            if (ExpressionValues.IsNullish(value))
            {
                return BsonNull.Value;
            }

            chars = value is BsonString s
                ? s.Value
                : throw new MongoServerException(50700, $"{name} requires 'chars' to be a string, got {value} (of type {BsonTypeNames.AliasOf(value!.BsonType)}) instead.");
        }

        var result = text.Value;
        if (start)
        {
            result = result.TrimStart(chars.ToCharArray());
        }

        if (end)
        {
            result = result.TrimEnd(chars.ToCharArray());
        }

        return new BsonString(result);
    }

    private static BsonValue Split(string name, Expression[] args, EvaluationContext context)
    {
        Arity(name, args, 2);
        var input = args[0].Evaluate(context);
        var delimiter = args[1].Evaluate(context);
        if (ExpressionValues.IsNullish(input) || ExpressionValues.IsNullish(delimiter))
        {
            return BsonNull.Value;
        }

        if (input is not BsonString text)
        {
            throw new MongoServerException(40085, $"$split requires an expression that evaluates to a string as a first argument, found: {BsonTypeNames.AliasOf(input!.BsonType)}");
        }

        if (delimiter is not BsonString separator)
        {
            throw new MongoServerException(40086, $"$split requires an expression that evaluates to a string as a second argument, found: {BsonTypeNames.AliasOf(delimiter!.BsonType)}");
        }

        if (separator.Value.Length == 0)
        {
            throw new MongoServerException(40087, "$split requires a non-empty separator");
        }

        var result = new BsonArray();
        foreach (var part in text.Value.Split(separator.Value))
        {
            result.Add(new BsonString(part));
        }

        return result;
    }

    private static BsonValue IndexOf(string name, Expression[] args, EvaluationContext context, bool bytes)
    {
        if (args.Length is < 2 or > 4)
        {
            throw new MongoServerException(16020, $"Expression {name} takes at least 2 arguments, and at most 4, but {args.Length} were passed in.");
        }

        var input = args[0].Evaluate(context);
        if (ExpressionValues.IsNullish(input))
        {
            return BsonNull.Value;
        }

        if (input is not BsonString text)
        {
            throw new MongoServerException(40091, $"{name} requires a string as the first argument, found: {BsonTypeNames.AliasOf(input!.BsonType)}");
        }

        if (args[1].Evaluate(context) is not BsonString token)
        {
            throw new MongoServerException(40092, $"{name} requires a string as the second argument");
        }

        // Work in the unit the operator counts in: UTF-8 bytes or code points.
        var haystack = bytes ? Encoding.UTF8.GetBytes(text.Value).Select(b => (int)b).ToArray() : text.Value.EnumerateRunes().Select(r => r.Value).ToArray();
        var needle = bytes ? Encoding.UTF8.GetBytes(token.Value).Select(b => (int)b).ToArray() : token.Value.EnumerateRunes().Select(r => r.Value).ToArray();
        var start = args.Length > 2 ? IndexArgument(name, args[2].Evaluate(context)) : 0;
        var end = args.Length > 3 ? Math.Min(IndexArgument(name, args[3].Evaluate(context)), haystack.Length) : haystack.Length;
        for (var i = start; i + needle.Length <= end; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return BsonInt32.Create(i);
            }
        }

        return BsonInt32.Create(-1);
    }

    private static int IndexArgument(string name, BsonValue? value)
    {
        if (value is null || !value.IsNumeric || value.ToDouble() != Math.Floor(value.ToDouble()))
        {
            throw new MongoServerException(40096, $"{name} requires an integral starting index");
        }

        if (value.ToDouble() < 0)
        {
            throw new MongoServerException(40097, $"{name} requires a nonnegative start index");
        }

        return (int)Math.Min(value.ToDouble(), int.MaxValue);
    }

    private enum RegexMode
    {
        Match,
        Find,
        FindAll,
    }

    private static BsonValue RegexOperator(string name, Expression[] args, EvaluationContext context, RegexMode mode)
    {
        var spec = Named(name, args);
        var input = (spec.Field("input") ?? throw new MongoServerException(31022, $"{name} requires 'input' parameter")).Evaluate(context);
        var regexValue = (spec.Field("regex") ?? throw new MongoServerException(31023, $"{name} requires 'regex' parameter")).Evaluate(context);
        var optionsValue = spec.Field("options")?.Evaluate(context);
        if (input is not null and not BsonNull and not BsonString)
        {
            throw new MongoServerException(51104, $"{name} needs 'input' to be of type string");
        }

        string pattern;
        var options = string.Empty;
        switch (regexValue)
        {
            case BsonString s:
                pattern = s.Value;
                break;
            case BsonRegularExpression r:
                pattern = r.Pattern;
                options = r.Options;
                break;
            case null or BsonNull:
                return mode switch { RegexMode.Match => BsonBoolean.False, RegexMode.Find => BsonNull.Value, _ => new BsonArray() };
            default:
                throw new MongoServerException(51105, $"{name} needs 'regex' to be of type string or regex");
        }

        if (optionsValue is BsonString extra)
        {
            if (options.Length > 0 && extra.Value.Length > 0)
            {
                throw new MongoServerException(51107, $"{name} found regex option(s) specified in both 'regex' and 'option' fields");
            }

            options += extra.Value;
        }
        else if (optionsValue is not (null or BsonNull))
        {
            throw new MongoServerException(51106, $"{name} needs 'options' to be of type string");
        }

        if (input is not BsonString text)
        {
            return mode switch { RegexMode.Match => BsonBoolean.False, RegexMode.Find => BsonNull.Value, _ => new BsonArray() };
        }

        Regex regex;
        try
        {
            regex = RegexCache.Get(pattern, options);
        }
        catch (MongoServerException ex)
        {
            throw new MongoServerException(51111, $"Invalid Regex in {name}: {ex.Message}");
        }

        switch (mode)
        {
            case RegexMode.Match:
                return BsonBoolean.Create(regex.IsMatch(text.Value));
            case RegexMode.Find:
                var match = regex.Match(text.Value);
                return match.Success ? MatchDocument(text.Value, match) : BsonNull.Value;
            default:
                var all = new BsonArray();
                foreach (Match m in regex.Matches(text.Value))
                {
                    all.Add(MatchDocument(text.Value, m));
                }

                return all;
        }
    }

    private static BsonDocument MatchDocument(string text, Match match)
    {
        var captures = new BsonArray();
        for (var i = 1; i < match.Groups.Count; i++)
        {
            captures.Add(match.Groups[i].Success ? new BsonString(match.Groups[i].Value) : BsonNull.Value);
        }

        // idx counts code points, not UTF-16 units.
        var idx = text.AsSpan(0, match.Index).ToString().EnumerateRunes().Count();
        return new BsonDocument { { "match", match.Value }, { "idx", idx }, { "captures", captures } };
    }

    private static BsonValue Replace(string name, Expression[] args, EvaluationContext context, bool all)
    {
        var spec = Named(name, args);
        var input = (spec.Field("input") ?? throw new MongoServerException(51114, $"{name} requires 'input' to be specified")).Evaluate(context);
        var find = (spec.Field("find") ?? throw new MongoServerException(51115, $"{name} requires 'find' to be specified")).Evaluate(context);
        var replacement = (spec.Field("replacement") ?? throw new MongoServerException(51116, $"{name} requires 'replacement' to be specified")).Evaluate(context);
        foreach (var (value, field) in new[] { (input, "input"), (find, "find"), (replacement, "replacement") })
        {
            if (value is not (null or BsonNull or BsonUndefined or BsonString))
            {
                throw new MongoServerException(51746, $"{name} requires that '{field}' be a string, found: {value}");
            }
        }

        if (input is not BsonString text || find is not BsonString token || replacement is not BsonString with)
        {
            return BsonNull.Value;
        }

        if (all)
        {
            return new BsonString(token.Value.Length == 0 ? text.Value : text.Value.Replace(token.Value, with.Value, StringComparison.Ordinal));
        }

        var at = text.Value.IndexOf(token.Value, StringComparison.Ordinal);
        return at < 0 ? text : new BsonString(string.Concat(text.Value.AsSpan(0, at), with.Value, text.Value.AsSpan(at + token.Value.Length)));
    }
}

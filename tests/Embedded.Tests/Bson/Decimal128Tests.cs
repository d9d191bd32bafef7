using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests.Bson;

public sealed class Decimal128Tests
{
    // ----------------------------------------------------------------------------------------------------------------
    // BSON corpus (decimal128-*.json)
    // ----------------------------------------------------------------------------------------------------------------

    private const string CorpusMissingCase = "corpus-missing";

    private static readonly string[] CorpusFiles =
        ["decimal128-1.json", "decimal128-2.json", "decimal128-3.json", "decimal128-4.json", "decimal128-6.json"];

    private static readonly ConcurrentDictionary<string, JsonDocument> LoadedCorpusFiles = new(StringComparer.Ordinal);

    public static TheoryData<string> CorpusValidCases => CorpusCaseIds("valid");

    public static TheoryData<string> CorpusParseErrorCases => CorpusCaseIds("parseErrors");

    [Theory]
    [MemberData(nameof(CorpusValidCases))]
    public void Corpus_valid_case_round_trips(string caseId)
    {
        JsonElement testCase = GetCorpusCase(caseId);
        string description = testCase.GetProperty("description").GetString()!;
        bool lossy = testCase.TryGetProperty("lossy", out JsonElement lossyElement) && lossyElement.GetBoolean();

        byte[] document = Convert.FromHexString(testCase.GetProperty("canonical_bson").GetString()!);
        byte[] canonicalBytes = ExtractDecimalBytes(document);
        string canonicalString = ExtractNumberDecimal(testCase.GetProperty("canonical_extjson").GetString()!);

        // cB -> native -> string and back to the same bytes, whatever the bits are.
        Decimal128 fromBytes = Decimal128.ReadFrom(canonicalBytes);
        Assert.Equal(canonicalString, fromBytes.ToString());
        Assert.Equal(canonicalBytes, ToBytes(fromBytes));
        Assert.Equal(fromBytes, Decimal128.FromIeeeBits(fromBytes.HighBits, fromBytes.LowBits));

        // cEJ -> native -> string is the identity; -> bytes gives cB unless the case is lossy.
        Decimal128 fromCanonical = Decimal128.Parse(canonicalString);
        Assert.Equal(canonicalString, fromCanonical.ToString());
        Assert.True(Decimal128.TryParse(canonicalString.AsSpan(), out Decimal128 tryParsed));
        Assert.Equal(fromCanonical, tryParsed);
        if (!lossy)
        {
            Assert.True(
                canonicalBytes.AsSpan().SequenceEqual(ToBytes(fromCanonical)),
                $"{description}: Parse(\"{canonicalString}\") wrote {Convert.ToHexString(ToBytes(fromCanonical))}, expected {Convert.ToHexString(canonicalBytes)}");
            Assert.Equal(fromBytes, fromCanonical);
        }

        // dEJ -> native -> canonical string, and cB unless lossy.
        if (testCase.TryGetProperty("degenerate_extjson", out JsonElement degenerateElement))
        {
            string degenerateString = ExtractNumberDecimal(degenerateElement.GetString()!);
            Decimal128 fromDegenerate = Decimal128.Parse(degenerateString);
            Assert.Equal(canonicalString, fromDegenerate.ToString());
            if (!lossy)
            {
                Assert.True(
                    canonicalBytes.AsSpan().SequenceEqual(ToBytes(fromDegenerate)),
                    $"{description}: Parse(\"{degenerateString}\") wrote {Convert.ToHexString(ToBytes(fromDegenerate))}, expected {Convert.ToHexString(canonicalBytes)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CorpusParseErrorCases))]
    public void Corpus_parse_error_case_is_rejected(string caseId)
    {
        JsonElement testCase = GetCorpusCase(caseId);
        string input = testCase.GetProperty("string").GetString()!;

        Assert.Throws<FormatException>(() => Decimal128.Parse(input));
        Assert.Throws<FormatException>(() => Decimal128.Parse(input.AsSpan()));
        Assert.False(Decimal128.TryParse(input.AsSpan(), out Decimal128 result));
        Assert.False(Decimal128.TryParse(input, out _));
        Assert.Equal(Decimal128.Zero, result);
    }

    private static TheoryData<string> CorpusCaseIds(string section)
    {
        var data = new TheoryData<string>();
        string? folder = FindCorpusFolder();
        if (folder is null)
        {
            data.Add(CorpusMissingCase);
            return data;
        }

        foreach (string file in CorpusFiles)
        {
            string path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                continue;
            }

            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(path));
            if (json.RootElement.TryGetProperty(section, out JsonElement cases))
            {
                for (int i = 0; i < cases.GetArrayLength(); i++)
                {
                    data.Add($"{file}#{section}:{i}");
                }
            }
        }

        if (data.Count == 0)
        {
            data.Add(CorpusMissingCase);
        }

        return data;
    }

    private static JsonElement GetCorpusCase(string caseId)
    {
        string? folder = FindCorpusFolder();
        if (caseId == CorpusMissingCase || folder is null)
        {
            Assert.Skip("The BSON corpus (specs/bson-corpus/decimal128-*.json) was not found: set OPENQUIZZ_SPECS to the specs folder or keep ../shared/specs next to OpenQuizz.Typed.sln.");
        }

        // "decimal128-1.json#valid:3"
        int hash = caseId.IndexOf('#', StringComparison.Ordinal);
        int colon = caseId.LastIndexOf(':');
        string file = caseId[..hash];
        string section = caseId[(hash + 1)..colon];
        int index = int.Parse(caseId[(colon + 1)..], CultureInfo.InvariantCulture);

        JsonDocument json = LoadedCorpusFiles.GetOrAdd(file, name => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, name))));
        Assert.Equal("0x13", json.RootElement.GetProperty("bson_type").GetString());
        return json.RootElement.GetProperty(section)[index];
    }

    private static string? FindCorpusFolder()
    {
        string? specs = Environment.GetEnvironmentVariable("OPENQUIZZ_SPECS");
        if (!string.IsNullOrEmpty(specs))
        {
            string fromVariable = Path.Combine(specs, "bson-corpus");
            return Directory.Exists(fromVariable) ? fromVariable : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenQuizz.Typed.sln")))
            {
                string candidate = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "specs", "bson-corpus"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    /// <summary>The 16 value bytes of a corpus document <c>{d: &lt;decimal128&gt;}</c>, after checking the document frame.</summary>
    private static byte[] ExtractDecimalBytes(byte[] document)
    {
        Assert.Equal(24, document.Length);
        Assert.Equal(24, BinaryPrimitives.ReadInt32LittleEndian(document));
        Assert.Equal(0x13, document[4]);
        Assert.Equal((byte)'d', document[5]);
        Assert.Equal(0, document[6]);
        Assert.Equal(0, document[23]);
        return document[7..23];
    }

    private static string ExtractNumberDecimal(string extendedJson)
    {
        using JsonDocument json = JsonDocument.Parse(extendedJson);
        return json.RootElement.GetProperty("d").GetProperty("$numberDecimal").GetString()!;
    }

    private static byte[] ToBytes(Decimal128 value)
    {
        byte[] bytes = new byte[16];
        value.WriteTo(bytes);
        return bytes;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Constants, construction and layout
    // ----------------------------------------------------------------------------------------------------------------

    [Fact]
    public void Constants_have_their_string_forms_and_classification()
    {
        Assert.Equal("NaN", Decimal128.NaN.ToString());
        Assert.Equal("Infinity", Decimal128.PositiveInfinity.ToString());
        Assert.Equal("-Infinity", Decimal128.NegativeInfinity.ToString());
        Assert.Equal("0", Decimal128.Zero.ToString());
        Assert.Equal("1", Decimal128.One.ToString());
        Assert.Equal("9.999999999999999999999999999999999E+6144", Decimal128.MaxValue.ToString());
        Assert.Equal("-9.999999999999999999999999999999999E+6144", Decimal128.MinValue.ToString());

        Assert.True(Decimal128.NaN.IsNaN);
        Assert.False(Decimal128.NaN.IsInfinity);
        Assert.False(Decimal128.NaN.IsZero);
        Assert.True(Decimal128.PositiveInfinity.IsInfinity);
        Assert.False(Decimal128.PositiveInfinity.IsNaN);
        Assert.False(Decimal128.PositiveInfinity.IsNegative);
        Assert.True(Decimal128.NegativeInfinity.IsInfinity);
        Assert.True(Decimal128.NegativeInfinity.IsNegative);
        Assert.True(Decimal128.Zero.IsZero);
        Assert.False(Decimal128.Zero.IsNegative);
        Assert.False(Decimal128.One.IsZero);
        Assert.True(Decimal128.MinValue.IsNegative);
        Assert.False(Decimal128.MaxValue.IsInfinity);

        // Constants are the values their canonical strings parse to.
        Assert.Equal(Decimal128.Parse("0"), Decimal128.Zero);
        Assert.Equal(Decimal128.Parse("1"), Decimal128.One);
        Assert.Equal(Decimal128.Parse("9999999999999999999999999999999999E+6111"), Decimal128.MaxValue);
        Assert.Equal(Decimal128.Parse("-9.999999999999999999999999999999999E+6144"), Decimal128.MinValue);
        Assert.Equal(Decimal128.Parse("-Infinity"), Decimal128.NegativeInfinity);
    }

    [Fact]
    public void Default_value_is_zero_with_exponent_zero()
    {
        Decimal128 value = default;
        Assert.Equal(Decimal128.Zero, value);
        Assert.Equal("0", value.ToString());
        Assert.Equal(0x3040_0000_0000_0000UL, value.HighBits);
        Assert.Equal(0UL, value.LowBits);
        Assert.Equal(
            Convert.FromHexString("00000000000000000000000000004030"),
            ToBytes(value));
    }

    [Fact]
    public void Bits_round_trip_through_FromIeeeBits_ReadFrom_and_WriteTo()
    {
        var random = new Random(20240613);
        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < 1000; i++)
        {
            ulong high = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            ulong low = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            Decimal128 value = Decimal128.FromIeeeBits(high, low);
            Assert.Equal(high, value.HighBits);
            Assert.Equal(low, value.LowBits);

            value.WriteTo(bytes);
            Assert.Equal(low, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            Assert.Equal(high, BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
            Assert.Equal(value, Decimal128.ReadFrom(bytes));
        }
    }

    [Fact]
    public void ReadFrom_and_WriteTo_use_only_the_first_16_bytes_and_reject_short_spans()
    {
        byte[] source = [.. Convert.FromHexString("01000000000000000000000000003E30"), 0xAA, 0xBB];
        Assert.Equal("0.1", Decimal128.ReadFrom(source).ToString());

        byte[] destination = Enumerable.Repeat((byte)0xEE, 18).ToArray();
        Decimal128.Parse("0.1").WriteTo(destination);
        Assert.Equal(source[..16], destination[..16]);
        Assert.Equal(0xEE, destination[16]);
        Assert.Equal(0xEE, destination[17]);

        Assert.Throws<ArgumentException>(() => Decimal128.ReadFrom(new byte[15]));
        Assert.Throws<ArgumentException>(() => Decimal128.One.WriteTo(new byte[15]));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(7, "7")]
    [InlineData(-7, "-7")]
    [InlineData(int.MaxValue, "2147483647")]
    [InlineData(int.MinValue, "-2147483648")]
    public void Int_conversions_are_exact_with_exponent_zero(int value, string expected)
    {
        Assert.Equal(expected, new Decimal128(value).ToString());
        Decimal128 implicitValue = value;
        Assert.Equal(Decimal128.Parse(expected), implicitValue);
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(-1_000_000_000_000L, "-1000000000000")]
    public void Long_conversions_are_exact_with_exponent_zero(long value, string expected)
    {
        Assert.Equal(expected, new Decimal128(value).ToString());
        Decimal128 implicitValue = value;
        Assert.Equal(Decimal128.Parse(expected), implicitValue);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // System.Decimal conversions
    // ----------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("0", "0")]
    [InlineData("0.00", "0.00")]
    [InlineData("1", "1")]
    [InlineData("-1", "-1")]
    [InlineData("1.50", "1.50")]
    [InlineData("-123456789.123456789", "-123456789.123456789")]
    [InlineData("0.001", "0.001")]
    [InlineData("0.0000001", "1E-7")]
    [InlineData("0.0000000000000000000000000001", "1E-28")]
    [InlineData("1.0000000000000000000000000001", "1.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950335")]
    [InlineData("7.9228162514264337593543950335", "7.9228162514264337593543950335")]
    public void Decimal_converts_exactly_and_keeps_its_scale(string decimalText, string expected)
    {
        decimal source = decimal.Parse(decimalText, NumberStyles.Float, CultureInfo.InvariantCulture);

        Decimal128 converted = source;
        Assert.Equal(expected, converted.ToString());
        Assert.Equal(new Decimal128(source), converted);

        decimal back = (decimal)converted;
        Assert.Equal(decimal.GetBits(source), decimal.GetBits(back));
    }

    [Fact]
    public void Decimal_extremes_round_trip()
    {
        Assert.Equal("79228162514264337593543950335", new Decimal128(decimal.MaxValue).ToString());
        Assert.Equal("-79228162514264337593543950335", new Decimal128(decimal.MinValue).ToString());
        Assert.Equal(decimal.MaxValue, (decimal)new Decimal128(decimal.MaxValue));
        Assert.Equal(decimal.MinValue, (decimal)new Decimal128(decimal.MinValue));
        Assert.Equal(decimal.MaxValue, new Decimal128(decimal.MaxValue).ToDecimal());
        Assert.Equal(decimal.MaxValue, (decimal)Decimal128.Parse("79228162514264337593543950335"));
        Assert.Equal(decimal.MaxValue, (decimal)Decimal128.Parse("7.9228162514264337593543950335E+28"));
    }

    [Fact]
    public void Negative_zero_decimal_keeps_its_sign_both_ways()
    {
        var negativeZero = new decimal(0, 0, 0, isNegative: true, scale: 2);
        Decimal128 converted = negativeZero;
        Assert.Equal("-0.00", converted.ToString());
        Assert.True(converted.IsNegative);
        Assert.True(converted.IsZero);
        Assert.NotEqual(Decimal128.Parse("0.00"), converted);

        decimal back = (decimal)Decimal128.Parse("-0.00");
        Assert.Equal(decimal.GetBits(negativeZero), decimal.GetBits(back));
        Assert.Equal(0m, back);
    }

    [Theory]
    [InlineData("0E+300", 0)]
    [InlineData("0E-40", 28)]
    [InlineData("0E-6176", 28)]
    [InlineData("0.000", 3)]
    public void Zero_converts_to_a_decimal_zero_with_the_nearest_scale(string text, int expectedScale)
    {
        decimal value = (decimal)Decimal128.Parse(text);
        Assert.Equal(0m, value);
        Assert.Equal(expectedScale, value.Scale);
    }

    [Theory]
    [InlineData("1E+28", "10000000000000000000000000000")]
    [InlineData("1.2E+3", "1200")]
    [InlineData("-5E+2", "-500")]
    // More than 28 fractional digits: rounded half to even at 28.
    [InlineData("1.00000000000000000000000000005", "1.0000000000000000000000000000")]
    [InlineData("1.00000000000000000000000000015", "1.0000000000000000000000000002")]
    [InlineData("1.000000000000000000000000000051", "1.0000000000000000000000000001")]
    [InlineData("-1.00000000000000000000000000015", "-1.0000000000000000000000000002")]
    [InlineData("5E-29", "0.0000000000000000000000000000")]
    [InlineData("1.5E-28", "0.0000000000000000000000000002")]
    [InlineData("1E-6176", "0.0000000000000000000000000000")]
    // Coefficient wider than 96 bits: rounded half to even to fewer fractional digits.
    [InlineData("79228162514264337593543950335.4", "79228162514264337593543950335")]
    // Rounding at one digit would carry past 2^96 - 1, so one more digit goes, as System.Decimal does.
    [InlineData("7922816251426433759354395033.55", "7922816251426433759354395034")]
    [InlineData("7922816251426433759354395033.54", "7922816251426433759354395033.5")]
    [InlineData("1.234567890123456789012345678901234", "1.2345678901234567890123456789")]
    public void Decimal128_to_decimal_rounds_half_to_even_when_digits_do_not_fit(string text, string expected)
    {
        decimal value = (decimal)Decimal128.Parse(text);
        decimal expectedValue = decimal.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(decimal.GetBits(expectedValue), decimal.GetBits(value));
    }

    [Theory]
    [InlineData("79228162514264337593543950336")]
    [InlineData("79228162514264337593543950335.5")]
    [InlineData("-79228162514264337593543950336")]
    [InlineData("1E+29")]
    [InlineData("1234567890123456789012345678901234")]
    [InlineData("9.999999999999999999999999999999999E+6111")]
    [InlineData("-1E+100")]
    public void Decimal128_to_decimal_overflow_names_the_value(string text)
    {
        Decimal128 value = Decimal128.Parse(text);
        var error = Assert.Throws<OverflowException>(() => (decimal)value);
        Assert.Contains(value.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal128_to_decimal_rejects_NaN_and_infinities_with_a_reason()
    {
        var nan = Assert.Throws<OverflowException>(() => (decimal)Decimal128.NaN);
        Assert.Contains("NaN", nan.Message, StringComparison.Ordinal);
        Assert.Contains("not a number", nan.Message, StringComparison.Ordinal);

        var positive = Assert.Throws<OverflowException>(() => (decimal)Decimal128.PositiveInfinity);
        Assert.Contains("Infinity", positive.Message, StringComparison.Ordinal);
        Assert.Contains("infinite", positive.Message, StringComparison.Ordinal);

        var negative = Assert.Throws<OverflowException>(() => (decimal)Decimal128.NegativeInfinity);
        Assert.Contains("-Infinity", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal128_to_decimal_agrees_with_System_Decimal_parsing_on_random_strings()
    {
        // System.Decimal's own parser rounds half to even in the same way, so it serves as the oracle.
        var random = new Random(1234);
        for (int i = 0; i < 5000; i++)
        {
            int digits = random.Next(1, 35);
            var text = new System.Text.StringBuilder(random.Next(2) == 0 ? "" : "-");
            for (int d = 0; d < digits; d++)
            {
                text.Append((char)('0' + random.Next(10)));
            }

            text.Append(CultureInfo.InvariantCulture, $"E{random.Next(-40, 8)}");
            string input = text.ToString();
            Decimal128 value = Decimal128.Parse(input);

            decimal expected;
            try
            {
                expected = decimal.Parse(input, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                Assert.Throws<OverflowException>(() => (decimal)value);
                continue;
            }

            decimal actual = (decimal)value;
            Assert.True(
                decimal.GetBits(expected).AsSpan().SequenceEqual(decimal.GetBits(actual)),
                $"{input}: expected {expected} (scale {expected.Scale}), got {actual} (scale {actual.Scale})");
        }
    }

    [Fact]
    public void Random_decimals_round_trip_bit_for_bit()
    {
        var random = new Random(42);
        for (int i = 0; i < 2000; i++)
        {
            var source = new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 1, (byte)random.Next(29));
            Decimal128 converted = source;
            Assert.Equal(decimal.GetBits(source), decimal.GetBits((decimal)converted));

            // The string form parses back to the same number in System.Decimal.
            Assert.Equal(source, decimal.Parse(converted.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Double conversion
    // ----------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("0.1", 0.1)]
    [InlineData("-2.5E+10", -2.5E+10)]
    [InlineData("1.7976931348623157E+308", double.MaxValue)]
    [InlineData("4.9E-324", double.Epsilon)]
    [InlineData("1E+400", double.PositiveInfinity)]
    [InlineData("-1E+400", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    public void Double_conversion_gives_the_nearest_double(string text, double expected)
    {
        Assert.Equal(expected, (double)Decimal128.Parse(text));
        Assert.Equal(expected, Decimal128.Parse(text).ToDouble());
    }

    [Fact]
    public void Double_conversion_of_NaN_and_signed_zeros()
    {
        Assert.True(double.IsNaN((double)Decimal128.NaN));
        Assert.True(double.IsNaN((double)Decimal128.Parse("-NaN")));

        double negativeZero = (double)Decimal128.Parse("-0.000");
        Assert.Equal(0.0, negativeZero);
        Assert.True(double.IsNegative(negativeZero));
        Assert.False(double.IsNegative((double)Decimal128.Parse("0E+20")));
        Assert.Equal(0.0, (double)Decimal128.Parse("1E-6176"));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Parsing and formatting beyond the corpus
    // ----------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("+.5", "0.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("017.", "17")]
    [InlineData("000000.000100", "0.000100")]
    [InlineData("1E0", "1")]
    [InlineData("1e-0", "1")]
    [InlineData("123E-8", "0.00000123")]
    [InlineData("123E-9", "1.23E-7")]
    [InlineData("12345E+0", "12345")]
    [InlineData("12345E+1", "1.2345E+5")]
    [InlineData("0E+999999999999999999999999", "0E+6111")]
    [InlineData("-0e-999999999999999999999999", "-0E-6176")]
    [InlineData("1E+000000000000000000000000000000000000000006111", "1E+6111")]
    // More than 34 digits whose extra digits are zeros: exact, so accepted.
    [InlineData("12345678901234567890123456789012340000", "1.234567890123456789012345678901234E+37")]
    [InlineData("1.000000000000000000000000000000000000000", "1.000000000000000000000000000000000")]
    // Clamping: zeros added to the coefficient when the exponent is too large, dropped when it is too small.
    [InlineData("1E+6144", "1.000000000000000000000000000000000E+6144")]
    [InlineData("10E-6177", "1E-6176")]
    [InlineData("INFINITY", "Infinity")]
    [InlineData("+Inf", "Infinity")]
    [InlineData("+nan", "NaN")]
    public void Parse_accepts_spec_syntax(string text, string expected)
    {
        Assert.Equal(expected, Decimal128.Parse(text).ToString());
        Assert.Equal(expected, Decimal128.Parse(expected).ToString());
    }

    [Theory]
    [InlineData("1E+6145", "overflow")]
    [InlineData("1E+9999999999999999999999", "overflow")]
    [InlineData("12345678901234567890123456789012345", "inexact")]
    [InlineData("1E-6177", "inexact")]
    [InlineData("1.5E-6176", "inexact")]
    [InlineData("1e+", "not a number")]
    [InlineData("+", "not a number")]
    [InlineData("-", "not a number")]
    [InlineData("1,5", "not a number")]
    [InlineData("١", "not a number")]
    [InlineData("ınf", "not a number")]
    [InlineData("Infinityy", "not a number")]
    [InlineData("sNaN", "not a number")]
    [InlineData("NaN1", "not a number")]
    [InlineData("0x10", "not a number")]
    [InlineData("1\u00002", "not a number")]
    public void Parse_rejects_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Decimal128.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(Decimal128.TryParse(text, out _));
    }

    [Fact]
    public void Parse_argument_checks_and_long_inputs()
    {
        Assert.Throws<ArgumentNullException>(() => Decimal128.Parse((string)null!));
        Assert.False(Decimal128.TryParse((string?)null, out Decimal128 result));
        Assert.Equal(Decimal128.Zero, result);

        // The message echoes a bounded prefix of the input.
        string longInput = new string('9', 5000);
        var error = Assert.Throws<FormatException>(() => Decimal128.Parse(longInput));
        Assert.True(error.Message.Length < 400, error.Message);

        // Many leading zeros and fraction digits are fine when the value is exact.
        string manyZeros = "0." + new string('0', 10_000) + "1E+10001";
        Assert.Equal("1", Decimal128.Parse(manyZeros).ToString());
        string trailingZeros = "1" + new string('0', 10_000) + "E-10000";
        Assert.Equal("1.000000000000000000000000000000000", Decimal128.Parse(trailingZeros).ToString());
    }

    [Fact]
    public void Random_canonical_values_survive_ToString_and_Parse()
    {
        var random = new Random(7);
        Span<char> buffer = stackalloc char[64];
        for (int i = 0; i < 5000; i++)
        {
            int digits = random.Next(1, 35);
            var text = new System.Text.StringBuilder();
            text.Append((char)('1' + random.Next(9)));
            for (int d = 1; d < digits; d++)
            {
                text.Append((char)('0' + random.Next(10)));
            }

            int exponent = random.Next(-6176, 6112);
            if (random.Next(4) == 0)
            {
                exponent = random.Next(-45, 10);
            }

            string sign = random.Next(2) == 0 ? "" : "-";
            string input = $"{sign}{text}E{exponent}";
            Decimal128 value = Decimal128.Parse(input);
            string formatted = value.ToString();
            Assert.Equal(value, Decimal128.Parse(formatted));

            Assert.True(value.TryFormat(buffer, out int written));
            Assert.Equal(formatted, buffer[..written].ToString());

            // The canonical form uses exponential notation exactly when the spec says so.
            int adjusted = exponent + digits - 1;
            Assert.Equal(exponent > 0 || adjusted < -6, formatted.Contains('E', StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Formatting_through_interfaces()
    {
        Decimal128 value = Decimal128.Parse("-1.23E+5");
        Assert.Equal("-1.23E+5", $"{value}");
        Assert.Equal("-1.23E+5", value.ToString("G", CultureInfo.GetCultureInfo("fr-FR")));
        Assert.Equal("-0.5", Decimal128.Parse("-0.5").ToString(null, CultureInfo.GetCultureInfo("de-DE")));
        Assert.Throws<FormatException>(() => value.ToString("N2", CultureInfo.InvariantCulture));

        Span<char> small = stackalloc char[7];
        Assert.False(value.TryFormat(small, out int written));
        Assert.Equal(0, written);
        Span<char> exact = stackalloc char[8];
        Assert.True(value.TryFormat(exact, out written));
        Assert.Equal(8, written);

        Span<char> longest = stackalloc char[64];
        Assert.True(Decimal128.Parse("-1.234567890123456789012345678901234E-6143").TryFormat(longest, out written));
        Assert.Equal("-1.234567890123456789012345678901234E-6143", longest[..written].ToString());
        Assert.True(Decimal128.Parse("-0.000001234567890123456789012345678901234").TryFormat(longest, out written));
        Assert.Equal("-0.000001234567890123456789012345678901234", longest[..written].ToString());
    }

    [Fact]
    public void Hot_paths_do_not_allocate()
    {
        byte[] bytes = Convert.FromHexString("F2AF967ED05C82DE3297FF6FDE3CF22F");
        byte[] destination = new byte[16];
        char[] chars = new char[64];
        string text = "-1.234567890123456789012345678901234E-6143";
        Decimal128 other = Decimal128.Parse("1.00");

        long checksum = 0;
        void Exercise()
        {
            Decimal128 read = Decimal128.ReadFrom(bytes);
            read.WriteTo(destination);
            Decimal128 parsed = Decimal128.Parse(text.AsSpan());
            checksum += Decimal128.TryParse("12.5E+3".AsSpan(), out Decimal128 tried) ? 1 : 0;
            checksum += read.CompareTo(parsed) + parsed.CompareTo(other) + tried.CompareTo(other);
            checksum += read.Equals(parsed) ? 1 : 0;
            checksum += read.GetHashCode();
            checksum += parsed.TryFormat(chars, out int written) ? written : 0;
            checksum += (long)(decimal)other + (long)(double)read;
        }

        Exercise();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Exercise();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);

        // ToString allocates the result string and nothing else.
        Decimal128 value = Decimal128.Parse(text);
        _ = value.ToString();
        before = GC.GetAllocatedBytesForCurrentThread();
        string formatted = value.ToString();
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 1, 32 + (2 * formatted.Length));
    }

    [Fact]
    public void Non_canonical_encodings_read_as_zero()
    {
        // Coefficient 10^34 in the first form: one past the largest canonical coefficient.
        Decimal128 justAbove = Decimal128.FromIeeeBits(0x3040_0000_0000_0000UL | 0x0001_ED09_BEAD_87C0UL, 0x378D_8E64_0000_0000UL);
        Assert.True(justAbove.IsZero);
        Assert.Equal("0", justAbove.ToString());
        Assert.Equal(0, justAbove.CompareTo(Decimal128.Zero));
        Assert.NotEqual(Decimal128.Zero, justAbove);

        // Coefficient 10^34 - 1 in the same form is the largest canonical one.
        Decimal128 largest = Decimal128.FromIeeeBits(0x3040_0000_0000_0000UL | 0x0001_ED09_BEAD_87C0UL, 0x378D_8E63_FFFF_FFFFUL);
        Assert.Equal("9999999999999999999999999999999999", largest.ToString());

        // Second form (bits 62-61 set), exponent field bits 60-47 = 6176 + 3.
        Decimal128 secondForm = Decimal128.FromIeeeBits(0x6000_0000_0000_0000UL | ((ulong)(6176 + 3) << 47) | 0x1234, 42);
        Assert.Equal("0E+3", secondForm.ToString());
        Assert.True(secondForm.IsZero);
        Assert.Equal(0.0, (double)secondForm);
        Assert.Equal(0m, (decimal)secondForm);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Equality and ordering
    // ----------------------------------------------------------------------------------------------------------------

    [Fact]
    public void Equality_is_bitwise_and_comparison_is_numeric()
    {
        Decimal128 oneTenths = Decimal128.Parse("1.0");
        Decimal128 oneHundredths = Decimal128.Parse("1.00");
        Assert.Equal(0, oneTenths.CompareTo(oneHundredths));
        Assert.False(oneTenths.Equals(oneHundredths));
        Assert.False(oneTenths == oneHundredths);
        Assert.True(oneTenths != oneHundredths);
        Assert.False(oneTenths.Equals((object)oneHundredths));

        Decimal128 again = Decimal128.Parse("10E-1");
        Assert.True(oneTenths.Equals(again));
        Assert.True(oneTenths == again);
        Assert.False(oneTenths != again);
        Assert.True(oneTenths.Equals((object)again));
        Assert.Equal(oneTenths.GetHashCode(), again.GetHashCode());

        Decimal128 negativeZero = Decimal128.Parse("-0");
        Assert.Equal(0, negativeZero.CompareTo(Decimal128.Zero));
        Assert.NotEqual(Decimal128.Zero, negativeZero);
        Assert.True(negativeZero != Decimal128.Zero);

        // Identical NaN bits are equal (a value object), different NaN encodings are not, yet all NaNs compare equal.
        Assert.Equal(Decimal128.NaN, Decimal128.Parse("nan"));
        Decimal128 negativeNaN = Decimal128.Parse("-NaN");
        Assert.NotEqual(Decimal128.NaN, negativeNaN);
        Assert.Equal(0, negativeNaN.CompareTo(Decimal128.NaN));

        Assert.False(Decimal128.One.Equals("1"));
        Assert.False(Decimal128.One.Equals(null));

        var set = new HashSet<Decimal128> { oneTenths, oneHundredths, again, negativeZero, Decimal128.Zero, default };
        Assert.Equal(4, set.Count);
    }

    [Fact]
    public void CompareTo_object_handles_null_and_other_types()
    {
        IComparable comparable = Decimal128.One;
        Assert.True(comparable.CompareTo(null) > 0);
        Assert.True(comparable.CompareTo(Decimal128.Zero) > 0);
        Assert.Equal(0, comparable.CompareTo(Decimal128.Parse("1.000")));
        Assert.Throws<ArgumentException>(() => comparable.CompareTo(1m));
    }

    /// <summary>Groups in ascending numeric order; values within a group are numerically equal.</summary>
    private static readonly string[][] OrderedGroups =
    [
        ["NaN", "-NaN", "bits:7E00000000000000:0", "bits:FE00000000000012:5"],
        ["-Infinity", "-inf"],
        ["-9.999999999999999999999999999999999E+6144", "-9999999999999999999999999999999999E+6111"],
        ["-1E+6144", "-1000000000000000000000000000000000E+6111"],
        ["-9.999999999999999999999999999999999E+6111"],
        ["-1E+6111", "-1000000000000000000000000000000000E+6078"],
        ["-10", "-10.000", "-1E+1", "-0.01E+3"],
        ["-9.999999999999999999999999999999999"],
        ["-1.5"],
        ["-1", "-1.0", "-1.000000000000000000000000000000000", "-100E-2"],
        ["-1E-6176"],
        ["0", "-0", "0E+6111", "-0E-6176", "0.00000", "bits:6C10000000000000:0"],
        ["1E-6176"],
        ["1.234567890123456789012345678901234E-6143"],
        ["0.000001"],
        ["0.5", "5E-1", "50E-2", "0.5000000000000000000000000000000000"],
        ["0.9999999999999999999999999999999999"],
        ["1", "1.0", "1.00", "1E0", "0.1E1", "1000000000000000000000000000000000E-33"],
        ["1.000000000000000000000000000000001"],
        ["9.999999999999999999999999999999998"],
        ["9.999999999999999999999999999999999", "9999999999999999999999999999999999E-33"],
        ["10", "1E+1", "10.0", "1.000000000000000000000000000000000E+1"],
        ["12345678901234567890123456789012.34", "1234567890123456789012345678901234E-2"],
        ["1E+33", "1000000000000000000000000000000000"],
        ["9999999999999999999999999999999999"],
        ["1E+34", "1.0E+34"],
        ["1E+6111"],
        ["9.999999999999999999999999999999999E+6111"],
        ["1E+6144", "1000000000000000000000000000000000E+6111", "1.0E+6144"],
        ["9.999999999999999999999999999999999E+6144"],
        ["Infinity", "+Infinity", "bits:7800000000000000:1"],
    ];

    [Fact]
    public void CompareTo_orders_every_pair_numerically()
    {
        var values = new List<(Decimal128 Value, int Group, string Text)>();
        for (int group = 0; group < OrderedGroups.Length; group++)
        {
            foreach (string text in OrderedGroups[group])
            {
                values.Add((ParseForOrdering(text), group, text));
            }
        }

        foreach (var (a, groupA, textA) in values)
        {
            foreach (var (b, groupB, textB) in values)
            {
                int expected = groupA.CompareTo(groupB);
                int actual = Math.Sign(a.CompareTo(b));
                Assert.True(expected == actual, $"CompareTo({textA}, {textB}) = {actual}, expected {expected}");
            }
        }
    }

    [Fact]
    public void CompareTo_agrees_with_System_Decimal_on_random_values()
    {
        var random = new Random(99);
        for (int i = 0; i < 5000; i++)
        {
            decimal a = RandomDecimal(random);
            decimal b = random.Next(8) == 0 ? a * (random.Next(2) == 0 ? 1.00m : -1m) : RandomDecimal(random);
            Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(new Decimal128(a).CompareTo(new Decimal128(b))));
        }
    }

    private static decimal RandomDecimal(Random random)
    {
        int hi = random.Next(4) switch
        {
            0 => 0,
            1 => random.Next(16),
            _ => random.Next(),
        };
        return new decimal(random.Next(), random.Next(4) == 0 ? 0 : random.Next(), hi, random.Next(2) == 1, (byte)random.Next(29));
    }

    private static Decimal128 ParseForOrdering(string text)
    {
        if (text.StartsWith("bits:", StringComparison.Ordinal))
        {
            string[] parts = text.Split(':');
            return Decimal128.FromIeeeBits(
                ulong.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }

        return Decimal128.Parse(text);
    }
}

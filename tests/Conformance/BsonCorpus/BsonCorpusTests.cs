using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Conformance.Infrastructure;
using static OpenQuizz.Typed.Conformance.BsonCorpus.CorpusAssert;

namespace OpenQuizz.Typed.Conformance.BsonCorpus;

/// <summary>
/// The BSON corpus (<c>source/bson-corpus/bson-corpus.md</c>) through the client side's engine: our span reader and
/// writer build and write MongoDB.Bson's document object model, and MongoDB.Bson's Extended JSON reader and writer
/// do the text. One test per case of every <c>*.json</c> file in the corpus folder.
/// </summary>
/// <remarks>
/// Valid cases: cB → DOM → cB, → cEJ and → rEJ; cB copied value by value through <see cref="BsonSpanReader"/> and
/// <see cref="BsonSpanWriter"/> → cB (every type, DBPointer included); cEJ → DOM → cEJ and → cB (unless lossy);
/// dB → DOM → cB, cEJ and rEJ; dEJ → DOM → cEJ and → cB (unless lossy); rEJ → DOM → rEJ; converted forms against
/// each other. Decode errors must raise <see cref="BsonFormatException"/> from our reader; parse errors must fail
/// MongoDB.Bson's Extended JSON parser (after checking that the text is valid plain JSON), or for Decimal128 files
/// <see cref="Decimal128.Parse(string)"/>. The few places where MongoDB.Bson's own Extended JSON departs from the
/// corpus are listed in <see cref="MongoDbBsonJsonDifferences"/> with the reason; our byte engine has no exceptions.
/// </remarks>
[Trait("Suite", Suite)]
public sealed class BsonCorpusTests
{
    private const string Suite = "bson-corpus";

    public static TheoryData<string> Cases() => SpecFiles.Cases(Suite, "valid", "decodeErrors", "parseErrors");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string caseId)
    {
        var spec = SpecFiles.Load(caseId);
        var header = BsonCorpusHeader.Of(spec);
        var array = caseId[(caseId.LastIndexOf('#') + 1)..caseId.LastIndexOf('/')];
        switch (array)
        {
            case "valid":
                RunValid(spec.Deserialize(BsonCorpusJsonContext.Default.ValidCase), MongoDbBsonJsonDifferences.Reason(caseId));
                break;
            case "decodeErrors":
                RunDecodeError(spec.Deserialize(BsonCorpusJsonContext.Default.DecodeErrorCase));
                break;
            case "parseErrors" when MongoDbBsonJsonDifferences.Reason(caseId) is { } reason:
                Assert.Skip(reason);
                break;
            case "parseErrors":
                RunParseError(header, spec.Deserialize(BsonCorpusJsonContext.Default.ParseErrorCase));
                break;
            default:
                Assert.Fail($"{caseId}: unknown case array '{array}'.");
                break;
        }
    }

    private static void RunValid(ValidCase test, string? difference)
    {
        var context = $"'{test.Description}'";
        var canonicalBson = Convert.FromHexString(test.CanonicalBson);

        AssertBytes(context, "canonical_bson → BsonSpanReader → BsonSpanWriter → BSON", test.CanonicalBson, Step(context, "copying canonical_bson", () => BsonStreamCopy.Copy(canonicalBson)));
        if (test.DegenerateBson is { } degenerate)
        {
            AssertBytes(context, "degenerate_bson → BsonSpanReader → BsonSpanWriter → BSON", test.CanonicalBson, Step(context, "copying degenerate_bson", () => BsonStreamCopy.Copy(Convert.FromHexString(degenerate))));
        }

        if (difference is not null)
        {
            // The byte engine passed above; MongoDB.Bson's DOM or JSON cannot (see MongoDbBsonJsonDifferences).
            Assert.Skip(difference);
        }

        var fromCanonicalBson = Step(context, "decoding canonical_bson", () => BsonDocument.FromBytes(canonicalBson));
        AssertBytes(context, "canonical_bson → DOM → BSON", test.CanonicalBson, fromCanonicalBson.ToBytes());
        AssertJson(context, "canonical_bson → DOM → canonical Extended JSON", test.CanonicalExtJson, fromCanonicalBson.ToJson(Canonical));
        if (test.RelaxedExtJson is { } relaxed)
        {
            AssertJson(context, "canonical_bson → DOM → relaxed Extended JSON", relaxed, fromCanonicalBson.ToJson(Relaxed));
        }

        var fromCanonicalJson = Step(context, "parsing canonical_extjson", () => BsonDocument.Parse(test.CanonicalExtJson));
        AssertJson(context, "canonical_extjson → DOM → canonical Extended JSON", test.CanonicalExtJson, fromCanonicalJson.ToJson(Canonical));
        if (!test.Lossy)
        {
            AssertBytes(context, "canonical_extjson → DOM → BSON", test.CanonicalBson, fromCanonicalJson.ToBytes());
        }

        if (test.DegenerateBson is { } degenerateBson)
        {
            var fromDegenerateBson = Step(context, "decoding degenerate_bson", () => BsonDocument.FromBytes(Convert.FromHexString(degenerateBson)));
            AssertBytes(context, "degenerate_bson → DOM → BSON", test.CanonicalBson, fromDegenerateBson.ToBytes());
            AssertJson(context, "degenerate_bson → DOM → canonical Extended JSON", test.CanonicalExtJson, fromDegenerateBson.ToJson(Canonical));
            if (test.RelaxedExtJson is { } relaxedFromDegenerate)
            {
                AssertJson(context, "degenerate_bson → DOM → relaxed Extended JSON", relaxedFromDegenerate, fromDegenerateBson.ToJson(Relaxed));
            }
        }

        if (test.DegenerateExtJson is { } degenerateJson)
        {
            var fromDegenerateJson = Step(context, "parsing degenerate_extjson", () => BsonDocument.Parse(degenerateJson));
            AssertJson(context, "degenerate_extjson → DOM → canonical Extended JSON", test.CanonicalExtJson, fromDegenerateJson.ToJson(Canonical));
            if (!test.Lossy)
            {
                AssertBytes(context, "degenerate_extjson → DOM → BSON", test.CanonicalBson, fromDegenerateJson.ToBytes());
            }
        }

        if (test.RelaxedExtJson is { } relaxedInput)
        {
            var fromRelaxed = Step(context, "parsing relaxed_extjson", () => BsonDocument.Parse(relaxedInput));
            AssertJson(context, "relaxed_extjson → DOM → relaxed Extended JSON", relaxedInput, fromRelaxed.ToJson(Relaxed));
        }

        // Deprecated types: the DOM keeps them as they are, so the converted forms are checked against each other.
        if (test.ConvertedExtJson is { } convertedJson)
        {
            var fromConvertedJson = Step(context, "parsing converted_extjson", () => BsonDocument.Parse(convertedJson));
            AssertJson(context, "converted_extjson → DOM → canonical Extended JSON", convertedJson, fromConvertedJson.ToJson(Canonical));
            if (test.ConvertedBson is { } convertedHex)
            {
                AssertBytes(context, "converted_extjson → DOM → BSON", convertedHex, fromConvertedJson.ToBytes());
                var fromConvertedBson = Step(context, "decoding converted_bson", () => BsonDocument.FromBytes(Convert.FromHexString(convertedHex)));
                AssertJson(context, "converted_bson → DOM → canonical Extended JSON", convertedJson, fromConvertedBson.ToJson(Canonical));
            }
        }
    }

    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson };
    private static readonly JsonWriterSettings Relaxed = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson };

    private static void RunDecodeError(DecodeErrorCase test)
    {
        var bytes = Convert.FromHexString(test.Bson);
        BsonDocument? decoded = null;
        var error = Record.Exception(() => decoded = BsonDocument.FromBytes(bytes));
        switch (error)
        {
            case BsonFormatException:
                break;
            case null:
                Assert.Fail($"'{test.Description}': {test.Bson} decoded without error as {decoded!.ToJson(Canonical)}.");
                break;
            default:
                Assert.Fail($"'{test.Description}': expected a BsonFormatException, got {error}");
                break;
        }
    }

    private static void RunParseError(BsonCorpusHeader header, ParseErrorCase test)
    {
        if (header.IsDecimal128)
        {
            Assert.False(Decimal128.TryParse(test.String, out var parsed), $"'{test.Description}': Decimal128.TryParse(\"{test.String}\") succeeded with {parsed}.");
            var decimalError = Record.Exception(() => Decimal128.Parse(test.String));
            Assert.True(decimalError is FormatException, $"'{test.Description}': expected a FormatException from Decimal128.Parse, got {decimalError?.ToString() ?? "no error"}");
            return;
        }

        // The spec asks to check that the text is valid plain JSON, so the case tests Extended JSON rules, not syntax.
        Step($"'{test.Description}'", "parsing as plain JSON", () => JsonDocument.Parse(test.String)).Dispose();
        BsonDocument? document = null;
        var error = Record.Exception(() => document = BsonDocument.Parse(test.String));
        switch (error)
        {
            // MongoDB.Bson's JSON reader reports bad Extended JSON as a FormatException or one of its BSON exceptions.
            case FormatException or BsonException or OverflowException or ArgumentException:
                break;
            case null:
                Assert.Fail($"'{test.Description}': {test.String} parsed without error as {document!.ToJson(Canonical)}.");
                break;
            default:
                Assert.Fail($"'{test.Description}': expected MongoDB.Bson's parser to refuse it, got {error}");
                break;
        }
    }
}

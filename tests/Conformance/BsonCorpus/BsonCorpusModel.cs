using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenQuizz.Typed.Conformance.Infrastructure;

namespace OpenQuizz.Typed.Conformance.BsonCorpus;

/// <summary>The file-level keys of a BSON corpus file (<c>source/bson-corpus/bson-corpus.md</c>, "Top level keys").</summary>
internal sealed record BsonCorpusHeader
{
    private static readonly ConcurrentDictionary<string, BsonCorpusHeader> Headers = new(StringComparer.Ordinal);

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    /// <summary>The element type under test as a hex string (<c>"0x13"</c>), or <c>"0x00"</c> for whole-document files.</summary>
    [JsonPropertyName("bson_type")]
    public required string BsonType { get; init; }

    [JsonPropertyName("test_key")]
    public string? TestKey { get; init; }

    [JsonPropertyName("deprecated")]
    public bool Deprecated { get; init; }

    /// <summary>Whether parse errors are for the Decimal128 string parser rather than the Extended JSON parser.</summary>
    [JsonIgnore]
    public bool IsDecimal128 => string.Equals(BsonType, "0x13", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads (once per file) the header of the file <paramref name="spec"/> comes from; errors name the file and the JSON path.</summary>
    public static BsonCorpusHeader Of(SpecCase spec) => Headers.GetOrAdd(spec.Path, static (_, s) => Read(s), spec);

    private static BsonCorpusHeader Read(SpecCase spec)
    {
        try
        {
            return spec.File.Deserialize(BsonCorpusJsonContext.Default.BsonCorpusHeader)
                ?? throw new InvalidDataException($"{spec.Path}: the file is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{spec.Path}: cannot read the file header at {e.Path ?? "$"} ({e.Message}).", e);
        }
    }
}

/// <summary>A <c>valid</c> case: equivalent BSON and Extended JSON forms (cB, cEJ, rEJ, dB, dEJ, converted forms).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ValidCase
{
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("canonical_bson")]
    public required string CanonicalBson { get; init; }

    [JsonPropertyName("canonical_extjson")]
    public required string CanonicalExtJson { get; init; }

    [JsonPropertyName("relaxed_extjson")]
    public string? RelaxedExtJson { get; init; }

    [JsonPropertyName("degenerate_bson")]
    public string? DegenerateBson { get; init; }

    [JsonPropertyName("degenerate_extjson")]
    public string? DegenerateExtJson { get; init; }

    [JsonPropertyName("converted_bson")]
    public string? ConvertedBson { get; init; }

    [JsonPropertyName("converted_extjson")]
    public string? ConvertedExtJson { get; init; }

    /// <summary>The canonical BSON cannot be represented exactly in Extended JSON (a NaN payload, for instance).</summary>
    [JsonPropertyName("lossy")]
    public bool Lossy { get; init; }
}

/// <summary>A <c>decodeErrors</c> case: bytes that must not decode.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record DecodeErrorCase
{
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("bson")]
    public required string Bson { get; init; }
}

/// <summary>A <c>parseErrors</c> case: text that must not parse (as Extended JSON, or as a Decimal128 string for type 0x13).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ParseErrorCase
{
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("string")]
    public required string String { get; init; }
}

/// <summary>
/// Source-generated metadata for the corpus records. Case records refuse unknown keys, so a case kind this runner
/// does not check cannot be skipped silently.
/// </summary>
[JsonSourceGenerationOptions(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BsonCorpusHeader))]
[JsonSerializable(typeof(ValidCase))]
[JsonSerializable(typeof(DecodeErrorCase))]
[JsonSerializable(typeof(ParseErrorCase))]
internal sealed partial class BsonCorpusJsonContext : JsonSerializerContext;

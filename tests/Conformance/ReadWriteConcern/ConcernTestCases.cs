using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenQuizz.Typed.Conformance.ReadWriteConcern;

/// <summary>A case of <c>read-write-concern/connection-string</c>.</summary>
internal sealed record ConcernUriTestCase(
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("warning")] bool? Warning,
    [property: JsonPropertyName("readConcern")] ReadConcernSpec? ReadConcern,
    [property: JsonPropertyName("writeConcern")] WriteConcernSpec? WriteConcern);

/// <summary>A case of <c>read-write-concern/document</c>: a concern, its validity and its command-document form.</summary>
internal sealed record ConcernDocumentTestCase(
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("readConcern")] ReadConcernSpec? ReadConcern,
    [property: JsonPropertyName("readConcernDocument")] JsonElement? ReadConcernDocument,
    [property: JsonPropertyName("writeConcern")] WriteConcernSpec? WriteConcern,
    [property: JsonPropertyName("writeConcernDocument")] JsonElement? WriteConcernDocument,
    [property: JsonPropertyName("isServerDefault")] bool? IsServerDefault,
    [property: JsonPropertyName("isAcknowledged")] bool? IsAcknowledged);

/// <summary>A read concern as the vectors write it.</summary>
internal sealed record ReadConcernSpec([property: JsonPropertyName("level")] string? Level);

/// <summary>A write concern as the vectors write it; <c>w</c> is a number or a string.</summary>
internal sealed record WriteConcernSpec(
    [property: JsonPropertyName("w")] JsonElement? W,
    [property: JsonPropertyName("wtimeoutMS")] long? WTimeoutMS,
    [property: JsonPropertyName("journal")] bool? Journal);

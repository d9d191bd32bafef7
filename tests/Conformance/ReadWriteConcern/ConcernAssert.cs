using System.Text.Json;
using System.Text.Json.Nodes;
using OpenQuizz.Typed.Conformance.ConnectionString;

namespace OpenQuizz.Typed.Conformance.ReadWriteConcern;

/// <summary>Comparisons and conversions between the vectors' concerns and <see cref="WriteConcern"/> / <see cref="ReadConcern"/>.</summary>
internal static class ConcernAssert
{
    public static void WriteConcernEquals(string caseId, WriteConcernSpec expected, WriteConcern actual)
    {
        if (expected.W is { } w)
        {
            OptionAssert.W(caseId, w, actual.W);
        }
        else
        {
            Assert.True(actual.W is null, $"{caseId}: w is '{actual.W}', expected none.");
        }

        long? timeout = actual.WTimeout is { } span ? (long)span.TotalMilliseconds : null;
        Assert.True(expected.WTimeoutMS == timeout,
            $"{caseId}: wtimeout is {timeout?.ToString() ?? "none"} ms, expected {expected.WTimeoutMS?.ToString() ?? "none"} ms.");
        Assert.True(expected.Journal == actual.Journal, $"{caseId}: journal is {actual.Journal}, expected {expected.Journal}.");
    }

    /// <summary>Builds the write concern a vector describes; throws <see cref="ArgumentException"/> when it is invalid.</summary>
    public static WriteConcern Create(WriteConcernSpec spec)
    {
        WriteConcernW? w = null;
        if (spec.W is { } value)
        {
            w = value.ValueKind == JsonValueKind.Number ? WriteConcernW.Members(value.GetInt32()) : WriteConcernW.FromMode(value.GetString()!);
        }

        TimeSpan? timeout = spec.WTimeoutMS is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
        return new WriteConcern(w, timeout, spec.Journal);
    }

    /// <summary>The command-document form: <c>{ w, j, wtimeout }</c> with only the fields that are set.</summary>
    public static JsonObject Document(WriteConcern concern)
    {
        var document = new JsonObject();
        if (concern.W is { } w)
        {
            document["w"] = w.Count is { } count ? JsonValue.Create(count) : JsonValue.Create(w.Mode);
        }

        if (concern.Journal is { } journal)
        {
            document["j"] = journal;
        }

        if (concern.WTimeout is { } timeout)
        {
            document["wtimeout"] = (long)timeout.TotalMilliseconds;
        }

        return document;
    }

    /// <summary>The command-document form: <c>{ level }</c>, or empty for the server default.</summary>
    public static JsonObject Document(ReadConcern concern) =>
        concern.Level is { } level ? new JsonObject { ["level"] = level.Value } : [];

    public static void DocumentEquals(string caseId, JsonElement expected, JsonObject actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), actual),
            $"{caseId}: document {actual.ToJsonString()}, expected {expected.GetRawText()}.");
}

using MongoDB.Bson;
using System.Text.Json;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Conformance.Infrastructure;

namespace OpenQuizz.Typed.Conformance.Sdam;

/// <summary>
/// Reading the one-case-per-file vectors of the topology suites (SDAM, server selection, max staleness, CMAP): file
/// lists as theory data, and typed accessors whose errors name the file and the JSON path.
/// </summary>
internal static class VectorJson
{
    public const string Missing = "#missing";

    /// <summary>Root-relative paths of the suite's files below <paramref name="folders"/>, or one <see cref="Missing"/> row.</summary>
    public static TheoryData<string> Files(string suite, params string[] folders)
    {
        var data = new TheoryData<string>();
        var any = false;
        foreach (var folder in folders.Length == 0 ? [suite] : folders.Select(f => $"{suite}/{f}"))
        {
            foreach (var file in SpecFiles.Files(folder))
            {
                data.Add(file);
                any = true;
            }
        }

        if (!any)
        {
            data.Add(suite + Missing);
        }

        return data;
    }

    /// <summary>Loads a file (skipping the test when its suite folder is missing).</summary>
    public static VectorNode Load(string file)
    {
        if (file.EndsWith(Missing, StringComparison.Ordinal))
        {
            Assert.Skip($"The spec folder '{file[..^Missing.Length]}' was not found under {SpecFiles.Root} (set {SpecFiles.EnvironmentVariable}).");
        }

        var path = Path.Combine(SpecFiles.Root, file);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new VectorNode(file, "$", document.RootElement.Clone());
    }

    /// <summary>Parses <c>host:port</c> as the vectors write it (lower-cased, as SDAM normalizes).</summary>
    public static MongoServerAddress Address(string text) => MongoServerAddress.Parse(text.ToLowerInvariant());
}

/// <summary>A JSON value of a vector file with its path, so every error says where the vector was malformed.</summary>
internal readonly record struct VectorNode(string File, string Path, JsonElement Element)
{
    public bool Has(string name) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out _);

    public VectorNode this[string name] =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var value)
            ? new VectorNode(File, $"{Path}.{name}", value)
            : throw Fail($"is missing '{name}'");

    public VectorNode? Optional(string name) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var value) ? new VectorNode(File, $"{Path}.{name}", value) : null;

    public bool IsNull => Element.ValueKind == JsonValueKind.Null;

    public IEnumerable<VectorNode> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Fail("is not an array");
        }

        var index = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return new VectorNode(File, $"{Path}[{index++}]", item);
        }
    }

    public IEnumerable<(string Name, VectorNode Value)> Properties()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Fail("is not an object");
        }

        foreach (var property in Element.EnumerateObject())
        {
            yield return (property.Name, new VectorNode(File, $"{Path}.{property.Name}", property.Value));
        }
    }

    public string String() => Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Fail("is not a string");

    public long Long()
    {
        if (Element.ValueKind == JsonValueKind.Number)
        {
            return Element.GetInt64();
        }

        if (Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty("$numberLong", out var text))
        {
            return long.Parse(text.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }

        throw Fail("is not an integer");
    }

    public double Double() => Element.ValueKind == JsonValueKind.Number ? Element.GetDouble() : throw Fail("is not a number");

    public bool Bool() => Element.ValueKind is JsonValueKind.True or JsonValueKind.False ? Element.GetBoolean() : throw Fail("is not a boolean");

    public BsonDocument Document()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Fail("is not a document");
        }

        try
        {
            return BsonDocument.Parse(Element.GetRawText());
        }
        catch (Exception e)
        {
            throw new InvalidDataException($"{File}: {Path} is not valid Extended JSON: {e.Message}", e);
        }
    }

    public InvalidDataException Fail(string problem) => new($"{File}: {Path} {problem}.");
}

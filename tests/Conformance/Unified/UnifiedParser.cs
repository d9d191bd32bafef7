using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>
/// Reads a unified test file (Extended JSON) into <see cref="UnifiedFile"/>. Every error names the file and the JSON path
/// of the offending value, such as <c>crud/find.json: $.tests[2].operations[0].object: expected a string</c>.
/// </summary>
public static class UnifiedParser
{
    /// <summary>The schema versions this runner reads (major 1, minor up to this).</summary>
    public static readonly Version SupportedSchema = new(1, 25);

    public static UnifiedFile Parse(string relativePath, string json)
    {
        BsonDocument root;
        try
        {
            root = BsonDocument.Parse(json);
        }
        catch (Exception e) when (e is FormatException or BsonException)
        {
            throw new InvalidDataException($"{relativePath}: not valid Extended JSON ({e.Message}).", e);
        }

        var r = new Reader(relativePath);
        return new UnifiedFile(
            relativePath,
            r.String(root, "$", "description"),
            r.String(root, "$", "schemaVersion"),
            r.Array(root, "$", "runOnRequirements", (v, p) => Requirement(r, v, p)),
            r.Array(root, "$", "createEntities", (v, p) => Entity(r, v, p)),
            r.Array(root, "$", "initialData", (v, p) => Collection(r, v, p)),
            r.Array(root, "$", "tests", (v, p) => Test(r, v, p)));
    }

    private static UnifiedTest Test(Reader r, BsonValue value, string path)
    {
        var d = r.Document(value, path);
        return new UnifiedTest(
            r.String(d, path, "description"),
            r.Array(d, path, "runOnRequirements", (v, p) => Requirement(r, v, p)),
            r.OptionalString(d, path, "skipReason"),
            r.Array(d, path, "operations", (v, p) => Operation(r, v, p)),
            r.Array(d, path, "expectEvents", (v, p) => Events(r, v, p)),
            r.Array(d, path, "outcome", (v, p) => Collection(r, v, p)));
    }

    private static RunOnRequirement Requirement(Reader r, BsonValue value, string path)
    {
        var d = r.Document(value, path);
        return new RunOnRequirement(
            r.OptionalString(d, path, "minServerVersion"),
            r.OptionalString(d, path, "maxServerVersion"),
            d.Contains("topologies") ? r.Array(d, path, "topologies", (v, p) => v is BsonString s ? s.Value : throw r.Error(p, "expected a string")) : null,
            r.OptionalString(d, path, "serverless"),
            d.GetValue("serverParameters", null) as BsonDocument,
            r.OptionalBool(d, path, "auth"),
            r.OptionalBool(d, path, "csfle"),
            d);
    }

    private static EntityDefinition Entity(Reader r, BsonValue value, string path)
    {
        var d = r.Document(value, path);
        if (d.ElementCount != 1 || d.GetElement(0).Value is not BsonDocument body)
        {
            throw r.Error(path, "an entity is a document with one field naming its kind");
        }

        var kind = d.GetElement(0).Name;
        return new EntityDefinition(kind, r.String(body, $"{path}.{kind}", "id"), body, $"{path}.{kind}");
    }

    private static CollectionData Collection(Reader r, BsonValue value, string path)
    {
        var d = r.Document(value, path);
        return new CollectionData(
            r.String(d, path, "databaseName"),
            r.String(d, path, "collectionName"),
            d.GetValue("createOptions", null) as BsonDocument,
            r.Array(d, path, "documents", (v, p) => r.Document(v, p)));
    }

    private static UnifiedOperation Operation(Reader r, BsonValue value, string path)
    {
        var d = r.Document(value, path);
        return new UnifiedOperation(
            r.String(d, path, "name"),
            r.String(d, path, "object"),
            d.Contains("arguments") ? r.Document(d["arguments"], path + ".arguments") : [],
            d.Contains("expectError") ? Error(r, d["expectError"], path + ".expectError") : null,
            d.GetValue("expectResult", null),
            r.OptionalString(d, path, "saveResultAsEntity"),
            r.OptionalBool(d, path, "ignoreResultAndError") ?? false,
            path);
    }

    private static ExpectedError Error(Reader r, BsonValue value, string path)
    {
        var d = r.Document(value, path);
        return new ExpectedError(
            r.OptionalBool(d, path, "isClientError"),
            r.OptionalBool(d, path, "isTimeoutError"),
            r.OptionalString(d, path, "errorContains"),
            d.GetValue("errorCode", null) is { IsNumeric: true } code ? code.ToInt32() : null,
            r.OptionalString(d, path, "errorCodeName"),
            d.Contains("errorLabelsContain") ? r.Array(d, path, "errorLabelsContain", (v, p) => v.AsString) : null,
            d.Contains("errorLabelsOmit") ? r.Array(d, path, "errorLabelsOmit", (v, p) => v.AsString) : null,
            d.GetValue("expectResult", null),
            d);
    }

    private static ExpectedEventsForClient Events(Reader r, BsonValue value, string path)
    {
        var d = r.Document(value, path);
        return new ExpectedEventsForClient(
            r.String(d, path, "client"),
            r.OptionalString(d, path, "eventType") ?? "command",
            r.OptionalBool(d, path, "ignoreExtraEvents") ?? false,
            r.Array(d, path, "events", (v, p) => r.Document(v, p)));
    }

    private sealed class Reader(string file)
    {
        public InvalidDataException Error(string path, string message) => new($"{file}: {path}: {message}");

        public BsonDocument Document(BsonValue value, string path) =>
            value as BsonDocument ?? throw Error(path, $"expected a document, found {value.BsonType}");

        public string String(BsonDocument d, string path, string name) =>
            OptionalString(d, path, name) ?? throw Error($"{path}.{name}", "required string is missing");

        public string? OptionalString(BsonDocument d, string path, string name) => d.GetValue(name, null) switch
        {
            null => null,
            BsonString s => s.Value,
            var other => throw Error($"{path}.{name}", $"expected a string, found {other.BsonType}"),
        };

        public bool? OptionalBool(BsonDocument d, string path, string name) => d.GetValue(name, null) switch
        {
            null => null,
            BsonBoolean b => b.Value,
            var other => throw Error($"{path}.{name}", $"expected a boolean, found {other.BsonType}"),
        };

        public IReadOnlyList<T> Array<T>(BsonDocument d, string path, string name, Func<BsonValue, string, T> item)
        {
            switch (d.GetValue(name, null))
            {
                case null:
                    return [];
                case BsonArray array:
                    var list = new List<T>(array.Count);
                    for (var i = 0; i < array.Count; i++)
                    {
                        list.Add(item(array[i], $"{path}.{name}[{i}]"));
                    }

                    return list;
                case var other:
                    throw Error($"{path}.{name}", $"expected an array, found {other.BsonType}");
            }
        }
    }
}

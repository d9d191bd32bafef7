using System.Globalization;
using System.Text;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Indexes;

/// <summary>One field of an index key pattern: a dotted path and its direction (1 or -1).</summary>
internal readonly record struct IndexField(string Path, int Direction)
{
    /// <summary>The path split on dots, for key extraction.</summary>
    public string[] Parts { get; } = Path.Split('.');
}

/// <summary>
/// A validated index specification as createIndexes receives it and listIndexes returns it. The spec document is
/// kept (normalised to start with v, key, name) so listIndexes echoes what was asked for.
/// </summary>
internal sealed class IndexSpec
{
    /// <summary>Options mongod accepts in a spec; the ones not implemented here are stored and echoed only.</summary>
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "key", "name", "v", "unique", "sparse", "partialFilterExpression", "expireAfterSeconds", "background", "ns",
        "hidden", "collation", "storageEngine", "weights", "default_language", "language_override", "textIndexVersion",
        "2dsphereIndexVersion", "bits", "min", "max", "wildcardProjection", "bucketSize", "coarsestIndexedLevel",
        "finestIndexedLevel", "dropDups", "prepareUnique",
    };

    private IndexSpec(BsonDocument document, BsonDocument key, string name, IndexField[] fields)
    {
        Document = document;
        Key = key;
        Name = name;
        Fields = fields;
    }

    public const string IdIndexName = "_id_";

    /// <summary>The spec as listIndexes returns it.</summary>
    public BsonDocument Document { get; }

    public BsonDocument Key { get; }

    public string Name { get; }

    public IndexField[] Fields { get; }

    public bool Unique { get; private init; }

    public bool Sparse { get; private init; }

    public BsonDocument? PartialFilterExpression { get; private init; }

    /// <summary>The compiled partial filter; documents it rejects are not indexed.</summary>
    public FilterNode? PartialFilter { get; private init; }

    public long? ExpireAfterSeconds { get; private init; }

    public bool IsId => Name == IdIndexName;

    public static IndexSpec IdIndex { get; } = new(
        new BsonDocument { { "v", 2 }, { "key", new BsonDocument("_id", 1) }, { "name", IdIndexName } },
        new BsonDocument("_id", 1),
        IdIndexName,
        [new IndexField("_id", 1)]) { Unique = true };

    /// <summary>mongod's generated name: fields and directions joined by underscores (<c>a_1_b_-1</c>).</summary>
    public static string DefaultName(BsonDocument key)
    {
        var name = new StringBuilder();
        foreach (var element in key)
        {
            if (name.Length > 0)
            {
                name.Append('_');
            }

            name.Append(element.Name).Append('_');
            name.Append(element.Value switch
            {
                BsonString s => s.Value,
                BsonInt32 i => i.Value.ToString(CultureInfo.InvariantCulture),
                BsonInt64 l => l.Value.ToString(CultureInfo.InvariantCulture),
                BsonDouble d => d.Value.ToString(CultureInfo.InvariantCulture),
                var other => other.ToString(),
            });
        }

        return name.ToString();
    }

    /// <summary>Validates a spec of createIndexes.indexes (or of a journal record) and compiles it.</summary>
    /// <exception cref="MongoServerException">Invalid key pattern or options, with mongod's codes.</exception>
    public static IndexSpec Parse(BsonValue value)
    {
        if (value is not BsonDocument spec)
        {
            throw new MongoServerException(ErrorCodes.TypeMismatch, "The field 'indexes' must be an array of objects, but found a value that is not an object");
        }

        foreach (var element in spec)
        {
            if (!KnownFields.Contains(element.Name))
            {
                throw new MongoServerException(
                    ErrorCodes.InvalidIndexSpecificationOption,
                    $"The field '{element.Name}' is not valid for an index specification. Specification: {spec}");
            }
        }

        if (!spec.TryGetValue("key", out var keyValue))
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, $"The 'key' field is a required property of an index specification. Specification: {spec}");
        }

        if (keyValue is not BsonDocument key)
        {
            throw new MongoServerException(ErrorCodes.TypeMismatch, $"The field 'key' must be an object, but got {BsonTypeNames.AliasOf(keyValue.BsonType)}");
        }

        var fields = ParseKey(key);
        string name;
        if (spec.TryGetValue("name", out var nameValue))
        {
            name = nameValue is BsonString { Value: var n }
                ? n
                : throw new MongoServerException(ErrorCodes.TypeMismatch, $"The field 'name' must be a string, but got {BsonTypeNames.AliasOf(nameValue.BsonType)}");
            if (name.Length == 0)
            {
                throw new MongoServerException(ErrorCodes.CannotCreateIndex, "The index name cannot be empty");
            }
        }
        else
        {
            name = DefaultName(key);
        }

        var isIdKey = fields.Length == 1 && fields[0].Path == "_id" && fields[0].Direction == 1;
        if (name == IdIndexName && !isIdKey)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"The index name '_id_' is reserved for the _id index, which must have key pattern {{_id: 1}}, but found {key} instead");
        }

        var unique = Flag(spec, "unique");
        var sparse = Flag(spec, "sparse");
        BsonDocument? partial = null;
        FilterNode? partialFilter = null;
        if (spec.TryGetValue("partialFilterExpression", out var partialValue))
        {
            partial = partialValue as BsonDocument
                ?? throw new MongoServerException(ErrorCodes.TypeMismatch, "The field 'partialFilterExpression' must be an object");
            if (sparse)
            {
                throw new MongoServerException(ErrorCodes.CannotCreateIndex, "cannot mix \"partialFilterExpression\" and \"sparse\" options");
            }

            partialFilter = FilterParser.Parse(partial);
        }

        long? expire = null;
        if (spec.TryGetValue("expireAfterSeconds", out var expireValue))
        {
            if (!expireValue.IsNumeric)
            {
                throw new MongoServerException(
                    ErrorCodes.CannotCreateIndex,
                    $"TTL index 'expireAfterSeconds' option must be numeric, but received a type of '{BsonTypeNames.AliasOf(expireValue.BsonType)}'. Index spec: {spec}");
            }

            var seconds = expireValue.ToDouble();
            if (double.IsNaN(seconds) || seconds < 0 || seconds > int.MaxValue)
            {
                throw new MongoServerException(
                    ErrorCodes.CannotCreateIndex,
                    $"TTL index 'expireAfterSeconds' option must be within an acceptable range, try a value between 0 and {int.MaxValue}. Index spec: {spec}");
            }

            if (fields.Length != 1)
            {
                throw new MongoServerException(ErrorCodes.CannotCreateIndex, $"TTL indexes are single-field indexes, compound indexes do not support TTL. Index spec: {spec}");
            }

            if (isIdKey)
            {
                throw new MongoServerException(ErrorCodes.CannotCreateIndex, $"The field 'expireAfterSeconds' is not valid for an _id index specification. Specification: {spec}");
            }

            expire = (long)seconds;
        }

        // listIndexes shows v, key and name first, then the options as given; "background" and "ns" are dropped as mongod does.
        var document = new BsonDocument { { "v", 2 }, { "key", key }, { "name", name } };
        foreach (var element in spec)
        {
            if (element.Name is not ("v" or "key" or "name" or "background" or "ns"))
            {
                document.Add(element.Name, element.Value);
            }
        }

        return new IndexSpec(document, key, name, fields)
        {
            Unique = unique || isIdKey,
            Sparse = sparse,
            PartialFilterExpression = partial,
            PartialFilter = partialFilter,
            ExpireAfterSeconds = expire,
        };
    }

    /// <summary>Whether two specs describe the same index apart from its name (key and the options that change its contents).</summary>
    public bool SameKeyAndOptions(IndexSpec other) =>
        Key.Equals(other.Key) && Unique == other.Unique && Sparse == other.Sparse && ExpireAfterSeconds == other.ExpireAfterSeconds &&
        Equals(PartialFilterExpression, other.PartialFilterExpression);

    private static IndexField[] ParseKey(BsonDocument key)
    {
        if (key.ElementCount == 0)
        {
            throw new MongoServerException(ErrorCodes.CannotCreateIndex, "Index keys cannot be empty.");
        }

        if (key.ElementCount > 32)
        {
            throw new MongoServerException(ErrorCodes.CannotCreateIndex, $"Index key pattern {key} has more than 32 fields");
        }

        var fields = new IndexField[key.ElementCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            var element = key.GetElement(i);
            var path = element.Name;
            if (path.Length == 0 || path.StartsWith('.') || path.EndsWith('.') || path.Contains("..", StringComparison.Ordinal))
            {
                throw new MongoServerException(ErrorCodes.CannotCreateIndex, $"Index keys cannot be an empty field.");
            }

            if (path.StartsWith('$') || path.Contains(".$", StringComparison.Ordinal))
            {
                throw new MongoServerException(ErrorCodes.CannotCreateIndex, $"Index key contains an illegal field name: field name starts with '$'.");
            }

            if (!seen.Add(path))
            {
                throw new MongoServerException(ErrorCodes.CannotCreateIndex, $"Error in specification {key} :: caused by :: duplicate field name in key pattern");
            }

            var value = element.Value;
            if (value is BsonString { Value: var plugin })
            {
                throw plugin is "hashed" or "text" or "2d" or "2dsphere" or "geoHaystack" or "wildcard"
                    ? new MongoServerException(ErrorCodes.NotImplemented, $"{plugin} indexes are not supported by the embedded server")
                    : new MongoServerException(ErrorCodes.CannotCreateIndex, $"Unknown index plugin '{plugin}'");
            }

            if (!value.IsNumeric || value.ToDouble() is var d && (double.IsNaN(d) || d == 0))
            {
                throw new MongoServerException(
                    ErrorCodes.CannotCreateIndex,
                    $"Error in specification {{ key: {key} }} :: caused by :: Values in the index key pattern can't be 0 or non-numeric, but found {element.Name}: {value}");
            }

            fields[i] = new IndexField(path, value.ToDouble() > 0 ? 1 : -1);
        }

        return fields;
    }

    private static bool Flag(BsonDocument spec, string name)
    {
        if (!spec.TryGetValue(name, out var value) || value is BsonNull)
        {
            return false;
        }

        return value is BsonBoolean or { IsNumeric: true }
            ? ExpressionValues.IsTruthy(value)
            : throw new MongoServerException(ErrorCodes.TypeMismatch, $"The field '{name}' must be a boolean, but got {BsonTypeNames.AliasOf(value.BsonType)}");
    }
}

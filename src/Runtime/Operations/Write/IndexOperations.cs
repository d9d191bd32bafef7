using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Operations.Write;

/// <summary>One index of a <c>createIndexes</c>: its keys, its name (the default built from the keys when none is given) and its definition.</summary>
internal sealed record IndexSpec(BsonDocument Keys, string Name, CreateIndexOptions? Options)
{
    public static IndexSpec From<TDocument>(CreateIndexModel<TDocument> model) =>
        new(model.Keys.Render(), model.Options?.Name ?? model.Keys.GetDefaultName(), model.Options);
}

/// <summary><c>createIndexes</c>: <c>{ createIndexes, indexes: [{ key, name, unique?, … }], commitQuorum?, maxTimeMS? }</c>.</summary>
internal sealed class CreateIndexesOperation(string databaseName, string collectionName, IReadOnlyList<IndexSpec> indexes, IndexOperationOptions? options)
    : AdminWriteOperation(databaseName, options?.Comment)
{
    public override string CommandName => "createIndexes";

    protected override void WriteCommand(ref BsonSpanWriter writer)
    {
        writer.WriteName("createIndexes"u8);
        writer.WriteString(collectionName);
        writer.WriteName("indexes"u8);
        writer.WriteStartArray();
        foreach (var index in indexes)
        {
            WriteIndex(ref writer, index);
        }

        writer.WriteEndArray();
        if (options?.CommitQuorum is { } quorum)
        {
            writer.WriteName("commitQuorum"u8);
            BsonValueCodec.Instance.Encode(ref writer, quorum);
        }

        CommandFields.MaxTime(ref writer, options?.MaxTime);
    }

    private static void WriteIndex(ref BsonSpanWriter writer, IndexSpec index)
    {
        writer.WriteStartDocument();
        writer.WriteName("key"u8);
        index.Keys.WriteTo(ref writer);
        writer.WriteName("name"u8);
        writer.WriteString(index.Name);
        if (index.Options is { } o)
        {
            CommandFields.Boolean(ref writer, "unique"u8, o.Unique);
            CommandFields.Boolean(ref writer, "sparse"u8, o.Sparse);
            if (o.ExpireAfter is { } expire)
            {
                writer.WriteName("expireAfterSeconds"u8);
                writer.WriteInt64((long)expire.TotalSeconds);
            }

            CommandFields.Document(ref writer, "partialFilterExpression"u8, o.PartialFilterExpression);
            CommandFields.Boolean(ref writer, "hidden"u8, o.Hidden);
            CommandFields.Collation(ref writer, o.Collation);
            CommandFields.Document(ref writer, "weights"u8, o.Weights);
            CommandFields.String(ref writer, "default_language"u8, o.DefaultLanguage);
            CommandFields.String(ref writer, "language_override"u8, o.LanguageOverride);
            if (o.Bits is { } bits)
            {
                writer.WriteName("bits"u8);
                writer.WriteInt32(bits);
            }

            CommandFields.Double(ref writer, "min"u8, o.Min);
            CommandFields.Double(ref writer, "max"u8, o.Max);
            CommandFields.Document(ref writer, "wildcardProjection"u8, o.WildcardProjection);
            CommandFields.Document(ref writer, "storageEngine"u8, o.StorageEngine);
        }

        writer.WriteEndDocument();
    }
}

/// <summary><c>dropIndexes</c>: <c>index</c> is a name, a key document, or <c>"*"</c> for every index but <c>_id</c>'s.</summary>
internal sealed class DropIndexesOperation(string databaseName, string collectionName, BsonValue index, IndexOperationOptions? options)
    : AdminWriteOperation(databaseName, options?.Comment)
{
    public override string CommandName => "dropIndexes";

    protected override void WriteCommand(ref BsonSpanWriter writer)
    {
        writer.WriteName("dropIndexes"u8);
        writer.WriteString(collectionName);
        writer.WriteName("index"u8);
        BsonValueCodec.Instance.Encode(ref writer, index);
        CommandFields.MaxTime(ref writer, options?.MaxTime);
    }
}

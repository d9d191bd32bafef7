using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Write;

/// <summary>What a <c>findAndModify</c> does to the document it finds.</summary>
internal enum FindAndModifyKind
{
    Update,
    Replace,
    Remove,
}

/// <summary>The fields of one <c>findAndModify</c>, from the options of <c>FindOneAndUpdate</c>/<c>Replace</c>/<c>Delete</c>.</summary>
internal sealed record FindAndModifySpec
{
    public required FindAndModifyKind Kind { get; init; }

    public required BsonDocument Query { get; init; }

    /// <summary>An operator document or pipeline (<see cref="FindAndModifyKind.Update"/>).</summary>
    public BsonValue? Update { get; init; }

    /// <summary>The encoded replacement (<see cref="FindAndModifyKind.Replace"/>), checked by <see cref="Replacement.Encode"/>.</summary>
    public byte[]? Replacement { get; init; }

    public BsonDocument? Sort { get; init; }

    public BsonDocument? Fields { get; init; }

    public bool ReturnNew { get; init; }

    public bool Upsert { get; init; }

    public IReadOnlyList<BsonDocument>? ArrayFilters { get; init; }

    public BsonValue? Hint { get; init; }

    public Collation? Collation { get; init; }

    public BsonDocument? Let { get; init; }

    public bool? BypassDocumentValidation { get; init; }

    public TimeSpan? MaxTime { get; init; }

    public BsonValue? Comment { get; init; }
}

/// <summary>
/// <c>findAndModify</c>: <c>{ findAndModify, query, sort?, remove | update, new?, fields?, upsert?, arrayFilters?, hint?,
/// collation?, let?, bypassDocumentValidation?, maxTimeMS?, comment? }</c>. The reply's <c>value</c> is decoded with the
/// collection's codec; null gives <c>default</c>. A write concern error raises <see cref="MongoWriteConcernException"/>.
/// </summary>
internal sealed class FindAndModifyOperation<TDocument>(string databaseName, string collectionName, FindAndModifySpec spec, IBsonCodec<TDocument> codec)
    : IOperation<TDocument?>, ICommandBody
{
    public string CommandName => "findAndModify";

    public string DatabaseName => databaseName;

    public OperationTraits Traits => OperationTraits.RetryableWrite | OperationTraits.SupportsWriteConcern | OperationTraits.SupportsSession;

    public CommandRequest CreateCommand(OperationContext context) => new(databaseName, this);

    public void WriteElements(ref BsonSpanWriter writer)
    {
        writer.WriteName("findAndModify"u8);
        writer.WriteString(collectionName);
        writer.WriteName("query"u8);
        spec.Query.WriteTo(ref writer);
        if (spec.Sort is { ElementCount: > 0 } sort)
        {
            writer.WriteName("sort"u8);
            sort.WriteTo(ref writer);
        }

        switch (spec.Kind)
        {
            case FindAndModifyKind.Remove:
                writer.WriteName("remove"u8);
                writer.WriteBoolean(true);
                break;
            case FindAndModifyKind.Replace:
                writer.WriteName("update"u8);
                writer.WriteRawDocument(spec.Replacement!);
                break;
            default:
                writer.WriteName("update"u8);
                BsonValueCodec.Instance.Encode(ref writer, spec.Update!);
                break;
        }

        if (spec.Kind != FindAndModifyKind.Remove)
        {
            writer.WriteName("new"u8);
            writer.WriteBoolean(spec.ReturnNew);
            if (spec.Upsert)
            {
                writer.WriteName("upsert"u8);
                writer.WriteBoolean(true);
            }
        }

        if (spec.Fields is { ElementCount: > 0 } fields)
        {
            writer.WriteName("fields"u8);
            fields.WriteTo(ref writer);
        }

        CommandFields.ArrayFilters(ref writer, spec.ArrayFilters);
        CommandFields.Value(ref writer, "hint"u8, spec.Hint);
        CommandFields.Collation(ref writer, spec.Collation);
        CommandFields.Document(ref writer, "let"u8, spec.Let);
        CommandFields.Boolean(ref writer, "bypassDocumentValidation"u8, spec.BypassDocumentValidation);
        CommandFields.MaxTime(ref writer, spec.MaxTime);
        CommandFields.Value(ref writer, "comment"u8, spec.Comment);
    }

    public TDocument? HandleReply(ReplyMessage reply, OperationContext context)
    {
        var body = reply.Body;
        if (HasWriteConcernError(body))
        {
            WriteCommandResult.ThrowIfWriteConcernError(reply.ToBsonDocument(), CommandName, context.Connection.Address);
        }

        var reader = new BsonSpanReader(body);
        reader.ReadStartDocument();
        BsonType type;
        while ((type = reader.ReadBsonType()) != BsonType.EndOfDocument)
        {
            var isValue = reader.ReadNameBytes().SequenceEqual("value"u8);
            if (isValue && type == BsonType.Document)
            {
                return codec.Decode(ref reader);
            }

            reader.SkipValue();
        }

        return default;
    }

    public TDocument? HandleUnacknowledged(OperationContext context) => default;

    private static bool HasWriteConcernError(ReadOnlySpan<byte> body)
    {
        var reader = new BsonSpanReader(body);
        reader.ReadStartDocument();
        while (reader.ReadBsonType() != BsonType.EndOfDocument)
        {
            if (reader.ReadNameBytes().SequenceEqual("writeConcernError"u8))
            {
                return true;
            }

            reader.SkipValue();
        }

        return false;
    }
}

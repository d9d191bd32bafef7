using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Read;

/// <summary>
/// The <c>aggregate</c> command on a collection (or, with a null collection, on a database: <c>aggregate: 1</c>).
/// A pipeline that ends with <c>$out</c> or <c>$merge</c> is a write: it runs on the primary, takes a write concern and
/// is not retried as a read.
/// </summary>
internal sealed class AggregateOperation<T>(string databaseName, string? collectionName, BsonArray pipeline, AggregateOptions? options, IBsonCodec<T> codec)
    : IOperation<CursorBatch<T>>
{
    public string CommandName => "aggregate";

    public string DatabaseName => databaseName;

    /// <summary>True when the last stage is <c>$out</c> or <c>$merge</c>.</summary>
    public bool IsWrite { get; } = EndsWithWriteStage(pipeline);

    public OperationTraits Traits => IsWrite
        ? OperationTraits.SupportsReadConcern | OperationTraits.SupportsWriteConcern | OperationTraits.SupportsSession | OperationTraits.CreatesCursor
        : OperationTraits.Read | OperationTraits.RetryableRead | OperationTraits.SupportsReadConcern | OperationTraits.SupportsSession | OperationTraits.CreatesCursor;

    public CommandRequest CreateCommand(OperationContext context) =>
        new(databaseName, new DelegateCommandBody<AggregateOperation<T>>("aggregate", this, static (ref BsonSpanWriter w, AggregateOperation<T> op) => op.Write(ref w)));

    public CursorBatch<T> HandleReply(ReplyMessage reply, OperationContext context) =>
        CursorReplyReader.Read(reply.Body, codec, new CollectionNamespace(databaseName, collectionName ?? "$cmd.aggregate"), context);

    public static bool EndsWithWriteStage(BsonArray pipeline) =>
        pipeline.Count > 0 && pipeline[^1] is BsonDocument last && last.ElementCount > 0 && last.GetElement(0).Name is "$out" or "$merge";

    private void Write(ref BsonSpanWriter writer)
    {
        writer.WriteName("aggregate"u8);
        if (collectionName is null)
        {
            writer.WriteInt32(1);
        }
        else
        {
            writer.WriteString(collectionName);
        }

        CommandFields.Pipeline(ref writer, pipeline);
        writer.WriteName("cursor"u8);
        writer.WriteStartDocument();

        // $out/$merge produce no results: a batch size of 0 would only delay them.
        CommandFields.Int32(ref writer, "batchSize"u8, IsWrite ? null : options?.BatchSize);
        writer.WriteEndDocument();
        if (options is null)
        {
            return;
        }

        CommandFields.Boolean(ref writer, "allowDiskUse"u8, options.AllowDiskUse);
        CommandFields.Boolean(ref writer, "bypassDocumentValidation"u8, IsWrite ? options.BypassDocumentValidation : null);
        CommandFields.Collation(ref writer, options.Collation);
        CommandFields.Value(ref writer, "hint"u8, options.Hint);
        CommandFields.Document(ref writer, "let"u8, options.Let);
        CommandFields.MaxTime(ref writer, options.MaxTime);
        CommandFields.Value(ref writer, "comment"u8, options.Comment);
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Read;

/// <summary>
/// <c>countDocuments</c>: an aggregation <c>$match</c>, <c>$skip</c>, <c>$limit</c>, <c>$group { n: { $sum: 1 } }</c>
/// whose single result is the count (CRUD spec); no cursor outlives it.
/// </summary>
internal sealed class CountDocumentsOperation(CollectionNamespace ns, BsonDocument filter, CountOptions? options) : IOperation<long>
{
    public string CommandName => "aggregate";

    public string DatabaseName => ns.DatabaseName;

    public OperationTraits Traits => OperationTraits.Read | OperationTraits.RetryableRead | OperationTraits.SupportsReadConcern | OperationTraits.SupportsSession;

    public BsonArray Pipeline
    {
        get
        {
            var pipeline = new BsonArray { new BsonDocument("$match", filter) };
            if (options?.Skip is > 0)
            {
                pipeline.Add(new BsonDocument("$skip", options.Skip.Value));
            }

            if (options?.Limit is > 0)
            {
                pipeline.Add(new BsonDocument("$limit", options.Limit.Value));
            }

            pipeline.Add(new BsonDocument("$group", new BsonDocument { { "_id", 1 }, { "n", new BsonDocument("$sum", 1) } }));
            return pipeline;
        }
    }

    public CommandRequest CreateCommand(OperationContext context) =>
        new(ns.DatabaseName, new DelegateCommandBody<CountDocumentsOperation>("aggregate", this, static (ref BsonSpanWriter w, CountDocumentsOperation op) => op.Write(ref w)));

    public long HandleReply(ReplyMessage reply, OperationContext context)
    {
        var batch = CursorReplyReader.Read(reply.Body, BsonDocumentCodec.Instance, ns, context);
        return batch.Documents.Count == 0 ? 0 : batch.Documents[0]["n"].ToInt64();
    }

    private void Write(ref BsonSpanWriter writer)
    {
        writer.WriteName("aggregate"u8);
        writer.WriteString(ns.CollectionName);
        CommandFields.Pipeline(ref writer, Pipeline);
        writer.WriteName("cursor"u8);
        writer.WriteStartDocument();
        writer.WriteEndDocument();
        CommandFields.Value(ref writer, "hint"u8, options?.Hint);
        CommandFields.Collation(ref writer, options?.Collation);
        CommandFields.MaxTime(ref writer, options?.MaxTime);
        CommandFields.Value(ref writer, "comment"u8, options?.Comment);
    }
}

/// <summary><c>estimatedDocumentCount</c>: the <c>count</c> command without a filter, answered from collection metadata.</summary>
internal sealed class EstimatedDocumentCountOperation(CollectionNamespace ns, EstimatedDocumentCountOptions? options) : IOperation<long>
{
    public string CommandName => "count";

    public string DatabaseName => ns.DatabaseName;

    public OperationTraits Traits => OperationTraits.Read | OperationTraits.RetryableRead | OperationTraits.SupportsReadConcern | OperationTraits.SupportsSession;

    public CommandRequest CreateCommand(OperationContext context) =>
        new(ns.DatabaseName, new DelegateCommandBody<EstimatedDocumentCountOperation>("count", this, static (ref BsonSpanWriter w, EstimatedDocumentCountOperation op) => op.Write(ref w)));

    public long HandleReply(ReplyMessage reply, OperationContext context) => reply.ToBsonDocument()["n"].ToInt64();

    private void Write(ref BsonSpanWriter writer)
    {
        writer.WriteName("count"u8);
        writer.WriteString(ns.CollectionName);
        CommandFields.MaxTime(ref writer, options?.MaxTime);
        CommandFields.Value(ref writer, "comment"u8, options?.Comment);
    }
}

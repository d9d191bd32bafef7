using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Read;

/// <summary>What a <c>find</c> sends besides its namespace (each null field is left out).</summary>
internal sealed record FindArguments
{
    public Queries.FilterSource Filter { get; init; }

    public BsonDocument? Sort { get; init; }

    public BsonDocument? Projection { get; init; }

    public BsonValue? Hint { get; init; }

    public int? Skip { get; init; }

    /// <summary>The most documents to return; negative means that many in a single batch, then close the cursor.</summary>
    public int? Limit { get; init; }

    public int? BatchSize { get; init; }

    public bool SingleBatch { get; init; }

    public BsonValue? Comment { get; init; }

    public TimeSpan? MaxTime { get; init; }

    public BsonDocument? Max { get; init; }

    public BsonDocument? Min { get; init; }

    public bool? ReturnKey { get; init; }

    public bool? ShowRecordId { get; init; }

    public CursorType CursorType { get; init; }

    public bool? NoCursorTimeout { get; init; }

    public bool? AllowPartialResults { get; init; }

    public Collation? Collation { get; init; }

    public bool? AllowDiskUse { get; init; }

    public BsonDocument? Let { get; init; }
}

/// <summary>The <c>find</c> command: its first batch and the cursor that continues it.</summary>
internal sealed class FindOperation<T>(CollectionNamespace ns, FindArguments arguments, IBsonCodec<T> codec) : IOperation<CursorBatch<T>>
{
    public CollectionNamespace Namespace => ns;

    public FindArguments Arguments => arguments;

    public string CommandName => "find";

    public string DatabaseName => ns.DatabaseName;

    public OperationTraits Traits => OperationTraits.Read | OperationTraits.RetryableRead | OperationTraits.SupportsReadConcern
        | OperationTraits.SupportsSession | OperationTraits.CreatesCursor;

    public CommandRequest CreateCommand(OperationContext context) =>
        new(ns.DatabaseName, new DelegateCommandBody<FindOperation<T>>("find", this, static (ref BsonSpanWriter w, FindOperation<T> op) => op.Write(ref w)));

    public CursorBatch<T> HandleReply(ReplyMessage reply, OperationContext context) => CursorReplyReader.Read(reply.Body, codec, ns, context);

    private void Write(ref BsonSpanWriter writer)
    {
        var a = arguments;
        writer.WriteName("find"u8);
        writer.WriteString(ns.CollectionName);
        writer.WriteName("filter"u8);
        a.Filter.WriteTo(ref writer);
        CommandFields.Document(ref writer, "sort"u8, a.Sort, skipEmpty: true);
        CommandFields.Document(ref writer, "projection"u8, a.Projection, skipEmpty: true);
        CommandFields.Value(ref writer, "hint"u8, a.Hint);
        CommandFields.Int64(ref writer, "skip"u8, a.Skip is > 0 ? a.Skip : null);

        // find-getmore-killcursors: a negative limit asks for one batch of at most |limit| documents.
        var limit = a.Limit is { } l && l != 0 ? Math.Abs(l) : (int?)null;
        var singleBatch = a.SingleBatch || a.Limit < 0;
        CommandFields.Int64(ref writer, "limit"u8, limit);

        // A batch size of at least the limit would leave the cursor open after the last document: let the limit decide.
        // A batch size equal to the limit is sent as limit + 1 (CRUD spec, find.json "batchSize equal to limit"), so the
        // server returns every document in the first batch and closes the cursor.
        var batchSize = a.BatchSize is { } b && b > 0
            ? limit is { } lim && b >= lim ? (b == lim ? lim + 1 : null) : b
            : (int?)null;
        CommandFields.Int32(ref writer, "batchSize"u8, batchSize);
        if (singleBatch)
        {
            CommandFields.Boolean(ref writer, "singleBatch"u8, true);
        }

        CommandFields.Value(ref writer, "comment"u8, a.Comment);
        CommandFields.MaxTime(ref writer, a.MaxTime);
        CommandFields.Document(ref writer, "max"u8, a.Max);
        CommandFields.Document(ref writer, "min"u8, a.Min);
        CommandFields.Boolean(ref writer, "returnKey"u8, a.ReturnKey);
        CommandFields.Boolean(ref writer, "showRecordId"u8, a.ShowRecordId);
        if (a.CursorType != CursorType.NonTailable)
        {
            CommandFields.Boolean(ref writer, "tailable"u8, true);
            if (a.CursorType == CursorType.TailableAwait)
            {
                CommandFields.Boolean(ref writer, "awaitData"u8, true);
            }
        }

        CommandFields.Boolean(ref writer, "noCursorTimeout"u8, a.NoCursorTimeout);
        CommandFields.Boolean(ref writer, "allowPartialResults"u8, a.AllowPartialResults);
        CommandFields.Collation(ref writer, a.Collation);
        CommandFields.Boolean(ref writer, "allowDiskUse"u8, a.AllowDiskUse);
        CommandFields.Document(ref writer, "let"u8, a.Let);
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Read;

namespace OpenQuizz.Typed.Cursors;

/// <summary>What a query needs of its collection, so that this layer does not reference the client types.</summary>
internal interface IFindSource<TDocument>
{
    OperationExecutor Executor { get; }

    CollectionNamespace CollectionNamespace { get; }

    /// <summary>The read settings of one operation: its own values over the collection's.</summary>
    OperationSettings ReadSettings(ReadOperationOptions? options);

    /// <summary>The codec of results of type <typeparamref name="TResult"/>.</summary>
    IBsonCodec<TResult> ResultCodec<TResult>();
}

/// <summary>
/// An immutable <c>find</c> being built: each shaping method returns a new query. Running it builds a
/// <see cref="FindOperation{T}"/> and hands it to the client's executor.
/// </summary>
internal sealed class FindFluent<TDocument, TProjection> : IFindFluent<TDocument, TProjection>
{
    private readonly IFindSource<TDocument> _collection;
    private readonly IBsonCodec<TProjection> _codec;

    public FindFluent(IFindSource<TDocument> collection, Filter<TDocument> filter, FindOptions<TDocument> options, Projection<TDocument> projection, IBsonCodec<TProjection> codec)
    {
        _collection = collection;
        Filter = filter;
        Options = options;
        Projection = projection;
        _codec = codec;
    }

    public Filter<TDocument> Filter { get; }

    public FindOptions<TDocument> Options { get; }

    public Projection<TDocument> Projection { get; }

    public IFindFluent<TDocument, TProjection> Sort(Sort<TDocument> sort) => With(Options with { Sort = sort });

    public IFindFluent<TDocument, TProjection> Skip(int skip) => With(Options with { Skip = skip });

    public IFindFluent<TDocument, TProjection> Limit(int limit) => With(Options with { Limit = limit });

    public IFindFluent<TDocument, TProjection> BatchSize(int batchSize) => With(Options with { BatchSize = batchSize });

    public IFindFluent<TDocument, TNewProjection> Project<TNewProjection>(Projection<TDocument> projection) =>
        new FindFluent<TDocument, TNewProjection>(_collection, Filter, Options, projection, _collection.ResultCodec<TNewProjection>());

    public IFindFluent<TDocument, BsonDocument> Project(Projection<TDocument> projection) =>
        new FindFluent<TDocument, BsonDocument>(_collection, Filter, Options, projection, BsonDocumentCodec.Instance);

    public IFindFluent<TDocument, TProjection> Collation(Collation collation) => With(Options with { Collation = collation });

    public IFindFluent<TDocument, TProjection> Hint(BsonValue hint) => With(Options with { Hint = hint });

    public IFindFluent<TDocument, TProjection> Comment(BsonValue comment) => With(Options with { Comment = comment });

    public IFindFluent<TDocument, TProjection> MaxTime(TimeSpan maxTime) => With(Options with { MaxTime = maxTime });

    public IFindFluent<TDocument, TProjection> AllowDiskUse(bool allowDiskUse = true) => With(Options with { AllowDiskUse = allowDiskUse });

    public IFindFluent<TDocument, TProjection> Let(BsonDocument let) => With(Options with { Let = let });

    public Task<IAsyncCursor<TProjection>> ToCursorAsync(CancellationToken cancellationToken = default) => OpenAsync(Arguments(), cancellationToken);

    public IAsyncCursor<TProjection> ToCursor(CancellationToken cancellationToken = default) => Open(Arguments(), cancellationToken);

    public async Task<List<TProjection>> ToListAsync(CancellationToken cancellationToken = default) =>
        await (await ToCursorAsync(cancellationToken).ConfigureAwait(false)).ToListAsync(cancellationToken).ConfigureAwait(false);

    public List<TProjection> ToList(CancellationToken cancellationToken = default) => ToCursor(cancellationToken).ToList();

    // find_one: one document in one batch, so no cursor is left open on the server. The reply closes the cursor, so
    // the document is taken from the first batch (TryTakeFirst) instead of through an async enumerator, a
    // WithCancellation wrapper and DisposeAsync, each a state machine on the hot path; a server that left the
    // cursor open anyway gets the general path, which kills it.
    public async Task<TProjection?> FirstOrDefaultAsync(CancellationToken cancellationToken = default)
    {
        var cursor = await CursorFactory.OpenCursorAsync(_collection.Executor, Operation(Arguments() with { Limit = 1, SingleBatch = true }), Settings(), _codec,
            Options.BatchSize, Options.MaxAwaitTime, Options.Comment, cancellationToken).ConfigureAwait(false);
        return cursor.TryTakeFirst(out var first) ? first : await cursor.FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public TProjection? FirstOrDefault(CancellationToken cancellationToken = default)
    {
        var cursor = CursorFactory.OpenCursor(_collection.Executor, Operation(Arguments() with { Limit = 1, SingleBatch = true }), Settings(), _codec,
            Options.BatchSize, Options.MaxAwaitTime, Options.Comment, cancellationToken);
        return cursor.TryTakeFirst(out var first) ? first : cursor.FirstOrDefault();
    }

    public async Task<TProjection?> SingleOrDefaultAsync(CancellationToken cancellationToken = default) =>
        Single(await (await OpenAsync(Arguments() with { Limit = 2, SingleBatch = true }, cancellationToken).ConfigureAwait(false)).ToListAsync(cancellationToken).ConfigureAwait(false));

    public TProjection? SingleOrDefault(CancellationToken cancellationToken = default) =>
        Single(Open(Arguments() with { Limit = 2, SingleBatch = true }, cancellationToken).ToList());

    public Task<long> CountDocumentsAsync(CancellationToken cancellationToken = default) =>
        _collection.Executor.ExecuteAsync(CountOperation(), _collection.ReadSettings(Options), cancellationToken).AsTask();

    public long CountDocuments(CancellationToken cancellationToken = default) => _collection.Executor.Execute(CountOperation(), _collection.ReadSettings(Options), cancellationToken);

    // The query runs when enumeration starts; the cursor is disposed (killed if results remain) when enumeration ends.
    public async IAsyncEnumerator<TProjection> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var cursor = await ToCursorAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in cursor.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    public override string ToString() => $"find({_collection.CollectionNamespace}, {Filter})";

    /// <summary>The command arguments this query sends (tests read them).</summary>
    internal FindArguments Arguments() => new()
    {
        Filter = Filter.ToSource(),
        Sort = Options.Sort.IsEmpty ? null : Options.Sort.Render(),
        Projection = Projection.IsEmpty ? null : Projection.Render(),
        Hint = Options.Hint,
        Skip = Options.Skip,
        Limit = Options.Limit,
        BatchSize = Options.BatchSize,
        Comment = Options.Comment,
        MaxTime = Options.MaxTime,
        Max = Options.Max,
        Min = Options.Min,
        ReturnKey = Options.ReturnKey,
        ShowRecordId = Options.ShowRecordId,
        CursorType = Options.CursorType,
        NoCursorTimeout = Options.NoCursorTimeout,
        AllowPartialResults = Options.AllowPartialResults,
        Collation = Options.Collation,
        AllowDiskUse = Options.AllowDiskUse,
        Let = Options.Let,
    };

    private static TProjection? Single(List<TProjection> results) => results.Count switch
    {
        0 => default,
        1 => results[0],
        _ => throw new InvalidOperationException("The query matched more than one document; SingleOrDefault expects at most one."),
    };

    private FindFluent<TDocument, TProjection> With(FindOptions<TDocument> options) => new(_collection, Filter, options, Projection, _codec);

    private CountDocumentsOperation CountOperation() => new(_collection.CollectionNamespace, Filter.Render(), new CountOptions
    {
        Skip = Options.Skip,
        Limit = Options.Limit,
        Hint = Options.Hint,
        Collation = Options.Collation,
        MaxTime = Options.MaxTime,
        Comment = Options.Comment,
        ReadPreference = Options.ReadPreference,
        ReadConcern = Options.ReadConcern,
        Session = Options.Session,
    });

    private FindOperation<TProjection> Operation(FindArguments arguments) => new(_collection.CollectionNamespace, arguments, _codec);

    private OperationSettings Settings() => _collection.ReadSettings(Options);

    private Task<IAsyncCursor<TProjection>> OpenAsync(FindArguments arguments, CancellationToken cancellationToken) =>
        CursorFactory.OpenAsync(_collection.Executor, Operation(arguments), Settings(), _codec, Options.BatchSize, Options.MaxAwaitTime, Options.Comment, cancellationToken);

    private IAsyncCursor<TProjection> Open(FindArguments arguments, CancellationToken cancellationToken) =>
        CursorFactory.Open(_collection.Executor, Operation(arguments), Settings(), _codec, Options.BatchSize, Options.MaxAwaitTime, Options.Comment, cancellationToken);
}

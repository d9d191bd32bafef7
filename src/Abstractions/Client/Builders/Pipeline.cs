using MongoDB.Bson;
using System.ComponentModel;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// An aggregation pipeline: stage documents in order, such as
/// <c>Pipeline.Match(Filter&lt;Quiz&gt;.Eq("status", "published")).Group(...).Sort(...).Limit(10)</c>. Immutable;
/// <c>default</c> is the empty pipeline. <see cref="Stage"/> appends any stage the helpers do not cover.
/// </summary>
public readonly struct Pipeline
{
    private readonly BsonDocument[]? _start;
    private readonly ElementChain? _tail;

    private Pipeline(BsonDocument[]? start, ElementChain? tail)
    {
        _start = start;
        _tail = tail;
    }

    /// <summary>The empty pipeline.</summary>
    public static Pipeline Empty => default;

    /// <summary>The empty pipeline over <typeparamref name="TInput"/> documents, whose stages are typed: <c>Pipeline.For&lt;Quiz&gt;().Match(…).Group(…)</c>.</summary>
    public static Pipeline<TInput, TInput> For<TInput>() => default;

    /// <summary>How many stages the pipeline has.</summary>
    public int StageCount => (_start?.Length ?? 0) + (_tail?.Count ?? 0);

    /// <summary>Whether the pipeline has no stage.</summary>
    public bool IsEmpty => StageCount == 0;

    /// <summary>A pipeline of the one stage <paramref name="stage"/>, such as <c>{ $sample: { size: 5 } }</c>.</summary>
    public static Pipeline Stage(BsonDocument stage) => Empty.Add(stage);

    /// <summary>Keeps the documents that match <paramref name="filter"/> (<c>$match</c>).</summary>
    public static Pipeline Match(BsonDocument filter) => Empty.Add("$match", filter);

    /// <summary>Keeps the documents that match <paramref name="filter"/> (<c>$match</c>).</summary>
    public static Pipeline Match<TDocument>(Filter<TDocument> filter) => Empty.Add("$match", filter.Render());

    /// <summary>Reshapes each document (<c>$project</c>).</summary>
    public static Pipeline Project(BsonDocument projection) => Empty.Add("$project", projection);

    /// <summary>Reshapes each document (<c>$project</c>).</summary>
    public static Pipeline Project<TDocument>(Projection<TDocument> projection) => Empty.Add("$project", projection.Render());

    /// <summary>Groups documents by the <c>_id</c> expression of <paramref name="group"/> and computes its accumulators (<c>$group</c>).</summary>
    public static Pipeline Group(BsonDocument group) => Empty.Add("$group", group);

    /// <summary>Orders the documents (<c>$sort</c>).</summary>
    public static Pipeline Sort(BsonDocument sort) => Empty.Add("$sort", sort);

    /// <summary>Orders the documents (<c>$sort</c>).</summary>
    public static Pipeline Sort<TDocument>(Sort<TDocument> sort) => Empty.Add("$sort", sort.Render());

    /// <summary>Keeps the first <paramref name="limit"/> documents (<c>$limit</c>).</summary>
    public static Pipeline Limit(long limit) => Empty.Add("$limit", LimitValue(limit));

    /// <summary>Skips the first <paramref name="skip"/> documents (<c>$skip</c>).</summary>
    public static Pipeline Skip(long skip) => Empty.Add("$skip", SkipValue(skip));

    /// <summary>
    /// Outputs one document per element of the array <paramref name="field"/> (<c>$unwind</c>; a leading <c>$</c> is
    /// added when missing), optionally keeping documents without elements and recording each element's index.
    /// </summary>
    public static Pipeline Unwind(string field, bool preserveNullAndEmptyArrays = false, string? includeArrayIndex = null) =>
        Empty.Add("$unwind", UnwindValue(field, preserveNullAndEmptyArrays, includeArrayIndex));

    /// <summary>Adds to each document, as the array <paramref name="as"/>, the documents of <paramref name="from"/> whose <paramref name="foreignField"/> equals its <paramref name="localField"/> (<c>$lookup</c>).</summary>
    public static Pipeline Lookup(string from, string localField, string foreignField, string @as) =>
        Empty.Add("$lookup", LookupValue(from, localField, foreignField, @as));

    /// <summary>Replaces the documents with one holding their number as <paramref name="field"/> (<c>$count</c>).</summary>
    public static Pipeline Count(string field) => Empty.Add("$count", FieldValue(field));

    /// <summary>Adds or replaces fields of each document (<c>$addFields</c>).</summary>
    public static Pipeline AddFields(BsonDocument fields) => Empty.Add("$addFields", fields);

    /// <summary>Replaces each document with the document <paramref name="newRoot"/> evaluates to (<c>$replaceRoot</c>).</summary>
    public static Pipeline ReplaceRoot(BsonValue newRoot) => Empty.Add("$replaceRoot", ReplaceRootValue(newRoot));

    /// <summary>Runs several sub-pipelines on the same documents, each output under its name (<c>$facet</c>; the values are stage arrays).</summary>
    public static Pipeline Facet(BsonDocument facets) => Empty.Add("$facet", facets);

    /// <summary>Writes the results to the collection <paramref name="collection"/> of the same database, replacing it (<c>$out</c>; last stage).</summary>
    public static Pipeline Out(string collection) => Empty.Add("$out", FieldValue(collection));

    /// <summary>Writes the results to <paramref name="collection"/> of <paramref name="database"/>, replacing it (<c>$out</c>; last stage).</summary>
    public static Pipeline Out(string database, string collection) => Empty.Add("$out", OutValue(database, collection));

    /// <summary>The stages as the array the server expects. Its documents may be shared with this pipeline: do not change them.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public BsonArray Render()
    {
        var array = new BsonArray(StageCount);
        if (_start is not null)
        {
            foreach (var stage in _start)
            {
                array.Add(stage);
            }
        }

        if (_tail is not null)
        {
            var stages = new BsonValue[_tail.Count];
            var i = stages.Length;
            for (var node = _tail; node is not null; node = node.Previous)
            {
                stages[--i] = node.Value;
            }

            foreach (var stage in stages)
            {
                array.Add(stage);
            }
        }

        return array;
    }

    /// <summary>The pipeline as relaxed Extended JSON.</summary>
    public override string ToString() => Render().ToJson();

    /// <summary>Takes an array of stage documents.</summary>
    /// <exception cref="ArgumentException">An element is not a document with one field.</exception>
    public static implicit operator Pipeline(BsonArray stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var start = new BsonDocument[stages.Count];
        for (var i = 0; i < start.Length; i++)
        {
            start[i] = stages[i] is BsonDocument stage ? CheckStage(stage, nameof(stages)) : throw new ArgumentException($"Stage {i} of the pipeline is a {stages[i].BsonType}, not a document.", nameof(stages));
        }

        return new(start, null);
    }

    /// <summary>Takes stage documents.</summary>
    /// <exception cref="ArgumentException">An element is not a document with one field.</exception>
    public static implicit operator Pipeline(BsonDocument[] stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var start = new BsonDocument[stages.Length];
        for (var i = 0; i < start.Length; i++)
        {
            start[i] = CheckStage(stages[i], nameof(stages));
        }

        return new(start, null);
    }

    internal Pipeline Add(BsonDocument stage) => new(_start, new ElementChain(_tail, string.Empty, CheckStage(stage, nameof(stage))));

    internal Pipeline Add(string op, BsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(_start, new ElementChain(_tail, op, new BsonDocument(op, value)));
    }

    internal static BsonValue LimitValue(long limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return limit <= int.MaxValue ? (int)limit : limit;
    }

    internal static BsonValue SkipValue(long skip)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        return skip <= int.MaxValue ? (int)skip : skip;
    }

    internal static BsonValue FieldValue(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name;
    }

    internal static BsonValue UnwindValue(string field, bool preserveNullAndEmptyArrays, string? includeArrayIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        var path = field.StartsWith('$') ? field : "$" + field;
        if (!preserveNullAndEmptyArrays && includeArrayIndex is null)
        {
            return path;
        }

        var unwind = new BsonDocument("path", path);
        if (includeArrayIndex is not null)
        {
            unwind.Add("includeArrayIndex", includeArrayIndex);
        }

        if (preserveNullAndEmptyArrays)
        {
            unwind.Add("preserveNullAndEmptyArrays", true);
        }

        return unwind;
    }

    internal static BsonValue LookupValue(string from, string localField, string foreignField, string @as)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentException.ThrowIfNullOrEmpty(localField);
        ArgumentException.ThrowIfNullOrEmpty(foreignField);
        ArgumentException.ThrowIfNullOrEmpty(@as);
        return new BsonDocument { { "from", from }, { "localField", localField }, { "foreignField", foreignField }, { "as", @as } };
    }

    internal static BsonValue ReplaceRootValue(BsonValue newRoot)
    {
        ArgumentNullException.ThrowIfNull(newRoot);
        return new BsonDocument("newRoot", newRoot);
    }

    internal static BsonValue OutValue(string database, string collection)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        ArgumentException.ThrowIfNullOrEmpty(collection);
        return new BsonDocument { { "db", database }, { "coll", collection } };
    }

    private static BsonDocument CheckStage(BsonDocument? stage, string parameter)
    {
        ArgumentNullException.ThrowIfNull(stage, parameter);
        if (stage.ElementCount != 1 || !stage.GetElement(0).Name.StartsWith('$'))
        {
            throw new ArgumentException($"A pipeline stage is a document with one field naming the stage, such as {{ $match: {{...}} }}; got {stage.ToJson()}.", parameter);
        }

        return stage;
    }
}

/// <summary>The chained forms of the <see cref="Pipeline"/> stage helpers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PipelineChaining
{
    extension(Pipeline pipeline)
    {
        /// <summary>Then the stage <paramref name="stage"/>.</summary>
        public Pipeline Stage(BsonDocument stage) => pipeline.Add(stage);

        /// <summary>Then keeps the documents that match <paramref name="filter"/> (<c>$match</c>).</summary>
        public Pipeline Match(BsonDocument filter) => pipeline.Add("$match", filter);

        /// <summary>Then keeps the documents that match <paramref name="filter"/> (<c>$match</c>).</summary>
        public Pipeline Match<TDocument>(Filter<TDocument> filter) => pipeline.Add("$match", filter.Render());

        /// <summary>Then reshapes each document (<c>$project</c>).</summary>
        public Pipeline Project(BsonDocument projection) => pipeline.Add("$project", projection);

        /// <summary>Then reshapes each document (<c>$project</c>).</summary>
        public Pipeline Project<TDocument>(Projection<TDocument> projection) => pipeline.Add("$project", projection.Render());

        /// <summary>Then groups the documents (<c>$group</c>).</summary>
        public Pipeline Group(BsonDocument group) => pipeline.Add("$group", group);

        /// <summary>Then orders the documents (<c>$sort</c>).</summary>
        public Pipeline Sort(BsonDocument sort) => pipeline.Add("$sort", sort);

        /// <summary>Then orders the documents (<c>$sort</c>).</summary>
        public Pipeline Sort<TDocument>(Sort<TDocument> sort) => pipeline.Add("$sort", sort.Render());

        /// <summary>Then keeps the first <paramref name="limit"/> documents (<c>$limit</c>).</summary>
        public Pipeline Limit(long limit) => pipeline.Add("$limit", Pipeline.LimitValue(limit));

        /// <summary>Then skips the first <paramref name="skip"/> documents (<c>$skip</c>).</summary>
        public Pipeline Skip(long skip) => pipeline.Add("$skip", Pipeline.SkipValue(skip));

        /// <summary>Then outputs one document per element of the array <paramref name="field"/> (<c>$unwind</c>).</summary>
        public Pipeline Unwind(string field, bool preserveNullAndEmptyArrays = false, string? includeArrayIndex = null) =>
            pipeline.Add("$unwind", Pipeline.UnwindValue(field, preserveNullAndEmptyArrays, includeArrayIndex));

        /// <summary>Then joins the documents of <paramref name="from"/> (<c>$lookup</c>).</summary>
        public Pipeline Lookup(string from, string localField, string foreignField, string @as) =>
            pipeline.Add("$lookup", Pipeline.LookupValue(from, localField, foreignField, @as));

        /// <summary>Then counts the documents into <paramref name="field"/> (<c>$count</c>).</summary>
        public Pipeline Count(string field) => pipeline.Add("$count", Pipeline.FieldValue(field));

        /// <summary>Then adds or replaces fields (<c>$addFields</c>).</summary>
        public Pipeline AddFields(BsonDocument fields) => pipeline.Add("$addFields", fields);

        /// <summary>Then replaces each document (<c>$replaceRoot</c>).</summary>
        public Pipeline ReplaceRoot(BsonValue newRoot) => pipeline.Add("$replaceRoot", Pipeline.ReplaceRootValue(newRoot));

        /// <summary>Then runs sub-pipelines (<c>$facet</c>).</summary>
        public Pipeline Facet(BsonDocument facets) => pipeline.Add("$facet", facets);

        /// <summary>Then writes the results to <paramref name="collection"/> (<c>$out</c>).</summary>
        public Pipeline Out(string collection) => pipeline.Add("$out", Pipeline.FieldValue(collection));

        /// <summary>Then writes the results to <paramref name="collection"/> of <paramref name="database"/> (<c>$out</c>).</summary>
        public Pipeline Out(string database, string collection) => pipeline.Add("$out", Pipeline.OutValue(database, collection));
    }
}

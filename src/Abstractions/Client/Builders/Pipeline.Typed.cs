using MongoDB.Bson;
using System.ComponentModel;

namespace OpenQuizz.Typed;

/// <summary>
/// An aggregation pipeline that takes <typeparamref name="TInput"/> documents and outputs
/// <typeparamref name="TOutput"/> ones: each stage is checked against the documents it receives, and the stages that
/// reshape documents (<c>Group</c>, <c>Project</c>, <c>Lookup</c>, <see cref="As{TResult}"/>) change the output type.
/// Start one with <see cref="Pipeline.For{TInput}"/>; it renders to the same stages as <see cref="Pipeline"/>, and
/// <c>AggregateAsync</c> given one decodes results as <typeparamref name="TOutput"/>. Immutable; <c>default</c> is empty.
/// </summary>
public readonly struct Pipeline<TInput, TOutput>
{
    private readonly Pipeline _stages;

    internal Pipeline(Pipeline stages) => _stages = stages;

    /// <summary>How many stages the pipeline has.</summary>
    public int StageCount => _stages.StageCount;

    /// <summary>Keeps the documents that match <paramref name="filter"/> (<c>$match</c>).</summary>
    public Pipeline<TInput, TOutput> Match(Filter<TOutput> filter) => new(_stages.Add("$match", filter.Render()));

    /// <summary>Orders the documents (<c>$sort</c>).</summary>
    public Pipeline<TInput, TOutput> Sort(Sort<TOutput> sort)
    {
        if (sort.IsEmpty)
        {
            throw new ArgumentException("A $sort stage needs at least one field.", nameof(sort));
        }

        return new(_stages.Add("$sort", sort.Render()));
    }

    /// <summary>Keeps the first <paramref name="limit"/> documents (<c>$limit</c>).</summary>
    public Pipeline<TInput, TOutput> Limit(long limit) => new(_stages.Add("$limit", Pipeline.LimitValue(limit)));

    /// <summary>Skips the first <paramref name="skip"/> documents (<c>$skip</c>).</summary>
    public Pipeline<TInput, TOutput> Skip(long skip) => new(_stages.Add("$skip", Pipeline.SkipValue(skip)));

    /// <summary>Reshapes each document into a <typeparamref name="TResult"/> (<c>$project</c>).</summary>
    public Pipeline<TInput, TResult> Project<TResult>(Projection<TOutput> projection)
    {
        if (projection.IsEmpty)
        {
            throw new ArgumentException("A $project stage needs at least one field.", nameof(projection));
        }

        return new(_stages.Add("$project", projection.Render()));
    }

    /// <summary>Reshapes each document into a <typeparamref name="TResult"/> with the projection document <paramref name="projection"/>, which may compute fields (<c>$project</c>).</summary>
    public Pipeline<TInput, TResult> Project<TResult>(BsonDocument projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return new(_stages.Add("$project", projection));
    }

    /// <summary>
    /// Groups the documents by <paramref name="key"/> (which becomes the <c>_id</c> of each <typeparamref name="TResult"/>)
    /// and computes <paramref name="accumulators"/> (<c>$group</c>).
    /// </summary>
    public Pipeline<TInput, TResult> Group<TKey, TResult>(Field<TOutput, TKey> key, params ReadOnlySpan<Accumulator<TOutput, TResult>> accumulators)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Group<TResult>(new BsonString("$" + key.Path), accumulators);
    }

    /// <summary>
    /// Groups the documents by the expression <paramref name="id"/> (<c>null</c> for one group of all, or a document of
    /// several keys) and computes <paramref name="accumulators"/> (<c>$group</c>).
    /// </summary>
    public Pipeline<TInput, TResult> Group<TResult>(BsonValue id, params ReadOnlySpan<Accumulator<TOutput, TResult>> accumulators)
    {
        ArgumentNullException.ThrowIfNull(id);
        var group = new BsonDocument("_id", id);
        foreach (var accumulator in accumulators)
        {
            if (accumulator.Name is null)
            {
                throw new ArgumentException("An accumulator is unset (default); build it with Accumulator<T>.", nameof(accumulators));
            }

            if (group.Contains(accumulator.Name))
            {
                throw new ArgumentException($"The $group already has the field \"{accumulator.Name}\"; each output field can appear once.", nameof(accumulators));
            }

            group.Add(accumulator.Name, accumulator.Value);
        }

        return new(_stages.Add("$group", group));
    }

    /// <summary>
    /// Outputs one document per element of the array <paramref name="field"/>, holding that element in its place
    /// (<c>$unwind</c>); follow with <see cref="As{TResult}"/> to name the type of the unwound documents.
    /// </summary>
    public Pipeline<TInput, TOutput> Unwind<TValue, TItem>(ArrayField<TOutput, TValue, TItem> field, bool preserveNullAndEmptyArrays = false, string? includeArrayIndex = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new(_stages.Add("$unwind", Pipeline.UnwindValue(field.Path, preserveNullAndEmptyArrays, includeArrayIndex)));
    }

    /// <summary>
    /// Adds to each document, as the array <paramref name="as"/> of a <typeparamref name="TResult"/>, the documents of the
    /// collection <paramref name="from"/> whose <paramref name="foreignField"/> equals <paramref name="localField"/> (<c>$lookup</c>).
    /// </summary>
    public Pipeline<TInput, TResult> Lookup<TForeign, TKey, TAs, TResult>(string from, Field<TOutput, TKey> localField, Field<TForeign, TKey> foreignField, ArrayField<TResult, TAs, TForeign> @as)
    {
        ArgumentNullException.ThrowIfNull(localField);
        return LookupCore<TForeign, TKey, TAs, TResult>(from, localField.Path, foreignField, @as);
    }

    /// <summary>
    /// Adds to each document, as the array <paramref name="as"/>, the documents of <paramref name="from"/> whose
    /// <paramref name="foreignField"/> equals one of the elements of the array <paramref name="localField"/> (<c>$lookup</c>).
    /// </summary>
    public Pipeline<TInput, TResult> Lookup<TForeign, TLocal, TKey, TAs, TResult>(string from, ArrayField<TOutput, TLocal, TKey> localField, Field<TForeign, TKey> foreignField, ArrayField<TResult, TAs, TForeign> @as)
    {
        ArgumentNullException.ThrowIfNull(localField);
        return LookupCore<TForeign, TKey, TAs, TResult>(from, localField.Path, foreignField, @as);
    }

    /// <summary>Appends a stage the helpers do not cover, such as <c>{ $sample: { size: 5 } }</c>, that keeps the document type.</summary>
    public Pipeline<TInput, TOutput> Stage(BsonDocument stage) => new(_stages.Add(stage));

    /// <summary>
    /// The same stages, their output read as <typeparamref name="TResult"/>: after a stage that reshapes documents in a
    /// way the helpers cannot type (such as <c>$unwind</c> or a hand-written stage).
    /// </summary>
    public Pipeline<TInput, TResult> As<TResult>() => new(_stages);

    /// <summary>The untyped pipeline of the same stages.</summary>
    public Pipeline ToPipeline() => _stages;

    /// <summary>The stages as the array the server expects.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public BsonArray Render() => _stages.Render();

    /// <summary>The pipeline as relaxed Extended JSON.</summary>
    public override string ToString() => _stages.ToString();

    /// <summary>The untyped pipeline of the same stages, for the methods that take a <see cref="Pipeline"/>.</summary>
    public static implicit operator Pipeline(Pipeline<TInput, TOutput> pipeline) => pipeline._stages;

    private Pipeline<TInput, TResult> LookupCore<TForeign, TKey, TAs, TResult>(string from, string localField, Field<TForeign, TKey> foreignField, ArrayField<TResult, TAs, TForeign> @as)
    {
        ArgumentNullException.ThrowIfNull(foreignField);
        ArgumentNullException.ThrowIfNull(@as);
        return new(_stages.Add("$lookup", Pipeline.LookupValue(from, localField, foreignField.Path, @as.Path)));
    }
}

using OpenQuizz.Typed.Operations.Read;

namespace OpenQuizz.Typed;

// The reads that take field descriptors: the values are decoded straight from the reply by the field's decoder.
public sealed partial class MongoCollection<TDocument>
{
    /// <summary>The distinct values of <paramref name="field"/> among the matching documents, decoded through the field's decoder when it has one.</summary>
    public Task<IReadOnlyList<TField>> DistinctAsync<TField>(Field<TDocument, TField> field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.Executor.ExecuteAsync(DistinctOf(field, filter, options), ReadSettings(options), cancellationToken).AsTask();

    /// <inheritdoc cref="DistinctAsync{TField}(Field{TDocument, TField}, Filter{TDocument}, DistinctOptions?, CancellationToken)"/>
    public IReadOnlyList<TField> Distinct<TField>(Field<TDocument, TField> field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.Executor.Execute(DistinctOf(field, filter, options), ReadSettings(options), cancellationToken);

    /// <summary>The distinct elements of the array <paramref name="field"/> among the matching documents, decoded through the field's element decoder when it has one.</summary>
    public Task<IReadOnlyList<TItem>> DistinctAsync<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.Executor.ExecuteAsync(DistinctOf(field, filter, options), ReadSettings(options), cancellationToken).AsTask();

    /// <inheritdoc cref="DistinctAsync{TValue, TItem}(ArrayField{TDocument, TValue, TItem}, Filter{TDocument}, DistinctOptions?, CancellationToken)"/>
    public IReadOnlyList<TItem> Distinct<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.Executor.Execute(DistinctOf(field, filter, options), ReadSettings(options), cancellationToken);

    /// <summary>Runs the typed <paramref name="pipeline"/> on this collection, decoding results as its output type with the registered codec.</summary>
    public Task<IAsyncCursor<TResult>> AggregateAsync<TResult>(Pipeline<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        AggregateAsync<TResult>(pipeline.ToPipeline(), options, cancellationToken);

    /// <inheritdoc cref="AggregateAsync{TResult}(Pipeline{TDocument, TResult}, AggregateOptions?, CancellationToken)"/>
    public IAsyncCursor<TResult> Aggregate<TResult>(Pipeline<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        Aggregate<TResult>(pipeline.ToPipeline(), options, cancellationToken);

    Task<IReadOnlyList<TField>> IMongoCollection<TDocument>.DistinctAsync<TField>(Field<TDocument, TField> field, Filter<TDocument> filter, DistinctOptions? options, CancellationToken cancellationToken) => DistinctAsync(field, filter, options, cancellationToken);

    IReadOnlyList<TField> IMongoCollection<TDocument>.Distinct<TField>(Field<TDocument, TField> field, Filter<TDocument> filter, DistinctOptions? options, CancellationToken cancellationToken) => Distinct(field, filter, options, cancellationToken);

    Task<IReadOnlyList<TItem>> IMongoCollection<TDocument>.DistinctAsync<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TDocument> filter, DistinctOptions? options, CancellationToken cancellationToken) => DistinctAsync(field, filter, options, cancellationToken);

    IReadOnlyList<TItem> IMongoCollection<TDocument>.Distinct<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TDocument> filter, DistinctOptions? options, CancellationToken cancellationToken) => Distinct(field, filter, options, cancellationToken);

    private DistinctOperation<TField> DistinctOf<TField>(Field<TDocument, TField> field, Filter<TDocument> filter, DistinctOptions? options)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new DistinctOperation<TField>(CollectionNamespace, field.Path, filter.Render(), options, field.Decoder);
    }

    private DistinctOperation<TItem> DistinctOf<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TDocument> filter, DistinctOptions? options)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new DistinctOperation<TItem>(CollectionNamespace, field.Path, filter.Render(), options, field.ItemDecoder);
    }
}

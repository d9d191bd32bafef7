using MongoDB.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed;

// The reads that take field descriptors. They have default bodies over the string overloads, so every implementation
// keeps compiling; the runtime's collection implements them to decode straight from the reply.
public partial interface IMongoCollection<TDocument>
{
    /// <summary>
    /// The distinct values of <paramref name="field"/> among the documents that match <paramref name="filter"/>, decoded
    /// through the field's decoder when it has one (an enum stored as a string, a Guid in its representation), else as
    /// the string overload decodes them.
    /// </summary>
    async Task<IReadOnlyList<TField>> DistinctAsync<TField>(Field<TDocument, TField> field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Decoder is { } decode
            ? DecodeAll(await DistinctAsync<BsonValue>(field.Path, filter, options, cancellationToken).ConfigureAwait(false), decode)
            : await DistinctAsync<TField>(field.Path, filter, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The distinct values of <paramref name="field"/> among the documents that match <paramref name="filter"/>.</summary>
    IReadOnlyList<TField> Distinct<TField>(Field<TDocument, TField> field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Decoder is { } decode
            ? DecodeAll(Distinct<BsonValue>(field.Path, filter, options, cancellationToken), decode)
            : Distinct<TField>(field.Path, filter, options, cancellationToken);
    }

    /// <summary>
    /// The distinct elements of the array <paramref name="field"/> among the documents that match
    /// <paramref name="filter"/>: the server counts array elements one by one, so the results are elements, decoded
    /// through the field's element decoder when it has one.
    /// </summary>
    async Task<IReadOnlyList<TItem>> DistinctAsync<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.ItemDecoder is { } decode
            ? DecodeAll(await DistinctAsync<BsonValue>(field.Path, filter, options, cancellationToken).ConfigureAwait(false), decode)
            : await DistinctAsync<TItem>(field.Path, filter, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The distinct elements of the array <paramref name="field"/> among the documents that match <paramref name="filter"/>.</summary>
    IReadOnlyList<TItem> Distinct<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.ItemDecoder is { } decode
            ? DecodeAll(Distinct<BsonValue>(field.Path, filter, options, cancellationToken), decode)
            : Distinct<TItem>(field.Path, filter, options, cancellationToken);
    }

    /// <summary>Runs the typed <paramref name="pipeline"/> on this collection, decoding results as its output type with the registered codec.</summary>
    Task<IAsyncCursor<TResult>> AggregateAsync<TResult>(Pipeline<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        AggregateAsync<TResult>(pipeline.ToPipeline(), options, cancellationToken);

    /// <summary>Runs the typed <paramref name="pipeline"/> on this collection.</summary>
    IAsyncCursor<TResult> Aggregate<TResult>(Pipeline<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        Aggregate<TResult>(pipeline.ToPipeline(), options, cancellationToken);

    private static IReadOnlyList<T> DecodeAll<T>(IReadOnlyList<BsonValue> values, BsonValueReader<T> decode)
    {
        var results = new T[values.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = GeneratedCodecHelpers.FromBsonValue(values[i], decode);
        }

        return results;
    }
}

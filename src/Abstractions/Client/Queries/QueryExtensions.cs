using System.ComponentModel;

namespace OpenQuizz.Typed;

/// <summary>
/// The operations of <see cref="IMongoCollection{TDocument}"/> with the query written as a C# lambda:
/// <c>quizzes.Find(q =&gt; q.Status == QuizStatus.Published &amp;&amp; q.Questions.Count &gt; 3)</c>. The OpenQuizz.Typed
/// generator translates each lambda into MQL at build time (element names, representations and discriminators from
/// the document's codec) and replaces the call with one that passes the translated <see cref="Filter{TDocument}"/>;
/// only the values the lambda captures are read at run time. A lambda that cannot be translated is a compile error
/// (OQ3xxx), and the lambda itself is never run. See docs/queries.md for what translates.
/// </summary>
/// <remarks>
/// Without the generator (or for a call it could not intercept) these methods throw <see cref="NotSupportedException"/>:
/// a query is never evaluated on the client by downloading the collection.
/// </remarks>
public static class QueryExtensions
{
    /// <summary>Finds the documents that match the query (<paramref name="filter"/> is translated at build time).</summary>
    public static IFindFluent<TDocument, TDocument> Find<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, FindOptions<TDocument>? options = null) => throw NotTranslated(nameof(Find));

    /// <summary>Counts the documents that match the query (<paramref name="filter"/> is translated at build time).</summary>
    public static Task<long> CountDocumentsAsync<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, CountOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(CountDocumentsAsync));

    /// <summary>Counts the documents that match the query (<paramref name="filter"/> is translated at build time).</summary>
    public static long CountDocuments<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, CountOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(CountDocuments));

    /// <summary>Deletes the first document that matches the query (<paramref name="filter"/> is translated at build time).</summary>
    public static Task<DeleteResult> DeleteOneAsync<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(DeleteOneAsync));

    /// <summary>Deletes the first document that matches the query (<paramref name="filter"/> is translated at build time).</summary>
    public static DeleteResult DeleteOne<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(DeleteOne));

    /// <summary>Deletes every document that matches the query (<paramref name="filter"/> is translated at build time).</summary>
    public static Task<DeleteResult> DeleteManyAsync<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(DeleteManyAsync));

    /// <summary>Deletes every document that matches the query (<paramref name="filter"/> is translated at build time).</summary>
    public static DeleteResult DeleteMany<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(DeleteMany));

    /// <summary>Updates the first document that matches the query (<paramref name="filter"/> is translated at build time).</summary>
    public static Task<UpdateResult> UpdateOneAsync<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(UpdateOneAsync));

    /// <summary>Updates the first document that matches the query (<paramref name="filter"/> is translated at build time).</summary>
    public static UpdateResult UpdateOne<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(UpdateOne));

    /// <summary>Updates every document that matches the query (<paramref name="filter"/> is translated at build time).</summary>
    public static Task<UpdateResult> UpdateManyAsync<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(UpdateManyAsync));

    /// <summary>Updates every document that matches the query (<paramref name="filter"/> is translated at build time).</summary>
    public static UpdateResult UpdateMany<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(UpdateMany));

    /// <summary>Replaces the first document that matches the query (<paramref name="filter"/> is translated at build time).</summary>
    public static Task<UpdateResult> ReplaceOneAsync<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(ReplaceOneAsync));

    /// <summary>Replaces the first document that matches the query (<paramref name="filter"/> is translated at build time).</summary>
    public static UpdateResult ReplaceOne<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(ReplaceOne));

    /// <summary>Updates the first document that matches the query and returns it (<paramref name="filter"/> is translated at build time).</summary>
    public static Task<TDocument?> FindOneAndUpdateAsync<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, Update<TDocument> update, FindOneAndUpdateOptions<TDocument>? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(FindOneAndUpdateAsync));

    /// <summary>Updates the first document that matches the query and returns it (<paramref name="filter"/> is translated at build time).</summary>
    public static TDocument? FindOneAndUpdate<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, Update<TDocument> update, FindOneAndUpdateOptions<TDocument>? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(FindOneAndUpdate));

    /// <summary>Replaces the first document that matches the query and returns it (<paramref name="filter"/> is translated at build time).</summary>
    public static Task<TDocument?> FindOneAndReplaceAsync<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument>? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(FindOneAndReplaceAsync));

    /// <summary>Replaces the first document that matches the query and returns it (<paramref name="filter"/> is translated at build time).</summary>
    public static TDocument? FindOneAndReplace<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument>? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(FindOneAndReplace));

    /// <summary>Deletes the first document that matches the query and returns it (<paramref name="filter"/> is translated at build time).</summary>
    public static Task<TDocument?> FindOneAndDeleteAsync<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, FindOneAndDeleteOptions<TDocument>? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(FindOneAndDeleteAsync));

    /// <summary>Deletes the first document that matches the query and returns it (<paramref name="filter"/> is translated at build time).</summary>
    public static TDocument? FindOneAndDelete<TDocument>(this IMongoCollection<TDocument> collection, Func<TDocument, bool> filter, FindOneAndDeleteOptions<TDocument>? options = null, CancellationToken cancellationToken = default) => throw NotTranslated(nameof(FindOneAndDelete));

    /// <summary>The distinct values of <paramref name="field"/> among the documents that match the query.</summary>
    public static Task<IReadOnlyList<TField>> DistinctAsync<TDocument, TField>(this IMongoCollection<TDocument> collection, string field, Func<TDocument, bool> filter, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotTranslated(nameof(DistinctAsync));

    /// <summary>The distinct values of <paramref name="field"/> among the documents that match the query.</summary>
    public static IReadOnlyList<TField> Distinct<TDocument, TField>(this IMongoCollection<TDocument> collection, string field, Func<TDocument, bool> filter, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotTranslated(nameof(Distinct));

    /// <summary>The distinct values of the member <paramref name="field"/> selects, among the documents that match the query.</summary>
    public static Task<IReadOnlyList<TField>> DistinctAsync<TDocument, TField>(this IMongoCollection<TDocument> collection, Func<TDocument, TField> field, Func<TDocument, bool>? filter = null, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotTranslated(nameof(DistinctAsync));

    /// <summary>The distinct values of the member <paramref name="field"/> selects, among the documents that match the query.</summary>
    public static IReadOnlyList<TField> Distinct<TDocument, TField>(this IMongoCollection<TDocument> collection, Func<TDocument, TField> field, Func<TDocument, bool>? filter = null, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotTranslated(nameof(Distinct));

    /// <summary>The distinct items of the array member <paramref name="field"/> selects, among the documents that match the query.</summary>
    public static Task<IReadOnlyList<TItem>> DistinctItemsAsync<TDocument, TItem>(this IMongoCollection<TDocument> collection, Func<TDocument, IEnumerable<TItem>> field, Func<TDocument, bool>? filter = null, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotTranslated(nameof(DistinctItemsAsync));

    /// <summary>The distinct items of the array member <paramref name="field"/> selects, among the documents that match the query.</summary>
    public static IReadOnlyList<TItem> DistinctItems<TDocument, TItem>(this IMongoCollection<TDocument> collection, Func<TDocument, IEnumerable<TItem>> field, Func<TDocument, bool>? filter = null, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotTranslated(nameof(DistinctItems));

    /// <summary>A <c>$match</c> stage whose filter is the query (translated at build time).</summary>
    public static Pipeline Match<TDocument>(this Pipeline pipeline, Func<TDocument, bool> filter) => throw NotTranslated(nameof(Match));

    internal static NotSupportedException NotTranslated(string method) => new(
        $"The query lambda passed to {method} was not translated at build time, so it cannot run: the OpenQuizz.Typed source generator "
        + "(the OpenQuizz.Typed package, or in this repository a ProjectReference to src/Generators with OutputItemType=\"Analyzer\") must be "
        + "referenced by the project that makes the call, and the lambda must be written at the call. Alternatively, build the filter "
        + "with Filter<T> and the generated field descriptors.");
}

using System.ComponentModel;

namespace OpenQuizz.Typed;

/// <summary>
/// Sorting a find by members chosen with lambdas: <c>quizzes.Find(q =&gt; q.Published).SortByDescending(q =&gt; q.CreatedAt).ThenBy(q =&gt; q.Title)</c>.
/// The generator translates each selector into the member's element path at build time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TypedFindFluentExtensions
{
    /// <summary>Sorts the results by the member <paramref name="field"/> selects, smallest first (replacing any sort).</summary>
    public static IFindFluent<TDocument, TProjection> SortBy<TDocument, TProjection, TValue>(this IFindFluent<TDocument, TProjection> find, Func<TDocument, TValue> field) =>
        throw QueryExtensions.NotTranslated(nameof(SortBy));

    /// <summary>Sorts the results by the member <paramref name="field"/> selects, largest first (replacing any sort).</summary>
    public static IFindFluent<TDocument, TProjection> SortByDescending<TDocument, TProjection, TValue>(this IFindFluent<TDocument, TProjection> find, Func<TDocument, TValue> field) =>
        throw QueryExtensions.NotTranslated(nameof(SortByDescending));

    /// <summary>Then sorts by the member <paramref name="field"/> selects, smallest first.</summary>
    public static IFindFluent<TDocument, TProjection> ThenBy<TDocument, TProjection, TValue>(this IFindFluent<TDocument, TProjection> find, Func<TDocument, TValue> field) =>
        throw QueryExtensions.NotTranslated(nameof(ThenBy));

    /// <summary>Then sorts by the member <paramref name="field"/> selects, largest first.</summary>
    public static IFindFluent<TDocument, TProjection> ThenByDescending<TDocument, TProjection, TValue>(this IFindFluent<TDocument, TProjection> find, Func<TDocument, TValue> field) =>
        throw QueryExtensions.NotTranslated(nameof(ThenByDescending));

    /// <summary>
    /// Returns <typeparamref name="TResult"/> built from the members the lambda reads: <c>Project(q =&gt; new QuizCard(q.Id, q.Title))</c>
    /// becomes a server-side projection into <typeparamref name="TResult"/>'s element names, decoded by its generated
    /// codec. Constructor arguments and initializer members must be stored members of the document or expressions over
    /// them (see docs/queries.md).
    /// </summary>
    public static IFindFluent<TDocument, TResult> Project<TDocument, TProjection, TResult>(this IFindFluent<TDocument, TProjection> find, Func<TDocument, TResult> projection) =>
        throw QueryExtensions.NotTranslated(nameof(Project));
}

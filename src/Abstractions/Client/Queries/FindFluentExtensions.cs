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
}

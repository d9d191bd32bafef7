namespace OpenQuizz.Typed;

// The sort shortcuts on field descriptors, with default bodies over Sort(Sort<TDocument>), so every implementation has them.
public partial interface IFindFluent<TDocument, TProjection>
{
    /// <summary>Orders the results by <paramref name="field"/>, smallest first, replacing any earlier order.</summary>
    IFindFluent<TDocument, TProjection> SortBy<TValue>(Field<TDocument, TValue> field) => Sort(Sort<TDocument>.Ascending(field));

    /// <summary>Orders the results by <paramref name="field"/>, largest first, replacing any earlier order.</summary>
    IFindFluent<TDocument, TProjection> SortByDescending<TValue>(Field<TDocument, TValue> field) => Sort(Sort<TDocument>.Descending(field));

    /// <summary>Then by <paramref name="field"/>, smallest first, among results equal in the order so far.</summary>
    /// <exception cref="InvalidOperationException">No order was given yet (start with <c>SortBy</c>).</exception>
    IFindFluent<TDocument, TProjection> ThenBy<TValue>(Field<TDocument, TValue> field) => Sort(CurrentSort(Options.Sort, "ThenBy").ThenBy(field));

    /// <summary>Then by <paramref name="field"/>, largest first, among results equal in the order so far.</summary>
    /// <exception cref="InvalidOperationException">No order was given yet (start with <c>SortBy</c> or <c>SortByDescending</c>).</exception>
    IFindFluent<TDocument, TProjection> ThenByDescending<TValue>(Field<TDocument, TValue> field) => Sort(CurrentSort(Options.Sort, "ThenByDescending").ThenByDescending(field));

    private static Sort<TDocument> CurrentSort(Sort<TDocument> sort, string method) =>
        sort.IsEmpty ? throw new InvalidOperationException($"{method} refines an order; start it with SortBy or SortByDescending.") : sort;
}

namespace OpenQuizz.Typed;

// The overloads on field descriptors: each renders what the string overload renders with the field's path.
public readonly partial struct Sort<TDocument>
{
    /// <summary>Sorts by <paramref name="field"/>, smallest first.</summary>
    public static Sort<TDocument> Ascending<TValue>(Field<TDocument, TValue> field) => default(Sort<TDocument>).Add(PathOf(field), 1);

    /// <summary>Sorts by <paramref name="field"/>, largest first.</summary>
    public static Sort<TDocument> Descending<TValue>(Field<TDocument, TValue> field) => default(Sort<TDocument>).Add(PathOf(field), -1);

    internal static string PathOf<TValue>(Field<TDocument, TValue> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Path;
    }
}

public static partial class SortChaining
{
    extension<TDocument>(Sort<TDocument> sort)
    {
        /// <summary>Then by <paramref name="field"/>, smallest first.</summary>
        public Sort<TDocument> Ascending<TValue>(Field<TDocument, TValue> field) => sort.Add(Sort<TDocument>.PathOf(field), 1);

        /// <summary>Then by <paramref name="field"/>, largest first.</summary>
        public Sort<TDocument> Descending<TValue>(Field<TDocument, TValue> field) => sort.Add(Sort<TDocument>.PathOf(field), -1);

        /// <summary>Then by <paramref name="field"/>, smallest first (the same as <c>Ascending</c>, named as LINQ names it).</summary>
        public Sort<TDocument> ThenBy<TValue>(Field<TDocument, TValue> field) => sort.Add(Sort<TDocument>.PathOf(field), 1);

        /// <summary>Then by <paramref name="field"/>, largest first (the same as <c>Descending</c>, named as LINQ names it).</summary>
        public Sort<TDocument> ThenByDescending<TValue>(Field<TDocument, TValue> field) => sort.Add(Sort<TDocument>.PathOf(field), -1);
    }
}

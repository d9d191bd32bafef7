using System.ComponentModel;

namespace OpenQuizz.Typed;

public readonly partial struct Sort<TDocument>
{
    /// <summary>Sorts by the member <paramref name="field"/> selects, smallest first.</summary>
    public static Sort<TDocument> Ascending<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Ascending));

    /// <summary>Sorts by the member <paramref name="field"/> selects, largest first.</summary>
    public static Sort<TDocument> Descending<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Descending));
}

/// <summary>The chained sort keys with the member chosen by a lambda, translated at build time.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TypedSortChaining
{
    /// <summary>Sorts by the member <paramref name="field"/> selects, smallest first.</summary>
    public static Sort<TDocument> Ascending<TDocument, TValue>(this Sort<TDocument> sort, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Ascending));

    /// <summary>Sorts by the member <paramref name="field"/> selects, largest first.</summary>
    public static Sort<TDocument> Descending<TDocument, TValue>(this Sort<TDocument> sort, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Descending));
}

using System.ComponentModel;

namespace OpenQuizz.Typed;

public readonly partial struct Projection<TDocument>
{
    /// <summary>Returns the member <paramref name="field"/> selects.</summary>
    public static Projection<TDocument> Include<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Include));

    /// <summary>Leaves out the member <paramref name="field"/> selects.</summary>
    public static Projection<TDocument> Exclude<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Exclude));

    /// <summary>Returns the first <paramref name="limit"/> elements of the array member (negative: the last ones).</summary>
    public static Projection<TDocument> Slice<TValue>(Func<TDocument, TValue> field, int limit) => throw QueryExtensions.NotTranslated(nameof(Slice));
}

/// <summary>The chained projection fields with the member chosen by a lambda, translated at build time.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TypedProjectionChaining
{
    /// <summary>Returns the member <paramref name="field"/> selects.</summary>
    public static Projection<TDocument> Include<TDocument, TValue>(this Projection<TDocument> projection, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Include));

    /// <summary>Leaves out the member <paramref name="field"/> selects.</summary>
    public static Projection<TDocument> Exclude<TDocument, TValue>(this Projection<TDocument> projection, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Exclude));

    /// <summary>Returns the first <paramref name="limit"/> elements of the array member (negative: the last ones).</summary>
    public static Projection<TDocument> Slice<TDocument, TValue>(this Projection<TDocument> projection, Func<TDocument, TValue> field, int limit) => throw QueryExtensions.NotTranslated(nameof(Slice));
}

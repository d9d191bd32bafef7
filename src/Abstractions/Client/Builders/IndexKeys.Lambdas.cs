using System.ComponentModel;

namespace OpenQuizz.Typed;

public readonly partial struct IndexKeys<TDocument>
{
    /// <summary>Indexes the member <paramref name="field"/> selects, ascending.</summary>
    public static IndexKeys<TDocument> Ascending<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Ascending));

    /// <summary>Indexes the member <paramref name="field"/> selects, descending.</summary>
    public static IndexKeys<TDocument> Descending<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Descending));

    /// <summary>A hashed index key on the member.</summary>
    public static IndexKeys<TDocument> Hashed<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Hashed));

    /// <summary>A text index key on the member.</summary>
    public static IndexKeys<TDocument> Text<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Text));

    /// <summary>A 2dsphere index key on the member.</summary>
    public static IndexKeys<TDocument> Geo2DSphere<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Geo2DSphere));

    /// <summary>A 2d index key on the member.</summary>
    public static IndexKeys<TDocument> Geo2D<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Geo2D));
}

/// <summary>The chained index keys with the member chosen by a lambda, translated at build time.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TypedIndexKeysChaining
{
    /// <summary>Indexes the member <paramref name="field"/> selects, ascending.</summary>
    public static IndexKeys<TDocument> Ascending<TDocument, TValue>(this IndexKeys<TDocument> indexkeys, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Ascending));

    /// <summary>Indexes the member <paramref name="field"/> selects, descending.</summary>
    public static IndexKeys<TDocument> Descending<TDocument, TValue>(this IndexKeys<TDocument> indexkeys, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Descending));

    /// <summary>A hashed index key on the member.</summary>
    public static IndexKeys<TDocument> Hashed<TDocument, TValue>(this IndexKeys<TDocument> indexkeys, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Hashed));

    /// <summary>A text index key on the member.</summary>
    public static IndexKeys<TDocument> Text<TDocument, TValue>(this IndexKeys<TDocument> indexkeys, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Text));

    /// <summary>A 2dsphere index key on the member.</summary>
    public static IndexKeys<TDocument> Geo2DSphere<TDocument, TValue>(this IndexKeys<TDocument> indexkeys, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Geo2DSphere));

    /// <summary>A 2d index key on the member.</summary>
    public static IndexKeys<TDocument> Geo2D<TDocument, TValue>(this IndexKeys<TDocument> indexkeys, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Geo2D));
}

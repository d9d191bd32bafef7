namespace OpenQuizz.Typed;

// The overloads on field descriptors: each renders what the string overload renders with the field's path.
public readonly partial struct IndexKeys<TDocument>
{
    /// <summary>Indexes <paramref name="field"/> in ascending order (1).</summary>
    public static IndexKeys<TDocument> Ascending<TValue>(Field<TDocument, TValue> field) => default(IndexKeys<TDocument>).Add(PathOf(field), 1);

    /// <summary>Indexes <paramref name="field"/> in descending order (-1).</summary>
    public static IndexKeys<TDocument> Descending<TValue>(Field<TDocument, TValue> field) => default(IndexKeys<TDocument>).Add(PathOf(field), -1);

    /// <summary>Indexes the hash of <paramref name="field"/> (<c>"hashed"</c>).</summary>
    public static IndexKeys<TDocument> Hashed<TValue>(Field<TDocument, TValue> field) => default(IndexKeys<TDocument>).Add(PathOf(field), "hashed");

    /// <summary>Indexes the words of the string <paramref name="field"/> for <c>$text</c> (<c>"text"</c>).</summary>
    public static IndexKeys<TDocument> Text<TValue>(Field<TDocument, TValue> field) => default(IndexKeys<TDocument>).Add(PathOf(field), "text");

    /// <summary>Indexes the GeoJSON <paramref name="field"/> on a sphere (<c>"2dsphere"</c>).</summary>
    public static IndexKeys<TDocument> Geo2DSphere<TValue>(Field<TDocument, TValue> field) => default(IndexKeys<TDocument>).Add(PathOf(field), "2dsphere");

    /// <summary>Indexes the legacy coordinate pair <paramref name="field"/> on a plane (<c>"2d"</c>).</summary>
    public static IndexKeys<TDocument> Geo2D<TValue>(Field<TDocument, TValue> field) => default(IndexKeys<TDocument>).Add(PathOf(field), "2d");

    internal static string PathOf<TValue>(Field<TDocument, TValue> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Path;
    }
}

public static partial class IndexKeysChaining
{
    extension<TDocument>(IndexKeys<TDocument> keys)
    {
        /// <summary>Then <paramref name="field"/>, ascending.</summary>
        public IndexKeys<TDocument> Ascending<TValue>(Field<TDocument, TValue> field) => keys.Add(IndexKeys<TDocument>.PathOf(field), 1);

        /// <summary>Then <paramref name="field"/>, descending.</summary>
        public IndexKeys<TDocument> Descending<TValue>(Field<TDocument, TValue> field) => keys.Add(IndexKeys<TDocument>.PathOf(field), -1);

        /// <summary>Then the hash of <paramref name="field"/>.</summary>
        public IndexKeys<TDocument> Hashed<TValue>(Field<TDocument, TValue> field) => keys.Add(IndexKeys<TDocument>.PathOf(field), "hashed");

        /// <summary>Then the words of <paramref name="field"/>.</summary>
        public IndexKeys<TDocument> Text<TValue>(Field<TDocument, TValue> field) => keys.Add(IndexKeys<TDocument>.PathOf(field), "text");

        /// <summary>Then the GeoJSON <paramref name="field"/> on a sphere.</summary>
        public IndexKeys<TDocument> Geo2DSphere<TValue>(Field<TDocument, TValue> field) => keys.Add(IndexKeys<TDocument>.PathOf(field), "2dsphere");

        /// <summary>Then the coordinate pair <paramref name="field"/> on a plane.</summary>
        public IndexKeys<TDocument> Geo2D<TValue>(Field<TDocument, TValue> field) => keys.Add(IndexKeys<TDocument>.PathOf(field), "2d");
    }
}

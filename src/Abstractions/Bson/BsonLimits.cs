namespace OpenQuizz.Typed.Bson;

/// <summary>Limits that every BSON reader and writer of this library applies.</summary>
public static class BsonLimits
{
    /// <summary>
    /// The deepest nesting of documents and arrays that is read or written (the top-level document is depth 1).
    /// MongoDB's server refuses more than 200 levels as well; past it the reader raises <see cref="BsonFormatException"/>
    /// instead of recursing toward a stack overflow.
    /// </summary>
    public const int MaxDepth = 200;

    /// <summary>The largest document the server stores by default (16 MiB).</summary>
    public const int MaxDocumentSize = 16 * 1024 * 1024;
}

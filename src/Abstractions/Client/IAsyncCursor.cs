namespace OpenQuizz.Typed;

/// <summary>
/// The results of a query, fetched from the server batch by batch as they are enumerated (PyMongo's <c>Cursor</c> and
/// <c>CommandCursor</c>). Enumerate it once, with <c>await foreach</c> or <c>foreach</c>; disposing it kills the
/// server-side cursor if results remain.
/// </summary>
public interface IAsyncCursor<out T> : IAsyncEnumerable<T>, IEnumerable<T>, IAsyncDisposable, IDisposable
{
    /// <summary>The server-side cursor id; 0 once every result has been fetched (or the cursor was closed).</summary>
    long Id { get; }

    /// <summary>The namespace the cursor reads, as the server reported it.</summary>
    CollectionNamespace Namespace { get; }
}

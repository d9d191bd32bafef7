namespace OpenQuizz.Typed;

/// <summary>Reads a whole <see cref="IAsyncCursor{T}"/> and closes it.</summary>
public static class AsyncCursorExtensions
{
    /// <summary>Every remaining result, in order; the cursor is disposed afterwards.</summary>
    public static async Task<List<T>> ToListAsync<T>(this IAsyncCursor<T> cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        await using (((IAsyncDisposable)cursor).ConfigureAwait(false))
        {
            var list = new List<T>();
            await foreach (var item in cursor.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                list.Add(item);
            }

            return list;
        }
    }

    /// <summary>The next result, or the default when there is none; the cursor is disposed afterwards (killing it on the server if results remain).</summary>
    public static async Task<T?> FirstOrDefaultAsync<T>(this IAsyncCursor<T> cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        await using (((IAsyncDisposable)cursor).ConfigureAwait(false))
        {
            await foreach (var item in cursor.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                return item;
            }

            return default;
        }
    }

    /// <summary>Every remaining result, in order, read synchronously; the cursor is disposed afterwards.</summary>
    public static List<T> ToList<T>(this IAsyncCursor<T> cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        using (cursor)
        {
            var list = new List<T>();
            foreach (var item in cursor)
            {
                list.Add(item);
            }

            return list;
        }
    }

    /// <summary>The next result, or the default when there is none, read synchronously; the cursor is disposed afterwards.</summary>
    public static T? FirstOrDefault<T>(this IAsyncCursor<T> cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        using (cursor)
        {
            foreach (var item in cursor)
            {
                return item;
            }

            return default;
        }
    }
}

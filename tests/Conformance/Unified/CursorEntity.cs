using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>
/// A cursor entity (<c>createFindCursor</c>): the operations <c>iterateUntilDocumentOrError</c>, <c>iterateOnce</c>
/// and <c>close</c>. The client's cursor fetches a batch (getMore) when the documents it holds run out, so one
/// iteration sends at most one getMore.
/// </summary>
public sealed class CursorEntity(IAsyncCursor<BsonDocument> cursor) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<BsonDocument> _documents = cursor.GetAsyncEnumerator();
    private bool _closed;

    public async Task<object?> RunAsync(UnifiedOperation op, Arguments a)
    {
        a.EnsureAllRead();
        switch (op.Name)
        {
            case "iterateUntilDocumentOrError":
                // A non-tailable cursor yields a document or ends; the vectors iterate only where one remains.
                return await _documents.MoveNextAsync()
                    ? _documents.Current
                    : throw new InvalidOperationException($"{op.JsonPath}: the cursor is exhausted, no document to return.");
            case "iterateOnce":
                await _documents.MoveNextAsync();
                return null;
            case "close":
                await DisposeAsync();
                return null;
            default:
                throw new UnmappedOperationException(op);
        }
    }

    /// <summary>Closes the cursor (killCursors when the server still holds it); the runner closes open cursors after the test.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        await _documents.DisposeAsync();
        await cursor.DisposeAsync();
    }
}

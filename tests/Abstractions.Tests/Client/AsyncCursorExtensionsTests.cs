using MongoDB.Bson;
using System.Collections;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Tests.Client;

public class AsyncCursorExtensionsTests
{
    [Fact]
    public async Task ToListAsync_reads_everything_and_disposes_the_cursor()
    {
        var cursor = new ListCursor<int>([1, 2, 3]);
        Assert.Equal([1, 2, 3], await cursor.ToListAsync(TestContext.Current.CancellationToken));
        Assert.True(cursor.Disposed);
    }

    [Fact]
    public async Task FirstOrDefaultAsync_stops_at_the_first_result_and_disposes()
    {
        var cursor = new ListCursor<string>(["a", "b"]);
        Assert.Equal("a", await cursor.FirstOrDefaultAsync(TestContext.Current.CancellationToken));
        Assert.True(cursor.Disposed);
        Assert.Null(await new ListCursor<string>([]).FirstOrDefaultAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_synchronous_forms_do_the_same()
    {
        var cursor = new ListCursor<int>([4, 5]);
        Assert.Equal([4, 5], cursor.ToList());
        Assert.True(cursor.Disposed);
        var first = new ListCursor<int>([7]);
        Assert.Equal(7, first.FirstOrDefault());
        Assert.True(first.Disposed);
    }

    [Fact]
    public void The_cursor_is_covariant()
    {
        IAsyncCursor<BsonValue> cursor = new ListCursor<BsonDocument>([new BsonDocument("a", 1)]);
        Assert.Single(cursor.ToList());
    }

    private sealed class ListCursor<T>(List<T> items) : IAsyncCursor<T>
    {
        public bool Disposed { get; private set; }

        public long Id => Disposed ? 0 : 42;

        public CollectionNamespace Namespace { get; } = CollectionNamespace.Parse("db.items");

        public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            foreach (var item in items)
            {
                await Task.Yield();
                yield return item;
            }
        }

        public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}

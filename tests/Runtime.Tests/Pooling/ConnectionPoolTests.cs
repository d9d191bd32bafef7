using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Pooling.Events;
using OpenQuizz.Typed.Tests.Topology;

namespace OpenQuizz.Typed.Tests.Pooling;

/// <summary>The pool's failure paths: every one returns or closes its connection and frees its slot.</summary>
public sealed class ConnectionPoolTests
{
    private static readonly MongoServerAddress Address = new("a", 27017);

    private static ConnectionPool CreatePool(FakePoolConnections connections, ConnectionPoolOptions options, TimeProvider? time = null)
    {
        var pool = new ConnectionPool(Address, options, connections, time ?? TimeProvider.System, backgroundInterval: TimeSpan.FromMilliseconds(-1));
        pool.Ready();
        return pool;
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_leaks_nothing()
    {
        var connections = new FakePoolConnections();
        using var pool = CreatePool(connections, new ConnectionPoolOptions(MaxPoolSize: 1));
        var first = await pool.CheckOutAsync(TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource();
        var waiting = pool.CheckOutAsync(cancel.Token).AsTask();
        Assert.False(waiting.IsCompleted);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        pool.CheckIn(first);

        Assert.Equal(1, pool.TotalConnectionCount);
        Assert.Equal(1, pool.AvailableConnectionCount);
        var again = await pool.CheckOutAsync(TestContext.Current.CancellationToken);
        Assert.Same(first, again);
    }

    [Fact]
    public async Task A_failed_establishment_frees_its_slot_and_closes_the_connection()
    {
        var connections = new FakePoolConnections { NextFailure = new MongoConnectionException(Address, "refused") };
        using var pool = CreatePool(connections, new ConnectionPoolOptions(MaxPoolSize: 1));

        await Assert.ThrowsAsync<MongoConnectionException>(() => pool.CheckOutAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.True(connections.Created[0].Disposed);
        Assert.Equal(0, pool.TotalConnectionCount);
        var connection = await pool.CheckOutAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, connection.Id);
    }

    [Fact]
    public async Task Clearing_fails_waiters_and_closes_stale_connections_when_they_return()
    {
        var connections = new FakePoolConnections();
        using var pool = CreatePool(connections, new ConnectionPoolOptions(MaxPoolSize: 1));
        var inUse = await pool.CheckOutAsync(TestContext.Current.CancellationToken);
        var waiting = pool.CheckOutAsync(TestContext.Current.CancellationToken).AsTask();

        pool.Clear();

        var error = await Assert.ThrowsAsync<MongoPoolClearedException>(() => waiting);
        Assert.True(error.HasErrorLabel("RetryableWriteError"));
        pool.CheckIn(inUse);
        Assert.True(connections.Created[0].Disposed);
        Assert.Equal(0, pool.TotalConnectionCount);
        await Assert.ThrowsAsync<MongoPoolClearedException>(() => pool.CheckOutAsync(TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task A_connection_being_established_when_the_pool_is_cleared_is_returned_then_closed_at_check_in()
    {
        // CMAP checkOut: a pending connection is established and returned; clearing only made it stale (older
        // generation), so check-in closes it instead of making it available, and the pool stays paused meanwhile.
        var connections = new FakePoolConnections { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var pool = CreatePool(connections, new ConnectionPoolOptions(MaxPoolSize: 2));
        var establishing = pool.CheckOutAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.False(establishing.IsCompleted);
        Assert.Single(connections.Created);

        pool.Clear();
        await Assert.ThrowsAsync<MongoPoolClearedException>(() => pool.CheckOutAsync(TestContext.Current.CancellationToken).AsTask());
        connections.Gate.SetResult();
        var stale = await establishing;

        Assert.Equal(0, stale.Generation);
        pool.CheckIn(stale);
        Assert.True(connections.Created[0].Disposed);
        Assert.Equal(0, pool.TotalConnectionCount);
        Assert.Equal(0, pool.AvailableConnectionCount);
    }

    [Fact]
    public async Task The_wait_queue_timeout_follows_the_injected_clock()
    {
        var time = new ManualTimeProvider();
        var connections = new FakePoolConnections();
        using var pool = CreatePool(connections, new ConnectionPoolOptions(MaxPoolSize: 1, WaitQueueTimeout: TimeSpan.FromSeconds(2)), time);
        var inUse = await pool.CheckOutAsync(TestContext.Current.CancellationToken);
        var waiting = pool.CheckOutAsync(TestContext.Current.CancellationToken).AsTask();

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<MongoWaitQueueTimeoutException>(() => waiting);
        pool.CheckIn(inUse);
        Assert.Equal(1, pool.AvailableConnectionCount);
    }

    [Fact]
    public async Task A_lease_checks_its_connection_in_even_when_the_operation_throws()
    {
        var connections = new FakePoolConnections();
        using var pool = CreatePool(connections, new ConnectionPoolOptions(MaxPoolSize: 1));

        async Task FailingOperation()
        {
            using var lease = await pool.RentAsync(TestContext.Current.CancellationToken);
            throw new InvalidOperationException("boom");
        }

        await Assert.ThrowsAsync<InvalidOperationException>(FailingOperation);
        Assert.Equal(1, pool.AvailableConnectionCount);
    }

    [Fact]
    public async Task Closing_the_pool_closes_a_connection_checked_in_afterwards()
    {
        var connections = new FakePoolConnections();
        var pool = CreatePool(connections, new ConnectionPoolOptions());
        var connection = await pool.CheckOutAsync(TestContext.Current.CancellationToken);

        pool.Dispose();
        pool.CheckIn(connection);

        Assert.True(connections.Created[0].Disposed);
        await Assert.ThrowsAsync<MongoPoolClosedException>(() => pool.CheckOutAsync(TestContext.Current.CancellationToken).AsTask());
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Pooling.Events;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Pooling;

/// <summary>The adapter between the pool and <see cref="MongoConnection"/>, over a scripted server.</summary>
public sealed class PooledConnectionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creates_unopened_connections_that_open_on_demand_with_the_pool_generation()
    {
        var server = new FakeServer();
        var factory = new PooledConnectionFactory(new ConnectionSettings { StreamFactory = server });

        using var created = factory.Create(FakeServer.Address, id: 7, generation: 3);
        var pooled = Assert.IsType<PooledConnection>(created);
        Assert.Equal(7, created.Id);
        Assert.Equal(3, created.Generation);
        Assert.Null(pooled.Connection.Description);
        Assert.Empty(server.Requests);

        await created.OpenAsync(Token);

        Assert.NotNull(pooled.Connection.Description);
        Assert.False(created.IsBroken);
        Assert.Null(created.ServiceId);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_pool_hands_out_the_mongo_connection_through_the_lease()
    {
        var server = new FakeServer();
        using var pool = new ConnectionPool(FakeServer.Address, new ConnectionPoolOptions(10, 0, 2, null, null), new PooledConnectionFactory(new ConnectionSettings { StreamFactory = server }));
        pool.Ready();

        using var lease = await pool.RentAsync(Token);
        var reply = await lease.GetMongoConnection().RunCommandAsync("admin", new BsonDocument("ping", 1), Token);

        Assert.Equal(1, reply["ok"].ToInt32());
        Assert.Equal("ping", server.Requests[^1].CommandName);
    }

    [Fact]
    public async Task Dispose_from_another_thread_interrupts_a_command_in_flight()
    {
        var server = new FakeServer { OnCommand = _ => ScriptedAnswer.Nothing };
        using var connection = new PooledConnectionFactory(new ConnectionSettings { StreamFactory = server }).Create(FakeServer.Address, 1, 0);
        await connection.OpenAsync(Token);
        var mongo = ((PooledConnection)connection).Connection;

        var command = mongo.RunCommandAsync("admin", new BsonDocument("ping", 1), Token).AsTask();
        await server.WhenRequestCountAsync(2).Within("the command was sent");
        Assert.Equal(2, server.Requests.Count);
        await Task.Run(connection.Dispose, Token);

        await Assert.ThrowsAnyAsync<MongoConnectionException>(() => command.Within());
        Assert.True(connection.IsBroken);
        Assert.True(server.Stream.IsDisposed);
    }

    [Fact]
    public async Task A_disposed_connection_cannot_open()
    {
        var server = new FakeServer();
        var connection = new PooledConnectionFactory(new ConnectionSettings { StreamFactory = server }).Create(FakeServer.Address, 1, 0);
        connection.Dispose();

        await Assert.ThrowsAnyAsync<Exception>(async () => await connection.OpenAsync(Token));
        Assert.Empty(server.Requests);
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests;

/// <summary>A fresh server per test class; each test uses its own collection or database names.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly List<WireClient> _clients = [];

    public EmbeddedMongoServer Server { get; private set; } = null!;

    public List<string> Log { get; } = [];

    public async ValueTask InitializeAsync()
    {
        Server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { Log = line => { lock (Log) { Log.Add(line); } } });
    }

    /// <summary>A new connection, disposed with the fixture.</summary>
    public async Task<WireClient> ConnectAsync()
    {
        var client = await WireClient.ConnectAsync(Server.EndPoint);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    internal async Task<BsonDocument> RunAsync(BsonDocument command, string database = "test")
    {
        var client = await ConnectAsync();
        return await client.RunAsync(command, database);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}

/// <summary>Assertions on reply shapes.</summary>
public static class Reply
{
    internal static BsonDocument Ok(BsonDocument reply)
    {
        Assert.True(reply["ok"].ToDouble() == 1, $"expected ok: 1 but got {reply}");
        return reply;
    }

    internal static void Error(BsonDocument reply, int code, string? codeName = null)
    {
        Assert.True(reply["ok"].ToDouble() == 0, $"expected an error but got {reply}");
        Assert.True(reply["code"].ToInt32() == code, $"expected code {code} but got {reply}");
        Assert.IsType<BsonString>(reply["errmsg"]);
        if (codeName is not null)
        {
            Assert.Equal(codeName, reply["codeName"].AsString);
        }
    }

    internal static BsonArray FirstBatch(BsonDocument reply) => Ok(reply)["cursor"]["firstBatch"].AsBsonArray;
}

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

/// <summary>
/// Assertions on reply shapes. A failure message quotes the reply, so it is built only on failure: written as JSON
/// for every passing check, large replies (a whole collection in one batch) would cost time and memory for nothing.
/// </summary>
public static class Reply
{
    internal static BsonDocument Ok(BsonDocument reply)
    {
        if (reply["ok"].ToDouble() != 1)
        {
            Assert.Fail($"expected ok: 1 but got {reply}");
        }

        return reply;
    }

    internal static void Error(BsonDocument reply, int code, string? codeName = null)
    {
        if (reply["ok"].ToDouble() != 0)
        {
            Assert.Fail($"expected an error but got {reply}");
        }

        if (reply["code"].ToInt32() != code)
        {
            Assert.Fail($"expected code {code} but got {reply}");
        }

        Assert.IsType<BsonString>(reply["errmsg"]);
        if (codeName is not null)
        {
            Assert.Equal(codeName, reply["codeName"].AsString);
        }
    }

    internal static BsonArray FirstBatch(BsonDocument reply) => Ok(reply)["cursor"]["firstBatch"].AsBsonArray;
}

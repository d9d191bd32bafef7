using System.Security.Cryptography;
using System.Text;
using OpenQuizz.Typed.Embedded.Auth;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Auth;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Sessions;

/// <summary>
/// Sessions belong to the user who uses them (lsid id + uid) and expire on the server's clock: another user presenting
/// someone's lsid reaches none of their retry history or cursors, and an expired or ended session takes both with it.
/// Each test gets its own authenticated replica-set server on a manual clock.
/// </summary>
public sealed class SessionOwnershipTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private readonly List<WireClient> _clients = [];
    private EmbeddedMongoServer _server = null!;
    private WireClient _alice = null!;
    private WireClient _bob = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions
        {
            ReplicaSetName = "rs0",
            RequireAuthentication = true,
            InitialUser = new EmbeddedUser("root", "rootpw"),
            TimeProvider = _clock,
            CursorTimeout = TimeSpan.FromDays(1), // only session expiry closes cursors here
            LogicalSessionTimeoutMinutes = 30,
        });
        var root = await LogInAsync("root", "rootpw", "admin");
        foreach (var name in new[] { "alice", "bob" })
        {
            Reply.Ok(await root.RunAsync(D(("createUser", name), ("pwd", name + "pw"), ("roles", A("readWrite"))), "test"));
        }

        _alice = await LogInAsync("alice", "alicepw", "test");
        _bob = await LogInAsync("bob", "bobpw", "test");
        Reply.Ok(await _alice.RunAsync(D(("insert", "docs"), ("documents", A(D(("_id", 1), ("n", 0)), D(("_id", 2), ("n", 0)), D(("_id", 3), ("n", 0)))))));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    private async Task<WireClient> LogInAsync(string user, string password, string database)
    {
        var client = await WireClient.ConnectAsync(_server.EndPoint);
        _clients.Add(client);
        Reply.Ok(await new TestScramClient("SCRAM-SHA-256", user, password).AuthenticateAsync(client, database));
        return client;
    }

    private static BsonBinaryData NewId() => BsonBinaryData.FromGuid(Guid.NewGuid(), UuidRepresentation.Standard);

    private static BsonDocument Increment(BsonBinaryData lsid, long txnNumber) => D(
        ("update", "docs"),
        ("updates", A(D(("q", D(("_id", 1))), ("u", D(("$inc", D(("n", 1)))))))),
        ("lsid", D(("id", lsid))),
        ("txnNumber", txnNumber));

    private async Task<int> CounterAsync() => Reply.FirstBatch(await _alice.RunAsync(D(("find", "docs"), ("filter", D(("_id", 1))))))[0]["n"].AsInt32;

    private async Task<long> OpenCursorAsync(WireClient client, BsonBinaryData lsid)
    {
        var reply = Reply.Ok(await client.RunAsync(D(("find", "docs"), ("batchSize", 1), ("lsid", D(("id", lsid))))));
        return reply["cursor"]["id"].ToInt64();
    }

    private static BsonDocument GetMore(long cursor, BsonBinaryData? lsid)
    {
        var command = D(("getMore", cursor), ("collection", "docs"), ("batchSize", 1));
        if (lsid is not null)
        {
            command.Add("lsid", D(("id", lsid)));
        }

        return command;
    }

    [Fact]
    public async Task Another_user_reusing_an_lsid_and_txnNumber_gets_no_cached_reply()
    {
        var lsid = NewId();
        Reply.Ok(await _alice.RunAsync(Increment(lsid, 1)));

        // Bob replays Alice's exact bytes: it is his own session (his uid), so his write runs and is not answered from hers.
        var bobs = Reply.Ok(await _bob.RunAsync(Increment(lsid, 1)));
        Assert.False(bobs.Contains("retriedStmtIds"));
        Assert.Equal(2, await CounterAsync());

        // Alice's own retry is still recognised as one.
        Assert.Equal(A(0), Reply.Ok(await _alice.RunAsync(Increment(lsid, 1)))["retriedStmtIds"]);
        Assert.Equal(2, await CounterAsync());
    }

    [Fact]
    public async Task A_client_cannot_claim_another_users_uid()
    {
        var aliceUid = new BsonBinaryData(SHA256.HashData(Encoding.UTF8.GetBytes("alice@test")));
        var forged = Increment(NewId(), 1);
        forged["lsid"].AsBsonDocument.Add("uid", aliceUid);

        Reply.Error(await _bob.RunAsync(forged), 13, "Unauthorized");
        Assert.Equal(0, await CounterAsync());

        // Alice may name her own uid, as drivers talking to mongos do.
        var own = Increment(NewId(), 1);
        own["lsid"].AsBsonDocument.Add("uid", aliceUid);
        Reply.Ok(await _alice.RunAsync(own));
    }

    [Fact]
    public async Task A_cursor_is_read_only_by_its_user_and_in_its_session()
    {
        var lsid = NewId();
        var cursor = await OpenCursorAsync(_alice, lsid);

        Reply.Error(await _bob.RunAsync(GetMore(cursor, lsid)), 13);
        Reply.Error(await _alice.RunAsync(GetMore(cursor, NewId())), 50738);
        Reply.Error(await _alice.RunAsync(GetMore(cursor, null)), 50737);
        Assert.Single(Reply.Ok(await _alice.RunAsync(GetMore(cursor, lsid)))["cursor"]["nextBatch"].AsBsonArray);
    }

    [Fact]
    public async Task An_expired_session_takes_its_cursors_and_retry_history_with_it()
    {
        var lsid = NewId();
        Reply.Ok(await _alice.RunAsync(Increment(lsid, 1)));
        var cursor = await OpenCursorAsync(_alice, lsid);

        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(A(0), Reply.Ok(await _alice.RunAsync(Increment(lsid, 1)))["retriedStmtIds"]); // still alive, and used again now
        _clock.Advance(TimeSpan.FromMinutes(31));

        Reply.Error(await _alice.RunAsync(GetMore(cursor, lsid)), 43, "CursorNotFound");
        var afterExpiry = Reply.Ok(await _alice.RunAsync(Increment(lsid, 1)));
        Assert.False(afterExpiry.Contains("retriedStmtIds")); // as in mongod, the record expired with the session
        Assert.Equal(2, await CounterAsync());
    }

    [Fact]
    public async Task RefreshSessions_keeps_a_session_alive_and_endSessions_ends_it()
    {
        var lsid = NewId();
        var cursor = await OpenCursorAsync(_alice, lsid);

        _clock.Advance(TimeSpan.FromMinutes(20));
        Reply.Ok(await _alice.RunAsync(D(("refreshSessions", A(D(("id", lsid))))), "admin"));
        _clock.Advance(TimeSpan.FromMinutes(20));
        Reply.Ok(await _alice.RunAsync(GetMore(cursor, lsid)));

        // Bob naming Alice's session ends only his own (there is none): her cursor stays.
        Reply.Ok(await _bob.RunAsync(D(("endSessions", A(D(("id", lsid))))), "admin"));
        Reply.Ok(await _alice.RunAsync(GetMore(cursor, lsid)));

        Reply.Ok(await _alice.RunAsync(D(("endSessions", A(D(("id", lsid))))), "admin"));
        Reply.Error(await _alice.RunAsync(GetMore(cursor, lsid)), 43);

        // killSessions does the same for the caller's own sessions.
        var other = NewId();
        var killed = await OpenCursorAsync(_alice, other);
        Reply.Ok(await _alice.RunAsync(D(("killSessions", A(D(("id", other))))), "admin"));
        Reply.Error(await _alice.RunAsync(GetMore(killed, other)), 43);
    }

    [Fact]
    public async Task StartSession_returns_a_session_owned_by_the_caller()
    {
        var reply = Reply.Ok(await _alice.RunAsync(D(("startSession", 1)), "admin"));
        Assert.Equal(30, reply["timeoutMinutes"].AsInt32);
        var lsid = reply["id"].AsBsonDocument;
        Assert.Equal(["id"], lsid.Names);
        var id = (BsonBinaryData)lsid["id"];

        // Alice's cursor in it is hers alone; Bob naming the same id is in a session of his own.
        var cursor = await OpenCursorAsync(_alice, id);
        Reply.Error(await _bob.RunAsync(GetMore(cursor, id)), 13);
        Reply.Ok(await _alice.RunAsync(GetMore(cursor, id)));
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests;

public sealed class ConcurrencyAndRetryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Sixteen_connections_incrementing_one_document_lose_no_update()
    {
        const int Connections = 16;
        const int IncrementsEach = 200;
        Reply.Ok(await fixture.RunAsync(D(("insert", "counter"), ("documents", A(D(("_id", 1), ("n", 0)))))));
        var clients = await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => fixture.ConnectAsync()));

        await Task.WhenAll(clients.Select(async client =>
        {
            for (var i = 0; i < IncrementsEach; i++)
            {
                var reply = Reply.Ok(await client.RunAsync(D(("update", "counter"), ("updates", A(D(("q", D(("_id", 1))), ("u", D(("$inc", D(("n", 1)))))))))));
                Assert.Equal(1, reply["nModified"].AsInt32);
            }
        }));

        var document = Reply.FirstBatch(await fixture.RunAsync(D(("find", "counter"))))[0];
        Assert.Equal(Connections * IncrementsEach, document["n"].AsInt32);
    }

    [Fact]
    public async Task A_standalone_refuses_transaction_numbers_as_mongod_does()
    {
        // Retryable writes need a replica set (see Sessions/RetryableWriteTests); a standalone must not pretend.
        var lsid = D(("id", BsonBinaryData.FromGuid(Guid.NewGuid(), UuidRepresentation.Standard)));
        var command = D(("insert", "retryInsert"), ("documents", A(D(("_id", 1)))), ("lsid", lsid), ("txnNumber", 5L));
        var reply = await fixture.RunAsync(command);
        Reply.Error(reply, 20, "IllegalOperation");
        Assert.Equal("Transaction numbers are only allowed on a replica set member or mongos", reply["errmsg"].AsString);
        Assert.Empty(Reply.FirstBatch(await fixture.RunAsync(D(("find", "retryInsert")))));
    }

    [Fact]
    public async Task Lsid_is_accepted_on_every_command()
    {
        var lsid = D(("id", BsonBinaryData.FromGuid(Guid.NewGuid(), UuidRepresentation.Standard)));
        Reply.Ok(await fixture.RunAsync(D(("find", "anything"), ("lsid", lsid))));
        Reply.Ok(await fixture.RunAsync(D(("ping", 1), ("lsid", lsid))));
    }
}

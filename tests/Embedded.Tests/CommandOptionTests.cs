using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests;

/// <summary>Command-level options mongod 7.0 honours or refuses: <c>let</c>, <c>apiStrict</c>, an update statement's fields, $out's read concern.</summary>
public sealed class CommandOptionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private async Task Seed(string collection)
    {
        Reply.Ok(await fixture.RunAsync(D(("delete", collection), ("deletes", A(D(("q", D()), ("limit", 0)))))));
        Reply.Ok(await fixture.RunAsync(D(("insert", collection), ("documents", A(D(("_id", 1), ("name", "a")), D(("_id", 2), ("name", "b")))))));
    }

    private static BsonDocument ByLetName => D(("$expr", D(("$eq", A("$name", "$$name")))));

    [Fact]
    public async Task Let_variables_are_seen_by_the_filters_of_find_update_delete_and_findAndModify()
    {
        await Seed("letvars");
        var found = Reply.FirstBatch(await fixture.RunAsync(D(("find", "letvars"), ("filter", ByLetName), ("let", D(("name", "b"))))));
        Assert.Equal(A(D(("_id", 2), ("name", "b"))), found);

        var updated = Reply.Ok(await fixture.RunAsync(D(("update", "letvars"), ("updates", A(D(("q", ByLetName), ("u", D(("$set", D(("x", 1)))))))), ("let", D(("name", "a"))))));
        Assert.Equal(1, updated["nModified"].AsInt32);

        var modified = Reply.Ok(await fixture.RunAsync(D(("findAndModify", "letvars"), ("query", ByLetName), ("update", D(("$set", D(("y", 1))))), ("let", D(("name", "b"))))));
        Assert.Equal(2, modified["value"]["_id"].AsInt32);

        var deleted = Reply.Ok(await fixture.RunAsync(D(("delete", "letvars"), ("deletes", A(D(("q", ByLetName), ("limit", 1)))), ("let", D(("name", D(("$concat", A("a", "")))))))));
        Assert.Equal(1, deleted["n"].AsInt32);

        // Variables end with their command, and mongod's naming rule holds.
        Reply.Error(await fixture.RunAsync(D(("find", "letvars"), ("filter", ByLetName))), 17276);
        Reply.Error(await fixture.RunAsync(D(("find", "letvars"), ("filter", D()), ("let", D(("Name", 1))))), 9, "FailedToParse");
    }

    [Fact]
    public async Task ApiStrict_refuses_a_command_outside_API_version_1()
    {
        await Seed("strict");
        var reply = await fixture.RunAsync(D(("distinct", "strict"), ("key", "name"), ("apiVersion", "1"), ("apiStrict", true)));
        Reply.Error(reply, 323, "APIStrictError");
        Assert.Contains("command distinct is not in API Version 1", reply["errmsg"].AsString);
        Reply.Ok(await fixture.RunAsync(D(("distinct", "strict"), ("key", "name"), ("apiVersion", "1"))));
        Reply.Ok(await fixture.RunAsync(D(("find", "strict"), ("apiVersion", "1"), ("apiStrict", true))));
    }

    [Fact]
    public async Task An_update_statement_with_a_field_mongod_7_does_not_know_fails_before_writing()
    {
        await Seed("sorted");
        var reply = await fixture.RunAsync(D(("update", "sorted"), ("updates", A(D(("q", D()), ("u", D(("$set", D(("x", 1))))), ("sort", D(("_id", -1))))))));
        Reply.Error(reply, 40415);
        Assert.Contains("update.updates.sort", reply["errmsg"].AsString);
        Assert.Empty(Reply.FirstBatch(await fixture.RunAsync(D(("find", "sorted"), ("filter", D(("x", 1)))))));
    }

    [Fact]
    public async Task Out_refuses_a_linearizable_read_concern()
    {
        await Seed("outsource");
        var reply = await fixture.RunAsync(D(("aggregate", "outsource"), ("pipeline", A(D(("$out", "outtarget")))), ("cursor", D()), ("readConcern", D(("level", "linearizable")))));
        Reply.Error(reply, 72);
        Assert.Empty(Reply.FirstBatch(await fixture.RunAsync(D(("find", "outtarget")))));
    }
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests;

/// <summary>The Stable API fields are checked before a command runs, as mongod checks them.</summary>
public sealed class StableApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Version_1_is_accepted_with_its_options()
    {
        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "ping", 1 }, { "apiVersion", "1" }, { "apiStrict", true }, { "apiDeprecationErrors", false } }, "admin"));
    }

    [Fact]
    public async Task An_unknown_version_is_an_APIVersionError()
    {
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "ping", 1 }, { "apiVersion", "2" } }, "admin"), 322, "APIVersionError");
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "ping", 1 }, { "apiVersion", 1 } }, "admin"), 14, "TypeMismatch");
    }

    [Fact]
    public async Task Strict_and_deprecation_errors_need_a_version()
    {
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "ping", 1 }, { "apiStrict", true } }, "admin"), 4886600);
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "ping", 1 }, { "apiDeprecationErrors", false } }, "admin"), 4886601);
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "ping", 1 }, { "apiVersion", "1" }, { "apiStrict", "yes" } }, "admin"), 14, "TypeMismatch");
    }

    [Fact]
    public async Task Strict_mode_refuses_commands_outside_version_1()
    {
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "distinct", "c" }, { "key", "a" }, { "apiVersion", "1" }, { "apiStrict", true } }), 323, "APIStrictError");
        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "distinct", "c" }, { "key", "a" }, { "apiVersion", "1" }, { "apiStrict", false } }));
        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "find", "c" }, { "apiVersion", "1" }, { "apiStrict", true } }));
    }

    [Fact]
    public async Task Strict_mode_refuses_aggregation_stages_outside_version_1_at_any_depth()
    {
        static BsonDocument Aggregate(BsonArray pipeline) => new()
        {
            { "aggregate", "c" }, { "pipeline", pipeline }, { "cursor", new BsonDocument() }, { "apiVersion", "1" }, { "apiStrict", true },
        };

        Reply.Error(await fixture.RunAsync(Aggregate([new BsonDocument("$indexStats", new BsonDocument())])), 323, "APIStrictError");
        Reply.Error(await fixture.RunAsync(Aggregate([new BsonDocument("$facet", new BsonDocument("a", new BsonArray { new BsonDocument("$indexStats", new BsonDocument()) }))])), 323, "APIStrictError");
        Reply.Ok(await fixture.RunAsync(Aggregate([new BsonDocument("$match", new BsonDocument()), new BsonDocument("$limit", 1)])));
    }
}

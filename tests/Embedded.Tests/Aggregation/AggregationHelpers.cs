using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Aggregation;

/// <summary>Seeding and running pipelines over the wire, following getMore until the cursor is exhausted.</summary>
internal static class Agg
{
    public static async Task<string> SeedAsync(ServerFixture fixture, IEnumerable<BsonDocument> documents, string? name = null)
    {
        name ??= "agg" + Guid.NewGuid().ToString("N");
        var array = new BsonArray(documents.Select(d => d.DeepClone()));
        if (array.Count > 0)
        {
            Reply.Ok(await fixture.RunAsync(D(("insert", name), ("documents", array))));
        }

        return name;
    }

    public static BsonDocument Command(BsonValue collection, BsonArray pipeline, BsonDocument? cursor = null) =>
        D(("aggregate", collection), ("pipeline", pipeline), ("cursor", cursor ?? []));

    /// <summary>Every result of the pipeline, reading further batches with getMore.</summary>
    public static async Task<List<BsonDocument>> RunAsync(ServerFixture fixture, BsonValue collection, BsonArray pipeline, BsonDocument? extra = null)
    {
        var client = await fixture.ConnectAsync();
        var command = Command(collection, pipeline);
        foreach (var element in extra ?? [])
        {
            command.Set(element.Name, element.Value);
        }

        var reply = Reply.Ok(await client.RunAsync(command));
        var cursor = reply["cursor"].AsBsonDocument;
        var results = cursor["firstBatch"].AsBsonArray.Select(d => d.AsBsonDocument).ToList();
        var id = cursor["id"].ToInt64();
        var ns = cursor["ns"].AsString;
        while (id != 0)
        {
            var more = Reply.Ok(await client.RunAsync(D(("getMore", id), ("collection", ns[(ns.IndexOf('.') + 1)..]))));
            results.AddRange(more["cursor"]["nextBatch"].AsBsonArray.Select(d => d.AsBsonDocument));
            id = more["cursor"]["id"].ToInt64();
        }

        return results;
    }

    /// <summary>Asserts exact equality, BSON types included, with a readable message.</summary>
    public static void Equal(IReadOnlyList<BsonDocument> expected, IReadOnlyList<BsonDocument> actual)
    {
        var e = new BsonArray(expected);
        var a = new BsonArray(actual);
        Assert.True(e.Equals(a), $"expected {e.ToJson(JsonOutputMode.Canonical)}\n but got {a.ToJson(JsonOutputMode.Canonical)}");
    }
}

using MongoDB.Bson;

namespace OpenQuizz.Typed.Tests.Client.Typed;

public sealed record StatusStats(DocStatus Id, int Total, int Count, double Average, int Best, string FirstTitle, List<string> Titles);

public sealed record DocWithAuthors(string Title, List<Author> Authors);

public static class StatusStatsFields
{
    public static readonly Field<StatusStats, int> Total = new("total", v => v);
    public static readonly Field<StatusStats, int> Count = new("count", v => v);
    public static readonly Field<StatusStats, double> Average = new("average", v => v);
    public static readonly Field<StatusStats, int> Best = new("best", v => v);
    public static readonly Field<StatusStats, int> Worst = new("worst", v => v);
    public static readonly Field<StatusStats, string> FirstTitle = new("firstTitle", v => v);
    public static readonly Field<StatusStats, string> LastTitle = new("lastTitle", v => v);
    public static readonly ArrayField<StatusStats, List<string>, string> Titles = new("titles", v => new BsonArray(v), v => v);
    public static readonly ArrayField<StatusStats, List<string>, string> Tags = new("tags", v => new BsonArray(v), v => v);
}

public static class DocWithAuthorsFields
{
    public static readonly ArrayField<DocWithAuthors, List<Author>, Author> Authors = new("authors", _ => new BsonArray(), a => new BsonDocument("name", a.Name));
}

public class TypedPipelineTests
{
    [Fact]
    public void Stages_render_as_the_untyped_pipeline_does()
    {
        var typed = Pipeline.For<Doc>()
            .Match(Filter<Doc>.Eq(DocFields.Status, DocStatus.Published))
            .Sort(Sort<Doc>.Descending(DocFields.N))
            .Skip(5)
            .Limit(10)
            .Unwind(DocFields.Tags, preserveNullAndEmptyArrays: true)
            .Stage(new BsonDocument("$sample", new BsonDocument("size", 3)));
        var untyped = Pipeline.Match(Filter<Doc>.Eq("status", "Published"))
            .Sort(Sort<Doc>.Descending("n"))
            .Skip(5)
            .Limit(10)
            .Unwind("tags", preserveNullAndEmptyArrays: true)
            .Stage(new BsonDocument("$sample", new BsonDocument("size", 3)));

        Assert.Equal(untyped.Render(), typed.Render());
        Assert.Equal(6, typed.StageCount);
        Assert.Equal(untyped.ToString(), typed.ToString());
        Pipeline converted = typed;
        Assert.Equal(untyped.Render(), converted.Render());
        Assert.Equal(untyped.Render(), typed.ToPipeline().Render());
    }

    [Fact]
    public void Group_renders_the_key_and_typed_accumulators()
    {
        var pipeline = Pipeline.For<Doc>().Group(
            DocFields.Status,
            Accumulator<Doc>.Sum(StatusStatsFields.Total, DocFields.N),
            Accumulator<Doc>.Count(StatusStatsFields.Count),
            Accumulator<Doc>.Avg(StatusStatsFields.Average, DocFields.N),
            Accumulator<Doc>.Max(StatusStatsFields.Best, DocFields.N),
            Accumulator<Doc>.Min(StatusStatsFields.Worst, DocFields.N),
            Accumulator<Doc>.First(StatusStatsFields.FirstTitle, DocFields.Title),
            Accumulator<Doc>.Last(StatusStatsFields.LastTitle, DocFields.Title),
            Accumulator<Doc>.Push(StatusStatsFields.Titles, DocFields.Title),
            Accumulator<Doc>.AddToSet(StatusStatsFields.Tags, DocFields.Author.Then(AuthorFields.Name)));

        Assert.IsType<Pipeline<Doc, StatusStats>>(pipeline);
        var expected = BsonDocument.Parse("""
            { "$group": {
                "_id": "$status", "total": { "$sum": "$n" }, "count": { "$sum": 1 }, "average": { "$avg": "$n" },
                "best": { "$max": "$n" }, "worst": { "$min": "$n" }, "firstTitle": { "$first": "$title" },
                "lastTitle": { "$last": "$title" }, "titles": { "$push": "$title" }, "tags": { "$addToSet": "$author.name" } } }
            """);
        Assert.Equal(new BsonArray { expected }, pipeline.Render());
        Assert.Equal("{ \"count\" : { \"$sum\" : 1 } }", Accumulator<Doc>.Count(StatusStatsFields.Count).ToString());
    }

    [Fact]
    public void Group_by_an_expression_and_then_typed_stages_on_the_result()
    {
        var pipeline = Pipeline.For<Doc>()
            .Group(BsonNull.Value, Accumulator<Doc>.Sum(StatusStatsFields.Total, DocFields.N), Accumulator<Doc>.Of(StatusStatsFields.Average, new BsonDocument("$stdDevPop", "$n")))
            .Match(Filter<StatusStats>.Gt(StatusStatsFields.Total, 10))
            .Sort(Sort<StatusStats>.Descending(StatusStatsFields.Total));

        Assert.Equal(
            new BsonArray
            {
                BsonDocument.Parse("""{ "$group": { "_id": null, "total": { "$sum": "$n" }, "average": { "$stdDevPop": "$n" } } }"""),
                BsonDocument.Parse("""{ "$match": { "total": { "$gt": 10 } } }"""),
                BsonDocument.Parse("""{ "$sort": { "total": -1 } }"""),
            },
            pipeline.Render());
    }

    [Fact]
    public void Group_refuses_two_outputs_of_one_name_and_bad_accumulators()
    {
        Assert.Equal("accumulators", Assert.Throws<ArgumentException>(() => Pipeline.For<Doc>().Group(DocFields.Status, Accumulator<Doc>.Count(StatusStatsFields.Count), Accumulator<Doc>.Sum(StatusStatsFields.Count, DocFields.N))).ParamName);
        Assert.Equal("accumulators", Assert.Throws<ArgumentException>(() => Pipeline.For<Doc>().Group(DocFields.Status, default(Accumulator<Doc, StatusStats>))).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => Accumulator<Doc>.Count(new Field<StatusStats, int>("_id", v => v))).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => Accumulator<Doc>.Count(new Field<StatusStats, int>("a.b", v => v))).ParamName);
        Assert.Equal("accumulator", Assert.Throws<ArgumentException>(() => Accumulator<Doc>.Of(StatusStatsFields.Total, new BsonDocument("sum", 1))).ParamName);
    }

    [Fact]
    public void Project_and_As_change_the_output_type()
    {
        var projected = Pipeline.For<Doc>().Project<Author>(Projection<Doc>.Include(DocFields.Author.Then(AuthorFields.Name)).Exclude(new Field<Doc, ObjectId>("_id", v => v)));
        var computed = Pipeline.For<Doc>().Project<Author>(new BsonDocument("name", "$title")).Match(Filter<Author>.Eq(AuthorFields.Name, "x"));
        var unwound = Pipeline.For<Doc>().Unwind(DocFields.Questions).As<Question>().Match(Filter<Question>.Gt(QuestionFields.Points, 1));

        Assert.IsType<Pipeline<Doc, Author>>(projected);
        Assert.Equal(new BsonArray { BsonDocument.Parse("""{ "$project": { "author.name": 1, "_id": 0 } }""") }, projected.Render());
        Assert.Equal(new BsonArray { BsonDocument.Parse("""{ "$project": { "name": "$title" } }"""), BsonDocument.Parse("""{ "$match": { "name": "x" } }""") }, computed.Render());
        Assert.Equal(new BsonArray { BsonDocument.Parse("""{ "$unwind": "$questions" }"""), BsonDocument.Parse("""{ "$match": { "points": { "$gt": 1 } } }""") }, unwound.Render());
        Assert.Equal("projection", Assert.Throws<ArgumentException>(() => Pipeline.For<Doc>().Project<Author>(default(Projection<Doc>))).ParamName);
        Assert.Equal("sort", Assert.Throws<ArgumentException>(() => Pipeline.For<Doc>().Sort(default)).ParamName);
    }

    [Fact]
    public void Lookup_joins_on_typed_fields()
    {
        var byName = Pipeline.For<Doc>().Lookup("authors", DocFields.Title, AuthorFields.Name, DocWithAuthorsFields.Authors);
        var byTags = Pipeline.For<Doc>().Lookup("authors", DocFields.Tags, AuthorFields.Name, DocWithAuthorsFields.Authors);

        Assert.IsType<Pipeline<Doc, DocWithAuthors>>(byName);
        Assert.Equal(Pipeline.Lookup("authors", "title", "name", "authors").Render(), byName.Render());
        Assert.Equal(Pipeline.Lookup("authors", "tags", "name", "authors").Render(), byTags.Render());
        Assert.Throws<ArgumentException>(() => Pipeline.For<Doc>().Lookup("", DocFields.Title, AuthorFields.Name, DocWithAuthorsFields.Authors));
    }

    [Fact]
    public void The_empty_typed_pipeline_is_empty()
    {
        Assert.Equal(0, Pipeline.For<Doc>().StageCount);
        Assert.Equal(new BsonArray(), Pipeline.For<Doc>().Render());
        Assert.Throws<ArgumentOutOfRangeException>(() => Pipeline.For<Doc>().Limit(0));
    }
}

using MongoDB.Bson;

namespace OpenQuizz.Typed.Tests.Client.Typed;

public class TypedBuilderTests
{
    [Fact]
    public void Sort_renders_the_string_form()
    {
        Assert.Equal(Sort<Doc>.Ascending("status").Render(), Sort<Doc>.Ascending(DocFields.Status).Render());
        Assert.Equal(Sort<Doc>.Descending("n").Render(), Sort<Doc>.Descending(DocFields.N).Render());
        Assert.Equal(
            Sort<Doc>.Descending("n").Ascending("title").Descending("author.name").Ascending("questions.points").Descending("extra.k").Render(),
            Sort<Doc>.Descending(DocFields.N).Ascending(DocFields.Title).Descending(DocFields.Author.Then(AuthorFields.Name)).ThenBy(DocFields.Questions.ThenItem(QuestionFields.Points)).ThenByDescending(DocFields.Extra.Key("k")).Render());
        Assert.Equal(Json.Of("""{ "n": -1, "title": 1 }"""), Sort<Doc>.Descending(DocFields.N).ThenBy(DocFields.Title).Render().ToJson());
    }

    [Fact]
    public void Sort_refuses_a_field_twice()
    {
        Assert.Throws<ArgumentException>(() => Sort<Doc>.Ascending(DocFields.N).ThenByDescending(DocFields.N));
    }

    [Fact]
    public void Projection_renders_the_string_form()
    {
        var criteria = Filter<Question>.Gt(QuestionFields.Points, 2);
        Assert.Equal(
            Projection<Doc>.Include("title").Include("author.name").Exclude("_id").Render(),
            Projection<Doc>.Include(DocFields.Title).Include(DocFields.Author.Then(AuthorFields.Name)).Exclude(new Field<Doc, ObjectId>("_id", v => v)).Render());
        Assert.Equal(Projection<Doc>.Exclude("tags").Render(), Projection<Doc>.Exclude(DocFields.Tags).Render());
        Assert.Equal(Projection<Doc>.Slice("tags", 3).Slice("scores", 1, 2).Render(), Projection<Doc>.Slice(DocFields.Tags, 3).Slice(DocFields.Scores, 1, 2).Render());
        Assert.Equal(Projection<Doc>.Slice("scores", -2, 2).Slice("tags", -1).Render(), Projection<Doc>.Slice(DocFields.Scores, -2, 2).Slice(DocFields.Tags, -1).Render());
        Assert.Equal(Projection<Doc>.ElemMatch("questions", criteria.Render()).Render(), Projection<Doc>.ElemMatch(DocFields.Questions, criteria).Render());
        Assert.Equal(Projection<Doc>.Include("n").ElemMatch("questions", criteria.Render()).Render(), Projection<Doc>.Include(DocFields.N).ElemMatch(DocFields.Questions, criteria).Render());
        Assert.Equal(Json.Of("""{ "questions.$": 1 }"""), Projection<Doc>.Include(DocFields.Questions.FirstMatching).Render().ToJson());
        Assert.Equal(Json.Of("""{ "questions": { "$elemMatch": { "points": { "$gt": 2 } } } }"""), Projection<Doc>.ElemMatch(DocFields.Questions, criteria).Render().ToJson());
        Assert.Throws<ArgumentOutOfRangeException>(() => Projection<Doc>.Slice(DocFields.Tags, 0, 0));
    }

    [Fact]
    public void IndexKeys_render_the_string_form()
    {
        Assert.Equal(
            IndexKeys<Doc>.Ascending("status").Descending("n").Hashed("key").Text("title").Geo2DSphere("author.name").Geo2D("extra.loc").Render(),
            IndexKeys<Doc>.Ascending(DocFields.Status).Descending(DocFields.N).Hashed(DocFields.Key).Text(DocFields.Title).Geo2DSphere(DocFields.Author.Then(AuthorFields.Name)).Geo2D(DocFields.Extra.Key("loc")).Render());
        Assert.Equal(IndexKeys<Doc>.Descending("n").Render(), IndexKeys<Doc>.Descending(DocFields.N).Render());
        Assert.Equal(IndexKeys<Doc>.Hashed("n").Render(), IndexKeys<Doc>.Hashed(DocFields.N).Render());
        Assert.Equal(IndexKeys<Doc>.Text("title").Render(), IndexKeys<Doc>.Text(DocFields.Title).Render());
        Assert.Equal(IndexKeys<Doc>.Geo2DSphere("a").Render(), IndexKeys<Doc>.Geo2DSphere(new Field<Doc, BsonDocument>("a", v => v)).Render());
        Assert.Equal(IndexKeys<Doc>.Geo2D("a").Render(), IndexKeys<Doc>.Geo2D(new Field<Doc, double[]>("a", v => new BsonArray(v))).Render());
        Assert.Equal(IndexKeys<Doc>.Ascending("n").Ascending("title").Render(), IndexKeys<Doc>.Ascending(DocFields.N).Ascending(DocFields.Title).Render());
        Assert.Equal("status_1_n_-1", IndexKeys<Doc>.Ascending(DocFields.Status).Descending(DocFields.N).GetDefaultName());
    }

    [Fact]
    public void Array_filters_prefix_each_field_with_the_identifier()
    {
        var filter = ArrayFilter.For("q", Filter<Question>.Lt(QuestionFields.Points, 1) & Filter<Question>.Eq(QuestionFields.Text, "x"));
        Assert.Equal(Json.Of("""{ "$and": [{ "q.points": { "$lt": 1 } }, { "q.text": "x" }] }"""), filter.ToJson());

        Assert.Equal(Json.Of("""{ "q.points": { "$lt": 1 } }"""), ArrayFilter.For("q", Filter<Question>.Lt(QuestionFields.Points, 1)).ToJson());
        Assert.Equal(
            Json.Of("""{ "$or": [{ "q.points": 1 }, { "$nor": [{ "q.text": "y" }] }] }"""),
            ArrayFilter.For("q", Filter<Question>.Eq(QuestionFields.Points, 1) | !Filter<Question>.Eq(QuestionFields.Text, "y")).ToJson());
        Assert.Equal(Json.Of("""{ "q.points": 1, "q.text": "z" }"""), ArrayFilter.For<Question>("q", new BsonDocument { { "points", 1 }, { "text", "z" } }).ToJson());
    }

    [Fact]
    public void Array_filters_on_scalar_elements_compare_the_element()
    {
        Assert.Equal(Json.Of("""{ "s": { "$gte": 100 } }"""), ArrayFilter.Where("s", new BsonDocument("$gte", 100)).ToJson());
        Assert.Equal(Json.Of("""{ "s": { "$gte": 100 } }"""), ArrayFilter.Where("s", DocFields.Scores, "$gte", 100).ToJson());
        Assert.Equal("op", Assert.Throws<ArgumentException>(() => ArrayFilter.Where("s", DocFields.Scores, "gte", 1)).ParamName);
    }

    [Fact]
    public void Array_filters_refuse_what_cannot_be_prefixed()
    {
        Assert.Equal("filter", Assert.Throws<ArgumentException>(() => ArrayFilter.For("q", Filter<Question>.Empty)).ParamName);
        Assert.Equal("filter", Assert.Throws<ArgumentException>(() => ArrayFilter.For("q", Filter<Question>.Expr(true))).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => ArrayFilter.For("Q", Filter<Question>.Eq(QuestionFields.Points, 1))).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => ArrayFilter.Where("a.b", 1)).ParamName);
    }

    [Fact]
    public void An_array_filter_goes_with_its_filtered_path()
    {
        var update = Update<Doc>.Set(DocFields.Questions.Filtered("low").Then(QuestionFields.Points), 1);
        var options = new UpdateOptions { ArrayFilters = [ArrayFilter.For("low", Filter<Question>.Lt(QuestionFields.Points, 1))] };

        Assert.Equal(Json.Of("""{ "$set": { "questions.$[low].points": 1 } }"""), update.Render().ToJson());
        Assert.Equal(Json.Of("""{ "low.points": { "$lt": 1 } }"""), Assert.Single(options.ArrayFilters).ToJson());
    }
}

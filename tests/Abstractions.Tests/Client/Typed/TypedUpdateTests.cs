using MongoDB.Bson;

namespace OpenQuizz.Typed.Tests.Client.Typed;

public class TypedUpdateTests
{
    private static readonly Guid SomeKey = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    private static readonly Question Q1 = new("2+2?", 3, ["4", "5"]);

    private static readonly ArrayField<Author, List<string>, string> Aliases = new("aliases", v => new BsonArray(v), a => a);

    /// <summary>Each typed operator, static and chained, next to the string form it must render exactly like.</summary>
    public static TheoryData<string, Update<Doc>, Update<Doc>> SameAsString => new()
    {
        { "set", Update<Doc>.Set(DocFields.Title, "New"), Update<Doc>.Set("title", "New") },
        { "set enum", Update<Doc>.Set(DocFields.Status, DocStatus.Published), Update<Doc>.Set("status", "Published") },
        { "set guid", Update<Doc>.Set(DocFields.Key, SomeKey), Update<Doc>.Set("key", new BsonBinaryData(SomeKey, GuidRepresentation.Standard)) },
        { "set null", Update<Doc>.Set(DocFields.Subtitle, null), Update<Doc>.Set("subtitle", BsonNull.Value) },
        { "set document", Update<Doc>.Set(DocFields.Author, new Author("Ada")), Update<Doc>.Set("author", new BsonDocument("name", "Ada")) },
        { "set whole array", Update<Doc>.Set(DocFields.Tags, ["a"]), Update<Doc>.Set("tags", new BsonArray { "a" }) },
        { "set dictionary entry", Update<Doc>.Set(DocFields.Extra.Key("level"), 3), Update<Doc>.Set("extra.level", 3) },
        { "setOnInsert", Update<Doc>.SetOnInsert(DocFields.N, 1), Update<Doc>.SetOnInsert("n", 1) },
        { "unset", Update<Doc>.Unset(DocFields.Subtitle), Update<Doc>.Unset("subtitle") },
        { "inc", Update<Doc>.Inc(DocFields.N, 1), Update<Doc>.Inc("n", 1) },
        { "inc nullable", Update<Doc>.Inc(DocFields.Rating, 2), Update<Doc>.Inc("rating", 2) },
        { "mul", Update<Doc>.Mul(DocFields.Flags, 3L), Update<Doc>.Mul("flags", 3L) },
        { "min", Update<Doc>.Min(DocFields.N, 0), Update<Doc>.Min("n", 0) },
        { "max", Update<Doc>.Max(DocFields.N, 9), Update<Doc>.Max("n", 9) },
        { "rename", Update<Doc>.Rename(DocFields.Title, "name"), Update<Doc>.Rename("title", "name") },
        { "rename to field", Update<Doc>.Rename(DocFields.Title, DocFields.Subtitle!), Update<Doc>.Rename("title", "subtitle") },
        { "currentDate", Update<Doc>.CurrentDate(DocFields.N), Update<Doc>.CurrentDate("n") },
        { "currentDate timestamp", Update<Doc>.CurrentDate(DocFields.N, CurrentDateType.Timestamp), Update<Doc>.CurrentDate("n", CurrentDateType.Timestamp) },
        { "bit and", Update<Doc>.BitwiseAnd(DocFields.N, 6), Update<Doc>.BitwiseAnd("n", 6) },
        { "bit or long", Update<Doc>.BitwiseOr(DocFields.Flags, 4L), Update<Doc>.BitwiseOr("flags", 4L) },
        { "bit xor", Update<Doc>.BitwiseXor(DocFields.N, 1), Update<Doc>.BitwiseXor("n", 1) },
        { "push", Update<Doc>.Push(DocFields.Tags, "x"), Update<Doc>.Push("tags", "x") },
        { "push document", Update<Doc>.Push(DocFields.Questions, Q1), Update<Doc>.Push("questions", DocFields.EncodeQuestion(Q1)) },
        { "pushEach", Update<Doc>.PushEach(DocFields.Scores, [3, 4], slice: -5, position: 0, sort: -1), Update<Doc>.PushEach("scores", [3, 4], slice: -5, position: 0, sort: -1) },
        { "pushEach plain", Update<Doc>.PushEach(DocFields.Tags, ["a"]), Update<Doc>.PushEach("tags", ["a"]) },
        { "pushEach typed sort", Update<Doc>.PushEach(DocFields.Questions, [Q1], Sort<Question>.Descending(QuestionFields.Points), slice: 10), Update<Doc>.PushEach("questions", [DocFields.EncodeQuestion(Q1)], slice: 10, sort: new BsonDocument("points", -1)) },
        { "pull", Update<Doc>.Pull(DocFields.Tags, "old"), Update<Doc>.Pull("tags", "old") },
        { "pull condition", Update<Doc>.Pull(DocFields.Questions, Filter<Question>.Lt(QuestionFields.Points, 1)), Update<Doc>.Pull("questions", BsonDocument.Parse("""{ "points": { "$lt": 1 } }""")) },
        { "pullAll", Update<Doc>.PullAll(DocFields.Tags, ["a", "b"]), Update<Doc>.PullAll("tags", ["a", "b"]) },
        { "addToSet", Update<Doc>.AddToSet(DocFields.Tags, "x"), Update<Doc>.AddToSet("tags", "x") },
        { "addToSetEach", Update<Doc>.AddToSetEach(DocFields.Scores, [1, 2]), Update<Doc>.AddToSetEach("scores", [1, 2]) },
        { "popFirst", Update<Doc>.PopFirst(DocFields.Tags), Update<Doc>.PopFirst("tags") },
        { "popLast", Update<Doc>.PopLast(DocFields.Tags), Update<Doc>.PopLast("tags") },
        {
            "chained",
            Update<Doc>.Set(DocFields.Title, "x").SetOnInsert(DocFields.Key, SomeKey).Unset(DocFields.Subtitle).Inc(DocFields.N, 1).Mul(DocFields.Rating, 2)
                .Min(DocFields.Flags, 1L).Max(DocFields.Extra.Key("hi"), 5).Rename(DocFields.Author, "writer").CurrentDate(DocFields.Extra.Key("at"))
                .BitwiseAnd(DocFields.Extra.Key("a"), 1).BitwiseOr(DocFields.Extra.Key("o"), 2).BitwiseXor(DocFields.Extra.Key("x"), 3),
            Update<Doc>.Set("title", "x").SetOnInsert("key", new BsonBinaryData(SomeKey, GuidRepresentation.Standard)).Unset("subtitle").Inc("n", 1).Mul("rating", 2)
                .Min("flags", 1L).Max("extra.hi", 5).Rename("author", "writer").CurrentDate("extra.at")
                .BitwiseAnd("extra.a", 1).BitwiseOr("extra.o", 2).BitwiseXor("extra.x", 3)
        },
        {
            "chained arrays",
            Update<Doc>.Push(DocFields.Tags, "x").PushEach(DocFields.Scores, [1], sort: 1).Pull(DocFields.Questions, Filter<Question>.Eq(QuestionFields.Text, "?"))
                .PopFirst(DocFields.Author.Then(Aliases)),
            Update<Doc>.Push("tags", "x").PushEach("scores", [1], sort: 1).Pull("questions", new BsonDocument("text", "?"))
                .PopFirst("author.aliases")
        },
        {
            "chained arrays 2",
            Update<Doc>.Set(DocFields.N, 1).PushEach(DocFields.Questions, [Q1], Sort<Question>.Ascending(QuestionFields.Text)).PullAll(DocFields.Tags, ["a"]).Pull(DocFields.Scores, 3)
                .AddToSet(DocFields.Author.Then(Aliases), "c"),
            Update<Doc>.Set("n", 1).PushEach("questions", [DocFields.EncodeQuestion(Q1)], sort: new BsonDocument("text", 1)).PullAll("tags", ["a"]).Pull("scores", 3)
                .AddToSet("author.aliases", "c")
        },
        {
            "chained arrays 3",
            Update<Doc>.Set(DocFields.N, 1).AddToSetEach(DocFields.Questions.At(1).Then(QuestionFields.Choices), ["d"]).PopLast(DocFields.Tags).PushEach(DocFields.Scores, [2], position: 1),
            Update<Doc>.Set("n", 1).AddToSetEach("questions.1.choices", ["d"]).PopLast("tags").PushEach("scores", [2], position: 1)
        },
    };

    [Theory]
    [MemberData(nameof(SameAsString))]
    public void Typed_operators_render_what_the_string_operators_render(string name, Update<Doc> typed, Update<Doc> expected)
    {
        Assert.NotNull(name);
        Assert.Equal(expected.Render(), typed.Render());
    }

    public static TheoryData<string, Update<Doc>, string> Renders => new()
    {
        { "bit string form", Update<Doc>.BitwiseAnd("n", 6).BitwiseOr("m", 1L).BitwiseXor("o", 2), """{ "$bit": { "n": { "and": 6 }, "m": { "or": { "$numberLong": "1" } }, "o": { "xor": 2 } } }""" },
        { "bit long", Update<Doc>.BitwiseXor("n", 5L), """{ "$bit": { "n": { "xor": { "$numberLong": "5" } } } }""" },
        { "set all elements", Update<Doc>.Set(DocFields.Questions.AllElements.Then(QuestionFields.Points), 5), """{ "$set": { "questions.$[].points": 5 } }""" },
        { "inc all elements", Update<Doc>.Inc(DocFields.Scores.AllElements, 1), """{ "$inc": { "scores.$[]": 1 } }""" },
        { "set first matching", Update<Doc>.Set(DocFields.Questions.FirstMatching.Then(QuestionFields.Text), "t"), """{ "$set": { "questions.$.text": "t" } }""" },
        { "set matched element whole", Update<Doc>.Set(DocFields.Questions.FirstMatching, Q1), """{ "$set": { "questions.$": { "text": "2+2?", "points": 3, "choices": ["4", "5"] } } }""" },
        { "set filtered", Update<Doc>.Set(DocFields.Questions.Filtered("q").Then(QuestionFields.Points), 0), """{ "$set": { "questions.$[q].points": 0 } }""" },
        { "push into matched element's array", Update<Doc>.Push(DocFields.Questions.FirstMatching.Then(QuestionFields.Choices), "6"), """{ "$push": { "questions.$.choices": "6" } }""" },
        { "pull from every element's array", Update<Doc>.Pull(DocFields.Questions.AllElements.Then(QuestionFields.Choices), "5"), """{ "$pull": { "questions.$[].choices": "5" } }""" },
        { "set enum", Update<Doc>.Set(DocFields.Status, DocStatus.Draft).Inc(DocFields.N, 1), """{ "$set": { "status": "Draft" }, "$inc": { "n": 1 } }""" },
    };

    [Theory]
    [MemberData(nameof(Renders))]
    public void Typed_operators_render_the_MQL_MongoDB_expects(string name, Update<Doc> update, string expected)
    {
        Assert.NotNull(name);
        Assert.Equal(Json.Of(expected), update.Render().ToJson());
    }

    [Fact]
    public void Conflicting_typed_paths_throw_like_string_paths()
    {
        var e = Assert.Throws<ArgumentException>(() => Update<Doc>.Set(DocFields.Author, new Author("a")).Set(DocFields.Author.Then(AuthorFields.Name), "b"));
        Assert.Contains("\"author\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"author.name\"", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Update<Doc>.Inc(DocFields.N, 1).Rename(DocFields.Title, DocFields.N.ToString()));
    }

    [Fact]
    public void Bit_refuses_a_mask_that_is_not_an_integer()
    {
        var asString = new Field<Doc, int>("n", v => new BsonString(v.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var e = Assert.Throws<ArgumentException>(() => Update<Doc>.BitwiseAnd(asString, 1));
        Assert.Contains("32- or 64-bit integer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_pull_condition_or_push_sort_is_refused()
    {
        Assert.Equal("condition", Assert.Throws<ArgumentException>(() => Update<Doc>.Pull(DocFields.Questions, Filter<Question>.Empty)).ParamName);
        Assert.Equal("sort", Assert.Throws<ArgumentException>(() => Update<Doc>.PushEach(DocFields.Questions, [Q1], default(Sort<Question>))).ParamName);
        Assert.Equal("field", Assert.Throws<ArgumentNullException>(() => Update<Doc>.Set((Field<Doc, int>)null!, 1)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => Update<Doc>.PullAll(DocFields.Tags, null!)).ParamName);
    }
}

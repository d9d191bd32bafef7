using MongoDB.Bson;

namespace OpenQuizz.Typed.Tests.Client.Typed;

public class TypedFilterTests
{
    private static readonly Guid SomeKey = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    private static readonly Question Q1 = new("2+2?", 3, ["4", "5"]);

    /// <summary>Each typed overload next to the string overload it must render exactly like.</summary>
    public static TheoryData<string, Filter<Doc>, Filter<Doc>> SameAsString => new()
    {
        { "eq", Filter<Doc>.Eq(DocFields.N, 3), Filter<Doc>.Eq("n", 3) },
        { "eq enum as string", Filter<Doc>.Eq(DocFields.Status, DocStatus.Published), Filter<Doc>.Eq("status", "Published") },
        { "eq guid standard", Filter<Doc>.Eq(DocFields.Key, SomeKey), Filter<Doc>.Eq("key", new BsonBinaryData(SomeKey, GuidRepresentation.Standard)) },
        { "eq null", Filter<Doc>.Eq(DocFields.Subtitle, null), Filter<Doc>.Eq("subtitle", BsonNull.Value) },
        { "eq nullable value", Filter<Doc>.Eq(DocFields.Rating, 4), Filter<Doc>.Eq("rating", 4) },
        { "eq nullable null", Filter<Doc>.Eq(DocFields.Rating, null), Filter<Doc>.Eq("rating", BsonNull.Value) },
        { "eq nested", Filter<Doc>.Eq(DocFields.Author.Then(AuthorFields.Name), "Ada"), Filter<Doc>.Eq("author.name", "Ada") },
        { "eq document", Filter<Doc>.Eq(DocFields.Author, new Author("Ada")), Filter<Doc>.Eq("author", new BsonDocument("name", "Ada")) },
        { "eq through array", Filter<Doc>.Eq(DocFields.Questions.ThenItem(QuestionFields.Text), "2+2?"), Filter<Doc>.Eq("questions.text", "2+2?") },
        { "eq array element", Filter<Doc>.Eq(DocFields.Tags.At(0), "a"), Filter<Doc>.Eq("tags.0", "a") },
        { "eq dictionary key", Filter<Doc>.Eq(DocFields.Extra.Key("level"), 2), Filter<Doc>.Eq("extra.level", 2) },
        { "ne", Filter<Doc>.Ne(DocFields.Status, DocStatus.Draft), Filter<Doc>.Ne("status", "Draft") },
        { "gt", Filter<Doc>.Gt(DocFields.N, 1), Filter<Doc>.Gt("n", 1) },
        { "gte", Filter<Doc>.Gte(DocFields.Flags, 2L), Filter<Doc>.Gte("flags", 2L) },
        { "lt", Filter<Doc>.Lt(DocFields.N, 5), Filter<Doc>.Lt("n", 5) },
        { "lte", Filter<Doc>.Lte(DocFields.Title, "m"), Filter<Doc>.Lte("title", "m") },
        { "in params", Filter<Doc>.In(DocFields.Status, DocStatus.Draft, DocStatus.Published), Filter<Doc>.In("status", "Draft", "Published") },
        { "in enumerable", Filter<Doc>.In(DocFields.N, new List<int> { 1, 2 }), Filter<Doc>.In("n", 1, 2) },
        { "in lazy enumerable", Filter<Doc>.In(DocFields.N, Enumerable.Range(1, 2)), Filter<Doc>.In("n", 1, 2) },
        { "in with null", Filter<Doc>.In(DocFields.Subtitle, "a", null), Filter<Doc>.In("subtitle", "a", BsonNull.Value) },
        { "nin params", Filter<Doc>.Nin(DocFields.N, 1, 2), Filter<Doc>.Nin("n", 1, 2) },
        { "nin enumerable", Filter<Doc>.Nin(DocFields.Status, new[] { DocStatus.Draft }.AsEnumerable()), Filter<Doc>.Nin("status", "Draft") },
        { "exists", Filter<Doc>.Exists(DocFields.Subtitle), Filter<Doc>.Exists("subtitle") },
        { "not exists", Filter<Doc>.Exists(DocFields.Subtitle, false), Filter<Doc>.Exists("subtitle", false) },
        { "type", Filter<Doc>.Type(DocFields.N, BsonType.Int32), Filter<Doc>.Type("n", BsonType.Int32) },
        { "type alias", Filter<Doc>.Type(DocFields.N, "number"), Filter<Doc>.Type("n", "number") },
        { "elemMatch", Filter<Doc>.ElemMatch(DocFields.Questions, Filter<Question>.Gt(QuestionFields.Points, 2) & Filter<Question>.Eq(QuestionFields.Text, "x")), Filter<Doc>.ElemMatch("questions", BsonDocument.Parse("""{ "$and": [{ "points": { "$gt": 2 } }, { "text": "x" }] }""")) },
        { "size", Filter<Doc>.Size(DocFields.Tags, 2), Filter<Doc>.Size("tags", 2) },
        { "all params", Filter<Doc>.All(DocFields.Tags, "a", "b"), Filter<Doc>.All("tags", "a", "b") },
        { "all enumerable", Filter<Doc>.All(DocFields.Scores, new List<int> { 1, 2 }), Filter<Doc>.All("scores", 1, 2) },
        { "all documents", Filter<Doc>.All(DocFields.Questions, Q1), Filter<Doc>.All("questions", DocFields.EncodeQuestion(Q1)) },
        { "anyEq", Filter<Doc>.AnyEq(DocFields.Tags, "a"), Filter<Doc>.Eq("tags", "a") },
        { "anyEq document", Filter<Doc>.AnyEq(DocFields.Questions, Q1), Filter<Doc>.Eq("questions", DocFields.EncodeQuestion(Q1)) },
        { "anyIn params", Filter<Doc>.AnyIn(DocFields.Tags, "a", "b"), Filter<Doc>.In("tags", "a", "b") },
        { "anyIn enumerable", Filter<Doc>.AnyIn(DocFields.Scores, new HashSet<int> { 7 }), Filter<Doc>.In("scores", 7) },
        { "noneIn", Filter<Doc>.NoneIn(DocFields.Tags, "x"), Filter<Doc>.Nin("tags", "x") },
        { "noneIn enumerable", Filter<Doc>.NoneIn(DocFields.Tags, new List<string> { "x" }), Filter<Doc>.Nin("tags", "x") },
        { "anyGt", Filter<Doc>.AnyGt(DocFields.Scores, 5), Filter<Doc>.Gt("scores", 5) },
        { "anyGte", Filter<Doc>.AnyGte(DocFields.Scores, 5), Filter<Doc>.Gte("scores", 5) },
        { "anyLt", Filter<Doc>.AnyLt(DocFields.Scores, 5), Filter<Doc>.Lt("scores", 5) },
        { "anyLte", Filter<Doc>.AnyLte(DocFields.Scores, 5), Filter<Doc>.Lte("scores", 5) },
        { "composes", Filter<Doc>.Eq(DocFields.Status, DocStatus.Published) & !Filter<Doc>.Lt(DocFields.N, 3), Filter<Doc>.Eq("status", "Published") & !Filter<Doc>.Lt("n", 3) },
    };

    [Theory]
    [MemberData(nameof(SameAsString))]
    public void Typed_overloads_render_what_the_string_overloads_render(string name, Filter<Doc> typed, Filter<Doc> expected)
    {
        Assert.NotNull(name);
        Assert.Equal(expected.Render(), typed.Render());
        Assert.Equal(expected.ToString(), typed.ToString());
    }

    public static TheoryData<string, Filter<Doc>, string> Renders => new()
    {
        { "enum as its name", Filter<Doc>.Eq(DocFields.Status, DocStatus.Published), """{ "status": "Published" }""" },
        { "in of enums", Filter<Doc>.In(DocFields.Status, DocStatus.Draft, DocStatus.Published), """{ "status": { "$in": ["Draft", "Published"] } }""" },
        { "guid as subtype 4", Filter<Doc>.Eq(DocFields.Key, SomeKey), """{ "key": { "$binary": { "base64": "ABEiM0RVZneImaq7zN3u/w==", "subType": "04" } } }""" },
        { "nested path", Filter<Doc>.Gt(DocFields.Questions.ThenItem(QuestionFields.Points), 2), """{ "questions.points": { "$gt": 2 } }""" },
        { "elemMatch of typed item filter", Filter<Doc>.ElemMatch(DocFields.Questions, Filter<Question>.Gt(QuestionFields.Points, 2)), """{ "questions": { "$elemMatch": { "points": { "$gt": 2 } } } }""" },
        { "all of elements", Filter<Doc>.All(DocFields.Tags, "a", "b"), """{ "tags": { "$all": ["a", "b"] } }""" },
        { "element contains", Filter<Doc>.AnyEq(DocFields.Questions.ThenItem(QuestionFields.Choices), "4"), """{ "questions.choices": "4" }""" },
    };

    [Theory]
    [MemberData(nameof(Renders))]
    public void Typed_overloads_render_the_MQL_MongoDB_expects(string name, Filter<Doc> filter, string expected)
    {
        Assert.NotNull(name);
        Assert.Equal(Json.Of(expected), filter.Render().ToJson());
    }

    [Fact]
    public void Regex_takes_string_fields_and_arrays_of_strings()
    {
        Assert.Equal(Filter<Doc>.Regex("title", "^Intro", "i").Render(), Filter<Doc>.Regex(DocFields.Title, "^Intro", "i").Render());
        Assert.Equal(Filter<Doc>.Regex("subtitle", "x").Render(), Filter<Doc>.Regex(DocFields.Subtitle, "x").Render());
        Assert.Equal(Filter<Doc>.Regex("tags", "^a").Render(), Filter<Doc>.Regex(DocFields.Tags, "^a").Render());
        var regex = new BsonRegularExpression("^a", "m");
        Assert.Equal(Filter<Doc>.Regex("title", regex).Render(), Filter<Doc>.Regex(DocFields.Title, regex).Render());
        Assert.Equal(Filter<Doc>.Regex("tags", regex).Render(), Filter<Doc>.Regex(DocFields.Tags, regex).Render());
        var condition = Filter<Doc>.Regex(DocFields.Title, "^Intro", "i").Render()["title"].AsBsonDocument;
        Assert.Equal("^Intro", condition["$regex"].AsString);
        Assert.Equal("i", condition["$options"].AsString);
    }

    [Fact]
    public void Eq_of_a_regex_valued_field_keeps_the_value_a_value()
    {
        var field = new Field<Doc, string>("code", v => new BsonRegularExpression(v));

        Assert.Equal(Json.Of("""{ "code": { "$eq": { "$regularExpression": { "pattern": "^a", "options": "" } } } }"""), Filter<Doc>.Eq(field, "^a").Render().ToJson());
    }

    [Fact]
    public void A_null_field_or_list_is_refused_with_the_parameter_name()
    {
        Assert.Equal("field", Assert.Throws<ArgumentNullException>(() => Filter<Doc>.Eq((Field<Doc, int>)null!, 1)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => Filter<Doc>.In(DocFields.N, (IEnumerable<int>)null!)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => Filter<Doc>.AnyIn(DocFields.Tags, (IEnumerable<string>)null!)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Filter<Doc>.Size(DocFields.Tags, -1));
    }

    [Fact]
    public void The_value_is_encoded_on_each_call()
    {
        var calls = 0;
        var field = new Field<Doc, int>("n", v =>
        {
            calls++;
            return new BsonInt32(v * 10);
        });

        Assert.Equal(Json.Of("""{ "n": 10 }"""), Filter<Doc>.Eq(field, 1).Render().ToJson());
        Assert.Equal(Json.Of("""{ "n": { "$in": [20, 30] } }"""), Filter<Doc>.In(field, 2, 3).Render().ToJson());
        Assert.Equal(3, calls);
    }
}

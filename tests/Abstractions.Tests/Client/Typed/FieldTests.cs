using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed.Tests.Client.Typed;

public class FieldTests
{
    [Fact]
    public void A_field_is_its_path_and_encodes_through_its_encoder()
    {
        Assert.Equal("status", DocFields.Status.Path);
        Assert.Equal("status", DocFields.Status.ToString());
        Assert.Equal(new BsonString("Published"), DocFields.Status.Encode(DocStatus.Published));
        Assert.Equal(new BsonInt32(4), DocFields.Rating.Encode(4));
    }

    [Fact]
    public void Null_encodes_as_BSON_null_without_calling_the_encoder()
    {
        var field = new Field<Doc, string?>("s", _ => throw new InvalidOperationException("not for null"));

        Assert.Same(BsonNull.Value, field.Encode(null));
        Assert.Same(BsonNull.Value, DocFields.Rating.Encode(null));
        Assert.Same(BsonNull.Value, DocFields.Questions.EncodeItem(null!));
    }

    [Fact]
    public void An_encoder_that_returns_null_is_reported_with_the_path()
    {
        var field = new Field<Doc, int>("broken", _ => null!);

        var e = Assert.Throws<InvalidOperationException>(() => field.Encode(1));
        Assert.Contains("\"broken\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a..b")]
    public void A_path_with_an_empty_segment_is_refused(string path)
    {
        Assert.Equal("path", Assert.ThrowsAny<ArgumentException>(() => new Field<Doc, int>(path, v => v)).ParamName);
    }

    [Fact]
    public void Missing_encoders_are_refused()
    {
        Assert.Equal("encode", Assert.Throws<ArgumentNullException>(() => new Field<Doc, int>("n", null!)).ParamName);
        Assert.Equal("encodeItem", Assert.Throws<ArgumentNullException>(() => new ArrayField<Doc, List<int>, int>("n", v => new BsonArray(v), null!)).ParamName);
        Assert.Equal("encodeItem", Assert.Throws<ArgumentNullException>(() => new DictionaryField<Doc, Dictionary<string, int>, int>("n", _ => new BsonDocument(), null!)).ParamName);
    }

    [Fact]
    public void Span_writers_encode_as_generated_codecs_write()
    {
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var key = new Field<Doc, Guid>("key", DocFields.WriteStandardGuid);
        var keys = new ArrayField<Doc, List<Guid>, Guid>("keys", static (ref BsonSpanWriter w, List<Guid> v) =>
        {
            w.WriteStartArray();
            foreach (var g in v)
            {
                DocFields.WriteStandardGuid(ref w, g);
            }

            w.WriteEndArray();
        }, DocFields.WriteStandardGuid);
        var byName = new DictionaryField<Doc, Dictionary<string, Guid>, Guid>("byName", static (ref BsonSpanWriter w, Dictionary<string, Guid> v) =>
        {
            w.WriteStartDocument();
            foreach (var (name, g) in v)
            {
                w.WriteName(name);
                DocFields.WriteStandardGuid(ref w, g);
            }

            w.WriteEndDocument();
        }, DocFields.WriteStandardGuid);
        var binary = new BsonBinaryData(guid, GuidRepresentation.Standard);

        Assert.Equal(binary, key.Encode(guid));
        Assert.Equal(new BsonArray { binary }, keys.Encode([guid]));
        Assert.Equal(binary, keys.EncodeItem(guid));
        Assert.Equal(new BsonDocument("a", binary), byName.Encode(new() { ["a"] = guid }));
        Assert.Equal(binary, byName.Key("a").Encode(guid));
        Assert.Equal(Filter<Doc>.Eq("keys", binary).Render(), Filter<Doc>.AnyEq(keys, guid).Render());
        Assert.Equal("write", Assert.Throws<ArgumentNullException>(() => new Field<Doc, Guid>("key", (BsonValueWriter<Guid>)null!)).ParamName);
        Assert.Equal("writeItem", Assert.Throws<ArgumentNullException>(() => new ArrayField<Doc, List<Guid>, Guid>("k", static (ref BsonSpanWriter w, List<Guid> v) => w.WriteNull(), null!)).ParamName);
    }

    [Fact]
    public void Then_composes_paths_and_keeps_the_inner_encoder()
    {
        var name = DocFields.Author.Then(AuthorFields.Name);

        Assert.Equal("author.name", name.Path);
        Assert.Equal(new BsonString("Ada"), name.Encode("Ada"));
        Assert.Equal("author.name.first", name.Then(new Field<string, string>("first", v => v)).Path);
    }

    [Fact]
    public void A_nullable_member_leads_into_the_fields_of_its_type()
    {
        // As generated for "public Author? Reviewer { get; init; }" and "List<Question?> Drafts".
        var reviewer = new Field<Doc, Author?>("reviewer", a => new BsonDocument("name", a!.Name));
        var drafts = new ArrayField<Doc, List<Question?>, Question?>("drafts", v => new BsonArray(), q => DocFields.EncodeQuestion(q!));

        Assert.Equal("reviewer.name", reviewer.Then(AuthorFields.Name).Path);
        Assert.Equal("drafts.points", drafts.ThenItem(QuestionFields.Points).Path);
        Assert.Equal("drafts.$[].choices", drafts.AllElements.Then(QuestionFields.Choices).Path);
        Assert.Equal(Json.Of("""{ "reviewer": null }"""), Filter<Doc>.Eq(reviewer, null).Render().ToJson());
    }

    [Fact]
    public void A_field_of_a_base_type_leads_into_a_derived_type_fields()
    {
        var shape = new Field<Doc, object>("shape", v => BsonValue.Create(v));

        Assert.Equal("shape.name", shape.Then(AuthorFields.Name).Path);
    }

    [Fact]
    public void ThenItem_reaches_into_the_elements()
    {
        var points = DocFields.Questions.ThenItem(QuestionFields.Points);

        Assert.Equal("questions.points", points.Path);
        Assert.Equal(new BsonInt32(2), points.Encode(2));
        var choices = DocFields.Questions.ThenItem(QuestionFields.Choices);
        Assert.IsType<ArrayField<Doc, List<string>, string>>(choices);
        Assert.Equal("questions.choices", choices.Path);
        Assert.Equal(new BsonString("x"), choices.EncodeItem("x"));
    }

    [Fact]
    public void Positional_paths_are_fields_of_the_element_type()
    {
        Assert.Equal("questions.$", DocFields.Questions.FirstMatching.Path);
        Assert.Same(DocFields.Questions.FirstMatching, DocFields.Questions.FirstMatching);
        Assert.Equal("questions.$[]", DocFields.Questions.AllElements.Path);
        Assert.Equal("questions.$[q1]", DocFields.Questions.Filtered("q1").Path);
        Assert.Equal("questions.3", DocFields.Questions.At(3).Path);
        Assert.Equal("questions.$[].points", DocFields.Questions.AllElements.Then(QuestionFields.Points).Path);
        Assert.Equal(new BsonInt32(7), DocFields.Scores.AllElements.Encode(7));
        var question = new Question("t", 1, []);
        Assert.Equal(DocFields.EncodeQuestion(question), DocFields.Questions.FirstMatching.Encode(question));
    }

    [Fact]
    public void Then_into_an_array_field_keeps_it_an_array()
    {
        var choices = DocFields.Questions.Filtered("q").Then(QuestionFields.Choices);

        Assert.IsType<ArrayField<Doc, List<string>, string>>(choices);
        Assert.Equal("questions.$[q].choices", choices.Path);
        Assert.Equal("questions.$[q].choices.$[]", choices.AllElements.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Q")]
    [InlineData("1q")]
    [InlineData("q-1")]
    [InlineData("q.x")]
    [InlineData("q]")]
    public void An_array_filter_identifier_must_be_a_lowercase_letter_then_letters_and_digits(string identifier)
    {
        Assert.Equal("identifier", Assert.ThrowsAny<ArgumentException>(() => DocFields.Questions.Filtered(identifier)).ParamName);
    }

    [Fact]
    public void At_refuses_a_negative_index()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DocFields.Tags.At(-1));
    }

    [Fact]
    public void Dictionary_keys_become_path_segments()
    {
        var level = DocFields.Extra.Key("level");

        Assert.Equal("extra.level", level.Path);
        Assert.Equal(new BsonInt32(3), level.Encode(3));
        Assert.Equal(new BsonInt32(4), DocFields.Extra.EncodeItem(4));
        var nested = DocFields.Author.Then(new DictionaryField<Author, Dictionary<string, string>, string>("links", _ => new BsonDocument(), v => v));
        Assert.IsType<DictionaryField<Doc, Dictionary<string, string>, string>>(nested);
        Assert.Equal("author.links.web", nested.Key("web").Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("$set")]
    [InlineData("a\0b")]
    public void A_dictionary_key_that_cannot_name_one_entry_is_refused(string key)
    {
        Assert.Equal("key", Assert.ThrowsAny<ArgumentException>(() => DocFields.Extra.Key(key)).ParamName);
    }

    [Fact]
    public void Dollar_inside_a_key_is_allowed()
    {
        Assert.Equal("extra.a$b", DocFields.Extra.Key("a$b").Path);
    }
}

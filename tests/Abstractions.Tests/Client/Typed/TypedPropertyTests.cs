using FsCheck;
using FsCheck.Fluent;
using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed.Tests.Client.Typed;

/// <summary>For random values, the typed overloads render what the string overloads render with the encoded values.</summary>
public class TypedPropertyTests
{
    private static readonly Config Configuration = Config.QuickThrowOnFailure
        .WithMaxTest(200)
        .WithReplay(new Replay(new Rnd(0x7F1E_1D5EUL, 0x2545_F491_4F6C_DD1DUL), null));

    private static readonly Field<Doc, string> Text = new("text", static (ref BsonSpanWriter w, string v) => w.WriteString(v), static (ref BsonSpanReader r) => r.ReadString());

    [Fact]
    public void Strings_encoded_through_a_span_writer_equal_MongoDB_Bson_strings()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), s =>
        {
            var value = s.Get.Replace("\0", "", StringComparison.Ordinal);
            return Text.Encode(value).Equals(new BsonString(value))
                && GeneratedCodecHelpers.FromBsonValue(Text.Encode(value), Text.Decoder!) == value
                && Filter<Doc>.Eq(Text, value).Render().Equals(Filter<Doc>.Eq("text", value).Render());
        }).Check(Configuration);
    }

    [Fact]
    public void Guids_round_trip_in_the_standard_representation()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<Guid>(), guid =>
            DocFields.Key.Encode(guid).Equals(new BsonBinaryData(guid, GuidRepresentation.Standard))
            && GeneratedCodecHelpers.FromBsonValue(DocFields.Key.Encode(guid), DocFields.Key.Decoder!) == guid).Check(Configuration);
    }

    [Fact]
    public void Value_lists_render_like_the_string_forms()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), values =>
        {
            var bson = new BsonValue[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                bson[i] = values[i];
            }

            return Filter<Doc>.In(DocFields.N, values).Render().Equals(Filter<Doc>.In("n", bson).Render())
                && Filter<Doc>.Nin(DocFields.N, (IEnumerable<int>)values).Render().Equals(Filter<Doc>.Nin("n", (IEnumerable<BsonValue>)bson).Render())
                && Filter<Doc>.AnyIn(DocFields.Scores, values).Render().Equals(Filter<Doc>.In("scores", bson).Render())
                && Filter<Doc>.All(DocFields.Scores, (IEnumerable<int>)values).Render().Equals(Filter<Doc>.All("scores", (IEnumerable<BsonValue>)bson).Render())
                && Update<Doc>.PushEach(DocFields.Scores, values).Render().Equals(Update<Doc>.PushEach("scores", bson).Render())
                && Update<Doc>.PullAll(DocFields.Scores, values).Render().Equals(Update<Doc>.PullAll("scores", bson).Render());
        }).Check(Configuration);
    }
}

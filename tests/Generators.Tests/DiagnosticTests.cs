using MongoDB.Bson;
using Microsoft.CodeAnalysis;

namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>One test per diagnostic id: the generator reports exactly that diagnostic, at the marked span, with that message.</summary>
public partial class DiagnosticTests
{
    private const string Usings = "using System.Collections.Generic; using MongoDB.Bson; using MongoDB.Bson.Serialization.Attributes; using OpenQuizz.Typed; using OpenQuizz.Typed.Bson;\nnamespace App;\n";

    [Fact]
    public void OQ1001_generic_document_type_not_partial() => Expect(
        "[MongoDocument] public record [|Page|]<T>(T Item);",
        "OQ1001", DiagnosticSeverity.Error,
        "'App.Page<T>' must be declared partial (and so must every type that contains it), because its BSON codec is generated inside it; add the partial modifier");

    [Fact]
    public void A_document_type_that_is_not_partial_gets_a_standalone_codec()
    {
        var output = GeneratorHarness.Run(Usings + "[MongoDocument] public record Quiz(string Title) { public int Version { get; set; } }");
        Assert.Empty(output.Diagnostics);
        var codec = Assert.Single(output.Sources, s => s.Key.Contains("Quiz.BsonCodec", StringComparison.Ordinal));
        Assert.Contains("Quiz_BsonCodec", codec.Value, StringComparison.Ordinal);
        Assert.NotNull(output.CompileAndLoad().GetType("App.Quiz"));
    }

    [Fact]
    public void OQ1002_member_type_without_codec() => Expect(
        "[MongoDocument] public partial record Quiz { public object [|Payload|] { get; init; } = new(); }",
        "OQ1002", DiagnosticSeverity.Error,
        "Member 'Payload' of 'App.Quiz' has type 'object', which has no BSON codec: object has no fixed BSON shape; use BsonValue, a document type, or [BsonSerializer(typeof(...))] naming an IBsonCodec<T>");

    [Fact]
    public void OQ1002_dictionary_with_non_string_keys() => Expect(
        "[MongoDocument] public partial record Quiz { public Dictionary<int, string> [|ByNumber|] { get; init; } = new(); }",
        "OQ1002", DiagnosticSeverity.Error,
        "Member 'ByNumber' of 'App.Quiz' has type 'System.Collections.Generic.Dictionary<int, string>', which has no BSON codec: dictionary keys must be string, because they become BSON element names");

    [Fact]
    public void OQ1003_two_members_one_element_name() => Expect(
        "[MongoDocument] public partial class Quiz { [BsonElement(\"x\")] public int A { get; set; } [BsonElement(\"x\")] public int [|B|] { get; set; } }",
        "OQ1003", DiagnosticSeverity.Error,
        "Members 'A' and 'B' of 'App.Quiz' both map to the element 'x'; give one of them another name with [BsonElement(\"...\")] or [BsonIgnore] it");

    [Fact]
    public void OQ1004_two_ids() => Expect(
        "[MongoDocument] public partial class Quiz { [BsonId] public int A { get; set; } [BsonId] public int [|B|] { get; set; } }",
        "OQ1004", DiagnosticSeverity.Error,
        "'App.Quiz' maps both 'A' and 'B' to _id; keep [BsonId] on one member only");

    [Fact]
    public void OQ1005_no_usable_constructor() => Expect(
        "[MongoDocument] public partial class [|Quiz|] { public Quiz(int seed) { } public int A { get; set; } }",
        "OQ1005", DiagnosticSeverity.Error,
        "'App.Quiz' cannot be created when decoding: it has no accessible parameterless constructor and no accessible constructor whose parameters all match mapped members by name and type; add one");

    [Fact]
    public void OQ1005_abstract_type_without_derived_types() => Expect(
        "[MongoDocument] public abstract partial class [|Shape|] { public int A { get; set; } }",
        "OQ1005", DiagnosticSeverity.Error,
        "'App.Shape' cannot be created when decoding: it is abstract and has no [BsonKnownTypes] to decode into; list its concrete subclasses with [BsonKnownTypes(typeof(...))]");

    [Fact]
    public void OQ1006_mapped_member_that_cannot_be_set() => Expect(
        "[MongoDocument] public partial class Quiz { public int A { get; set; } [BsonElement] public int [|Twice|] => A * 2; }",
        "OQ1006", DiagnosticSeverity.Warning,
        "Member 'Twice' of 'App.Quiz' is encoded but cannot be set when decoding: it has no accessible setter or init accessor and no constructor parameter named 'Twice'; add one, or [BsonIgnore] the member");

    [Fact]
    public void OQ1007_unsupported_representation() => Expect(
        "[MongoDocument] public partial class Quiz { [BsonRepresentation(BsonType.ObjectId)] public int [|A|] { get; set; } }",
        "OQ1007", DiagnosticSeverity.Error,
        "Member 'A' of 'App.Quiz' has type 'int', which cannot be represented as BSON ObjectId; supported here: Int32, Int64, Double, Decimal128, String");

    [Fact]
    public void OQ1008_extra_elements_member_of_the_wrong_type() => Expect(
        "[MongoDocument] public partial class Quiz { [BsonExtraElements] public string [|Extra|] { get; set; } = \"\"; }",
        "OQ1008", DiagnosticSeverity.Error,
        "[BsonExtraElements] member 'Extra' of 'App.Quiz' has type 'string'; declare it as BsonDocument? instead");

    [Fact]
    public void OQ1009_codec_that_does_not_fit_the_member() => Expect(
        "[MongoDocument] public partial class Quiz { [BsonSerializer(typeof(BsonDocumentCodec))] public int [|A|] { get; set; } }",
        "OQ1009", DiagnosticSeverity.Error,
        "The codec 'OpenQuizz.Typed.Bson.BsonDocumentCodec' given by [BsonSerializer] for 'App.Quiz.A' does not implement IBsonCodec<int>");

    [Fact]
    public void OQ1010_derived_type_that_does_not_derive() => Expect(
        "[MongoDocument, BsonKnownTypes(typeof(Other))] public partial class [|Shape|] { public int A { get; set; } } public class Other { }",
        "OQ1010", DiagnosticSeverity.Error,
        "[BsonKnownTypes] on 'App.Shape': 'App.Other' does not derive from 'App.Shape'; list only subclasses");

    [Fact]
    public void OQ1011_member_not_accessible_to_a_standalone_codec() => Expect(
        "[MongoDocument] public partial record Quiz(Detail Detail); public class Detail { public int A { get; set; } [BsonElement] private int [|hidden|] = 0; }",
        "OQ1011", DiagnosticSeverity.Warning,
        "Member 'hidden' of 'App.Detail' is mapped but not accessible to the generated codec, so it is skipped; declare 'App.Detail' partial (with [MongoDocument]) so the codec is generated inside it, or make the member internal or public");

    [Fact]
    public void OQ1012_invalid_element_name() => Expect(
        "[MongoDocument] public partial class Quiz { [BsonElement(\"\")] public int [|A|] { get; set; } }",
        "OQ1012", DiagnosticSeverity.Error,
        "Member 'A' of 'App.Quiz' maps to the element name \"\", which BSON cannot hold: it is empty");

    [Fact]
    public void OQ1013_representation_that_allows_overflow() => Expect(
        "[MongoDocument] public partial class Quiz { [BsonRepresentation(BsonType.Int32, AllowOverflow = true)] public long [|A|] { get; set; } }",
        "OQ1013", DiagnosticSeverity.Error,
        "[BsonRepresentation(AllowOverflow/AllowTruncation = true)] on 'App.Quiz.A' is not supported by the generated codec, which would otherwise write other bytes than MongoDB.Bson's class map: generated codecs always check conversions; remove the argument, or pick a representation that holds every value");

    [Fact]
    public void OQ1013_date_only_datetime_option() => Expect(
        "[MongoDocument] public partial class Quiz { [BsonDateTimeOptions(DateOnly = true)] public System.DateTime [|Day|] { get; set; } }",
        "OQ1013", DiagnosticSeverity.Error,
        "[BsonDateTimeOptions(DateOnly = true)] on 'App.Quiz.Day' is not supported by the generated codec, which would otherwise write other bytes than MongoDB.Bson's class map: declare the member as System.DateOnly instead, which is stored the same way");

    [Fact]
    public void OQ1013_attribute_without_support() => Expect(
        "[MongoDocument] public partial class Quiz { [BsonDictionaryOptions(MongoDB.Bson.Serialization.Options.DictionaryRepresentation.ArrayOfArrays)] public Dictionary<string, int> [|Scores|] { get; set; } = new(); }",
        "OQ1013", DiagnosticSeverity.Error,
        "[BsonDictionaryOptions] on 'App.Quiz.Scores' is not supported by the generated codec, which would otherwise write other bytes than MongoDB.Bson's class map: remove it, or encode the member with an IBsonCodec<T> named in [BsonSerializer(typeof(...))]");

    [Fact]
    public void OQ1014_mongodb_bson_serializer() => Expect(
        "[MongoDocument] public partial class Quiz { [BsonSerializer(typeof(MongoDB.Bson.Serialization.Serializers.Int32Serializer))] public int [|A|] { get; set; } }",
        "OQ1014", DiagnosticSeverity.Error,
        "[BsonSerializer(typeof(MongoDB.Bson.Serialization.Serializers.Int32Serializer))] on 'App.Quiz.A' names a MongoDB.Bson IBsonSerializer, which generated codecs cannot call yet; implement OpenQuizz.Typed.Bson.IBsonCodec<int> and name that type instead");

    [Fact]
    public void OQ2001_database_class_not_partial() => Expect(
        "[MongoDatabase(\"db\")] public class [|Db|] { }",
        "OQ2001", DiagnosticSeverity.Error,
        "[MongoDatabase] class 'App.Db' must be declared partial (and so must every type that contains it), because its constructors and collection properties are generated into it");

    [Fact]
    public void OQ2002_collection_of_something_that_is_not_a_document() => Expect(
        "[MongoDatabase(\"db\")] public partial class Db { public partial IMongoCollection<int> [|Numbers|] { get; } }",
        "OQ2002", DiagnosticSeverity.Error,
        "Collection property 'Numbers' of 'App.Db' holds 'int', which is not a document type: a collection holds documents: use a class, record or struct (or BsonDocument)");

    [Fact]
    public void OQ2003_collection_property_with_a_setter() => Expect(
        "[MongoDatabase(\"db\")] public partial class Db { public partial IMongoCollection<BsonDocument> [|Raw|] { get; set; } }",
        "OQ2003", DiagnosticSeverity.Error,
        "Partial property 'Raw' of 'App.Db' cannot be implemented: it must be an instance property with only a getter ({ get; })");

    [Fact]
    public void OQ2004_invalid_database_name() => Expect(
        "[[|MongoDatabase(\"my.db\")|]] public partial class Db { }",
        "OQ2004", DiagnosticSeverity.Error,
        "\"my.db\" is not a valid database name: it contains '.'; database names cannot contain / \\ . space \" $ or NUL");

    [Fact]
    public void OQ2004_invalid_collection_name() => Expect(
        "[MongoDatabase(\"db\")] public partial class Db { [MongoCollection(\"system.users\")] public partial IMongoCollection<BsonDocument> [|Users|] { get; } }",
        "OQ2004", DiagnosticSeverity.Error,
        "\"system.users\" is not a valid collection name: names starting with \"system.\" are reserved");

    [Fact]
    public void OQ2005_two_properties_one_collection() => Expect(
        "[MongoDatabase(\"db\")] public partial class Db { public partial IMongoCollection<BsonDocument> Items { get; } [MongoCollection(\"items\")] public partial IMongoCollection<BsonDocument> [|Others|] { get; } }",
        "OQ2005", DiagnosticSeverity.Warning,
        "Properties 'Items' and 'Others' of 'App.Db' both open the collection \"items\"; give one of them [MongoCollection(\"...\")] if that is not intended");

    [Fact]
    public void OQ2006_static_database_class() => Expect(
        "[MongoDatabase(\"db\")] public static partial class [|Db|] { }",
        "OQ2006", DiagnosticSeverity.Error,
        "[MongoDatabase] class 'App.Db' is static; the class is instantiated with a client");

    /// <summary>A document model for the query diagnostics; the query under test follows it.</summary>
    private const string QueryModel = """
        using System; using System.Linq;
        public enum Level { Easy, Hard }
        [MongoDocument] public partial record Quiz
        {
            public string Title { get; init; } = "";
            [BsonRepresentation(BsonType.String)] public Level Level { get; init; }
            public List<string> Tags { get; init; } = [];
            public List<Part> Parts { get; init; } = [];
            [BsonIgnore] public string? Secret { get; init; }
            public int TagCount => Tags.Count;
        }
        public sealed record Part(string Name, int Points);
        public class Plain { public string Name { get; set; } = ""; }
        public class Animal { public string Name { get; set; } = ""; }
        public class Dog : Animal { }
        [MongoDocument] public partial class Pet { public Animal? Animal { get; set; } }

        """;

    [Fact]
    public void OQ3001_method_without_MQL_meaning() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() => Filter<Quiz>.Where(q => [|q.Title.IsNormalized()|]); }",
        "OQ3001", DiagnosticSeverity.Error,
        "'q.Title.IsNormalized()' cannot be translated into a MongoDB query: the method 'String.IsNormalized' has no MQL translation; see docs/queries.md for the methods that translate");

    [Fact]
    public void OQ3001_culture_aware_string_comparison() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() => Filter<Quiz>.Where(q => q.Title.StartsWith(\"a\", [|StringComparison.CurrentCultureIgnoreCase|])); }",
        "OQ3001", DiagnosticSeverity.Error,
        "'StringComparison.CurrentCultureIgnoreCase' cannot be translated into a MongoDB query: only StringComparison.Ordinal and StringComparison.OrdinalIgnoreCase translate; culture-aware comparisons have no MQL meaning");

    [Fact]
    public void OQ3001_computation_over_the_document_without_translation() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() => Filter<Quiz>.Where(q => [|q.Title.ToUpperInvariant()|] == \"A\"); }",
        "OQ3001", DiagnosticSeverity.Error,
        "'q.Title.ToUpperInvariant()' cannot be translated into a MongoDB query: the method 'String.ToUpperInvariant' has no MQL translation; for a case-insensitive match use Equals/StartsWith/EndsWith/Contains with StringComparison.OrdinalIgnoreCase");

    [Fact]
    public void OQ3001_element_compared_with_another_field_inside_Any() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() => Filter<Quiz>.Where(q => q.Parts.Any([|p => p.Name == q.Title|])); }",
        "OQ3001", DiagnosticSeverity.Error,
        "'p => p.Name == q.Title' cannot be translated into a MongoDB query: inside Any/All, elements are compared with values only (MongoDB does not allow $expr in $elemMatch)");

    [Fact]
    public void OQ3001_block_lambda() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() => Filter<Quiz>.Where([|q => { var t = q.Title; return t == \"a\"; }|]); }",
        "OQ3001", DiagnosticSeverity.Error,
        "'q => { var t = q.Title; return t == \"a\"; }' cannot be translated into a MongoDB query: a query lambda must be a single expression (q => ...), not a block of statements");

    [Fact]
    public void OQ3001_characters_of_a_string() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() => Filter<Quiz>.Where(q => [|q.Title[0]|] == 'a'); }",
        "OQ3001", DiagnosticSeverity.Error,
        "'q.Title[0]' cannot be translated into a MongoDB query: the characters of a string have no MQL translation; use StartsWith, EndsWith, Contains or Length");

    [Fact]
    public void OQ3001_string_as_a_sequence() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() => Filter<Quiz>.Where(q => [|q.Title.Any(c => c == 'a')|]); }",
        "OQ3001", DiagnosticSeverity.Error,
        "'q.Title.Any(c => c == 'a')' cannot be translated into a MongoDB query: the characters of a string have no MQL translation; use StartsWith, EndsWith, Contains or Length");

    [Fact]
    public void OQ3001_part_of_a_stored_value() => Expect(
        QueryModel + "[MongoDocument] public partial class Event { public DateTime At { get; set; } }\n"
            + "public static class Q { public static Filter<Event> F() => Filter<Event>.Where(e => [|e.At.Year|] == 2026); }",
        "OQ3001", DiagnosticSeverity.Error,
        "'e.At.Year' cannot be translated into a MongoDB query: 'Year' of a stored System.DateTime is not a stored field and has no MQL translation; compare the member itself (for a date part, compare with a range: q.CreatedAt >= start && q.CreatedAt < end)");

    [Fact]
    public void OQ3001_entries_of_a_dictionary() => Expect(
        QueryModel + "[MongoDocument] public partial class Card { public Dictionary<string, int> Scores { get; set; } = new(); }\n"
            + "public static class Q { public static Filter<Card> F() => Filter<Card>.Where(c => [|c.Scores.Any(e => e.Value > 3)|]); }",
        "OQ3001", DiagnosticSeverity.Error,
        "'c.Scores.Any(e => e.Value > 3)' cannot be translated into a MongoDB query: the entries of a dictionary are not queried one by one; test a key with ContainsKey or index it by key (q.Scores[\"math\"] > 3)");

    [Fact]
    public void OQ3001_repeated_operator_on_an_element_of_values() => Expect(
        QueryModel + "[MongoDocument] public partial class Card { public int[] Numbers { get; set; } = []; }\n"
            + "public static class Q { public static Filter<Card> F() => Filter<Card>.Where(c => c.Numbers.Any([|n => n % 2 == 0 && n % 3 == 0|])); }",
        "OQ3001", DiagnosticSeverity.Error,
        "'n => n % 2 == 0 && n % 3 == 0' cannot be translated into a MongoDB query: on an array of values, the conditions translate to '$mod' twice for one element, which a query cannot say; split the predicate into Any(...) && Any(...) if different elements may match, or write one condition");

    [Fact]
    public void OQ3002_ignored_member() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() => Filter<Quiz>.Where(q => [|q.Secret|] == \"x\"); }",
        "OQ3002", DiagnosticSeverity.Error,
        "'Secret' is not stored in 'App.Quiz' (it is [BsonIgnore]), so a query cannot match on it; query a stored member instead, or map this one");

    [Fact]
    public void OQ3002_computed_member() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() => Filter<Quiz>.Where(q => [|q.TagCount|] > 2); }",
        "OQ3002", DiagnosticSeverity.Error,
        "'TagCount' is not stored in 'App.Quiz' (it is computed: a read-only property with no constructor parameter is not mapped), so a query cannot match on it; query a stored member instead, or map this one");

    [Fact]
    public void OQ3003_query_on_a_type_parameter() => Expect(
        QueryModel + "public static class Q { public static Filter<T> F<T>() => Filter<T>.Where([|q => q != null|]); }",
        "OQ3003", DiagnosticSeverity.Error,
        "The query is on 'T', which has no codec generated by OpenQuizz.Typed: a query on a type parameter cannot be translated at build time; write it where the document type is known");

    [Fact]
    public void OQ3004_ordering_an_enum_stored_as_a_string() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() => Filter<Quiz>.Where(q => [|q.Level > Level.Easy|]); }",
        "OQ3004", DiagnosticSeverity.Error,
        "'q.Level > Level.Easy' cannot be translated: the enum is stored as a string, so <, <=, > and >= would compare names, not values; compare with == or != (or store it as a number)");

    [Fact]
    public void OQ3004_ordering_a_number_stored_as_a_string() => Expect(
        QueryModel + "[MongoDocument] public partial class Item { [BsonRepresentation(BsonType.String)] public int Code { get; set; } }\n"
            + "public static class Q { public static Filter<Item> F() => Filter<Item>.Where(i => [|i.Code >= 10|]); }",
        "OQ3004", DiagnosticSeverity.Error,
        "'i.Code >= 10' cannot be translated: the number is stored as a string, and strings order by character (\"10\" < \"9\"); compare with == or != (or store it as a number)");

    [Fact]
    public void OQ3004_ordering_a_TimeSpan_stored_as_a_string() => Expect(
        QueryModel + "[MongoDocument] public partial class Item { public TimeSpan Duration { get; set; } }\n"
            + "public static class Q { public static Filter<Item> F(TimeSpan limit) => Filter<Item>.Where(i => [|i.Duration < limit|]); }",
        "OQ3004", DiagnosticSeverity.Error,
        "'i.Duration < limit' cannot be translated: a TimeSpan is stored as its \"c\" string by default, which does not order as a duration; store it as ticks ([BsonRepresentation(BsonType.Int64)])");

    [Fact]
    public void OQ3004_two_fields_stored_in_different_forms() => Expect(
        QueryModel + "[MongoDocument] public partial class Pair { public Level A { get; set; } [BsonRepresentation(BsonType.String)] public Level B { get; set; } }\n"
            + "public static class Q { public static Filter<Pair> F() => Filter<Pair>.Where(p => [|p.A == p.B|]); }",
        "OQ3004", DiagnosticSeverity.Error,
        "'p.A == p.B' cannot be translated: the two members are stored in different forms (Enum and Enum as String), and the server compares stored values; store them the same way ([BsonRepresentation]) or compare each with a value");

    [Fact]
    public void OQ3005_value_of_an_anonymous_type() => Expect(
        QueryModel + "public static class Q { public static Filter<Quiz> F() { var a = new { T = \"x\" }; return Filter<Quiz>.Where(q => q.Title == [|a|].T); } }",
        "OQ3005", DiagnosticSeverity.Error,
        "The value 'a' cannot be evaluated by the generated query code: its type '<anonymous type: string T>' cannot be named by generated code (private, anonymous or generic); compute it into a local variable before the query and use the variable");

    [Fact]
    public void OQ3006_type_check_without_a_discriminator() => Expect(
        QueryModel + "public static class Q { public static Filter<Pet> F() => Filter<Pet>.Where(p => [|p.Animal is Dog|]); }",
        "OQ3006", DiagnosticSeverity.Error,
        "'p.Animal is Dog' cannot be translated: 'App.Dog' has no discriminator; a type check translates only within a [BsonKnownTypes] hierarchy, where the stored discriminator tells the types apart");

    [Fact]
    public void OQ3007_query_passed_in_a_variable() => Expect(
        QueryModel + "public static class Q { public static IFindFluent<Quiz, Quiz> F(IMongoCollection<Quiz> quizzes) { Func<Quiz, bool> query = q => q.Title == \"x\"; return quizzes.Find([|query|]); } }",
        "OQ3007", DiagnosticSeverity.Error,
        "The query passed to Find must be a lambda written at the call (such as q => q.Status == status), so that it is translated at build time; to compose a filter at run time, use Filter<T>.Where(...) values or the generated field descriptors");

    [Fact]
    public void OQ3007_method_group() => Expect(
        QueryModel + "public static class Q { static bool Short(Quiz q) => q.Title.Length < 3; public static Filter<Quiz> F() => Filter<Quiz>.Where([|Short|]); }",
        "OQ3007", DiagnosticSeverity.Error,
        "The query passed to Where must be a lambda written at the call (such as q => q.Status == status), so that it is translated at build time; to compose a filter at run time, use Filter<T>.Where(...) values or the generated field descriptors");

    [Fact]
    public void OQ3008_distinct_of_an_array() => Expect(
        QueryModel + "public static class Q { public static IReadOnlyList<List<string>> F(IMongoCollection<Quiz> quizzes) => quizzes.Distinct([|q => q.Tags|]); }",
        "OQ3008", DiagnosticSeverity.Error,
        "'q => q.Tags' must select a stored member (such as q => q.Author.Name): it selects an array, and distinct returns the array's items: call DistinctItems(q => ...) for those");

    [Fact]
    public void OQ3008_distinct_items_of_a_string() => Expect(
        QueryModel + "public static class Q { public static IReadOnlyList<char> F(IMongoCollection<Quiz> quizzes) => quizzes.DistinctItems([|q => q.Title|]); }",
        "OQ3008", DiagnosticSeverity.Error,
        "'q => q.Title' must select a stored member (such as q => q.Author.Name): DistinctItems returns the items of an array member, and this member is not an array (a string is not queried as characters); call Distinct(q => ...) for its values");

    [Fact]
    public void OQ3008_selector_that_is_not_a_member() => Expect(
        QueryModel + "public static class Q { public static IReadOnlyList<int> F(IMongoCollection<Quiz> quizzes) => quizzes.Distinct(q => [|q.Title.Length|]); }",
        "OQ3008", DiagnosticSeverity.Error,
        "'q.Title.Length' must select a stored member (such as q => q.Author.Name): it does not name a member of the document");

    [Fact]
    public void Every_descriptor_has_a_test_and_a_documented_entry()
    {
        var ids = typeof(DiagnosticTests).GetMethods().Select(m => m.Name).Where(n => n.StartsWith("OQ", StringComparison.Ordinal)).Select(n => n[..6]).ToHashSet();
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "diagnostics.md"));
        var unshipped = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.Contains(descriptor.Id, ids);
            Assert.Contains("## " + descriptor.Id, docs);
            Assert.Contains(descriptor.Id + " |", unshipped);
        }
    }

    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    private static void Expect(string markup, string id, DiagnosticSeverity severity, string message)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal);
        var marked = markup[(start + 2)..end];
        var source = Usings + markup.Remove(end, 2).Remove(start, 2);
        var spanStart = Usings.Length + start;

        var output = GeneratorHarness.Run(source);
        var diagnostic = Assert.Single(output.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.DefaultSeverity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(marked, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(spanStart, diagnostic.Location.SourceSpan.Start);
    }
}

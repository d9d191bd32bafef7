using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace OpenQuizz.Typed.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generators report. Ids are stable (OQ1xxx codecs, OQ2xxx database accessors, OQ3xxx queries); each is listed
/// in AnalyzerReleases.*.md and, with an example and its fix, in docs/diagnostics.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string CodecCategory = "OpenQuizz.Codecs";
    private const string AccessorCategory = "OpenQuizz.Accessors";
    private const string QueryCategory = "OpenQuizz.Queries";
    private const string HelpBase = "https://github.com/openquizz/openquizz-typed/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor TypeMustBePartial = Error(
        "OQ1001", CodecCategory,
        "Document type must be partial",
        "'{0}' must be declared partial (and so must every type that contains it), because its BSON codec is generated inside it; add the partial modifier");

    public static readonly DiagnosticDescriptor NoCodecForMemberType = Error(
        "OQ1002", CodecCategory,
        "Member type has no BSON codec",
        "Member '{0}' of '{1}' has type '{2}', which has no BSON codec: {3}");

    public static readonly DiagnosticDescriptor DuplicateElementName = Error(
        "OQ1003", CodecCategory,
        "Two members map to the same element name",
        "Members '{0}' and '{1}' of '{2}' both map to the element '{3}'; give one of them another name with [BsonElement(\"...\")] or [BsonIgnore] it");

    public static readonly DiagnosticDescriptor DuplicateId = Error(
        "OQ1004", CodecCategory,
        "A document type has two ids",
        "'{0}' maps both '{1}' and '{2}' to _id; keep [BsonId] on one member only");

    public static readonly DiagnosticDescriptor NoUsableConstructor = Error(
        "OQ1005", CodecCategory,
        "No usable constructor",
        "'{0}' cannot be created when decoding: {1}");

    public static readonly DiagnosticDescriptor MemberCannotBeSet = Warning(
        "OQ1006", CodecCategory,
        "Mapped member cannot be set when decoding",
        "Member '{0}' of '{1}' is encoded but cannot be set when decoding: it has no accessible setter or init accessor and no constructor parameter named '{0}'; add one, or [BsonIgnore] the member");

    public static readonly DiagnosticDescriptor InvalidRepresentation = Error(
        "OQ1007", CodecCategory,
        "Unsupported BSON representation",
        "Member '{0}' of '{1}' has type '{2}', which cannot be represented as BSON {3}; supported here: {4}");

    public static readonly DiagnosticDescriptor InvalidExtraElements = Error(
        "OQ1008", CodecCategory,
        "Invalid extra-elements member",
        "[BsonExtraElements] member '{0}' of '{1}' {2}");

    public static readonly DiagnosticDescriptor InvalidCodecType = Error(
        "OQ1009", CodecCategory,
        "Invalid [BsonSerializer] codec type",
        "The codec '{0}' given by [BsonSerializer] for '{1}' {2}");

    public static readonly DiagnosticDescriptor InvalidDerivedType = Error(
        "OQ1010", CodecCategory,
        "Invalid known type",
        "[BsonKnownTypes] on '{0}': {1}");

    public static readonly DiagnosticDescriptor MemberNotAccessible = Warning(
        "OQ1011", CodecCategory,
        "Member is not accessible to the generated codec",
        "Member '{0}' of '{1}' is mapped but not accessible to the generated codec, so it is skipped; declare '{1}' partial (with [MongoDocument]) so the codec is generated inside it, or make the member internal or public");

    public static readonly DiagnosticDescriptor InvalidElementName = Error(
        "OQ1012", CodecCategory,
        "Invalid element name",
        "Member '{0}' of '{1}' maps to the element name \"{2}\", which BSON cannot hold: {3}");

    public static readonly DiagnosticDescriptor UnsupportedBsonAttribute = Error(
        "OQ1013", CodecCategory,
        "MongoDB.Bson attribute or argument not supported by generated codecs",
        "{0} on '{1}' is not supported by the generated codec, which would otherwise write other bytes than MongoDB.Bson's class map: {2}");

    public static readonly DiagnosticDescriptor BsonSerializerNotSupported = Error(
        "OQ1014", CodecCategory,
        "MongoDB.Bson serializer in [BsonSerializer] not supported yet",
        "[BsonSerializer(typeof({0}))] on '{1}' names a MongoDB.Bson IBsonSerializer, which generated codecs cannot call yet; implement OpenQuizz.Typed.Bson.IBsonCodec<{2}> and name that type instead");

    public static readonly DiagnosticDescriptor DatabaseMustBePartial = Error(
        "OQ2001", AccessorCategory,
        "Database class must be partial",
        "[MongoDatabase] class '{0}' must be declared partial (and so must every type that contains it), because its constructors and collection properties are generated into it");

    public static readonly DiagnosticDescriptor CollectionTypeNotDocument = Error(
        "OQ2002", AccessorCategory,
        "Collection document type is not a document type",
        "Collection property '{0}' of '{1}' holds '{2}', which is not a document type: {3}");

    public static readonly DiagnosticDescriptor InvalidCollectionProperty = Error(
        "OQ2003", AccessorCategory,
        "Invalid collection property",
        "Partial property '{0}' of '{1}' cannot be implemented: {2}");

    public static readonly DiagnosticDescriptor InvalidDatabaseOrCollectionName = Error(
        "OQ2004", AccessorCategory,
        "Invalid database or collection name",
        "\"{0}\" is not a valid {1} name: {2}");

    public static readonly DiagnosticDescriptor DuplicateCollectionName = Warning(
        "OQ2005", AccessorCategory,
        "Two properties open the same collection",
        "Properties '{0}' and '{1}' of '{2}' both open the collection \"{3}\"; give one of them [MongoCollection(\"...\")] if that is not intended");

    public static readonly DiagnosticDescriptor InvalidDatabaseClass = Error(
        "OQ2006", AccessorCategory,
        "Invalid database class",
        "[MongoDatabase] class '{0}' {1}");

    public static readonly DiagnosticDescriptor QueryNotTranslatable = Error(
        "OQ3001", QueryCategory,
        "Query expression has no MQL translation",
        "'{0}' cannot be translated into a MongoDB query: {1}");

    public static readonly DiagnosticDescriptor QueryMemberNotStored = Error(
        "OQ3002", QueryCategory,
        "Query uses a member that is not stored",
        "'{0}' is not stored in '{1}' ({2}), so a query cannot match on it; query a stored member instead, or map this one");

    public static readonly DiagnosticDescriptor QueryTypeNotDocument = Error(
        "OQ3003", QueryCategory,
        "Query on a type without a generated codec",
        "The query is on '{0}', which has no codec generated by OpenQuizz.Typed: {1}");

    public static readonly DiagnosticDescriptor QueryComparisonNotSupported = Error(
        "OQ3004", QueryCategory,
        "Comparison does not match the stored representation",
        "'{0}' cannot be translated: {1}");

    public static readonly DiagnosticDescriptor QueryValueNotReadable = Error(
        "OQ3005", QueryCategory,
        "Query value cannot be read by the generated code",
        "The value '{0}' cannot be evaluated by the generated query code: {1}; compute it into a local variable before the query and use the variable");

    public static readonly DiagnosticDescriptor QueryTypeCheckNotSupported = Error(
        "OQ3006", QueryCategory,
        "Type check without a discriminator",
        "'{0}' cannot be translated: {1}");

    public static readonly DiagnosticDescriptor QueryNotWrittenAtCall = Error(
        "OQ3007", QueryCategory,
        "Query is not a lambda written at the call",
        "The query passed to {0} must be a lambda written at the call (such as q => q.Status == status), so that it is translated at build time; to compose a filter at run time, use Filter<T>.Where(...) values or the generated field descriptors");

    public static readonly DiagnosticDescriptor QueryMemberPathNotSupported = Error(
        "OQ3008", QueryCategory,
        "Member selector is not a stored member path",
        "'{0}' must select a stored member (such as q => q.Author.Name): {1}");

    public static readonly DiagnosticDescriptor FieldNameNotStored = Warning(
        "OQ3009", QueryCategory,
        "Field name is not a stored element",
        "\"{0}\" is not a stored element of '{1}'{2}");

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = Index(
        TypeMustBePartial, NoCodecForMemberType, DuplicateElementName, DuplicateId, NoUsableConstructor, MemberCannotBeSet,
        InvalidRepresentation, InvalidExtraElements, InvalidCodecType, InvalidDerivedType, MemberNotAccessible, InvalidElementName,
        UnsupportedBsonAttribute, BsonSerializerNotSupported,
        DatabaseMustBePartial, CollectionTypeNotDocument, InvalidCollectionProperty, InvalidDatabaseOrCollectionName,
        DuplicateCollectionName, InvalidDatabaseClass,
        QueryNotTranslatable, QueryMemberNotStored, QueryTypeNotDocument, QueryComparisonNotSupported, QueryValueNotReadable,
        QueryTypeCheckNotSupported, QueryNotWrittenAtCall, QueryMemberPathNotSupported, FieldNameNotStored);

    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var map = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var d in descriptors)
        {
            map.Add(d.Id, d);
        }

        return map;
    }
}

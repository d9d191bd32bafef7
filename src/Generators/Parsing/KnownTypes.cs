using Microsoft.CodeAnalysis;

namespace OpenQuizz.Typed.Generators.Parsing;

/// <summary>The symbols parsing compares against, looked up once per transform.</summary>
internal sealed class KnownTypes
{
    public const string MongoDocumentAttributeName = "OpenQuizz.Typed.MongoDocumentAttribute";
    public const string MongoDatabaseAttributeName = "OpenQuizz.Typed.MongoDatabaseAttribute";

    /// <summary>The namespace of MongoDB.Bson's mapping attributes, the attributes that drive the generator.</summary>
    public const string Attributes = "MongoDB.Bson.Serialization.Attributes.";

    public KnownTypes(Compilation compilation)
    {
        Compilation = compilation;
        MongoDocument = Get(MongoDocumentAttributeName);
        MongoDatabase = Get(MongoDatabaseAttributeName);
        MongoCollection = Get("OpenQuizz.Typed.MongoCollectionAttribute");
        MongoNamingConvention = Get("OpenQuizz.Typed.MongoNamingConventionAttribute");
        BsonId = Get("MongoDB.Bson.Serialization.Attributes.BsonIdAttribute");
        BsonElement = Get("MongoDB.Bson.Serialization.Attributes.BsonElementAttribute");
        BsonIgnore = Get("MongoDB.Bson.Serialization.Attributes.BsonIgnoreAttribute");
        BsonIgnoreIfNull = Get("MongoDB.Bson.Serialization.Attributes.BsonIgnoreIfNullAttribute");
        BsonIgnoreIfDefault = Get("MongoDB.Bson.Serialization.Attributes.BsonIgnoreIfDefaultAttribute");
        BsonExtraElements = Get("MongoDB.Bson.Serialization.Attributes.BsonExtraElementsAttribute");
        BsonRepresentation = Get("MongoDB.Bson.Serialization.Attributes.BsonRepresentationAttribute");
        BsonKnownTypes = Get(Attributes + "BsonKnownTypesAttribute");
        BsonDiscriminator = Get(Attributes + "BsonDiscriminatorAttribute");
        BsonIgnoreExtraElements = Get(Attributes + "BsonIgnoreExtraElementsAttribute");
        BsonRequired = Get(Attributes + "BsonRequiredAttribute");
        BsonDefaultValue = Get(Attributes + "BsonDefaultValueAttribute");
        BsonGuidRepresentation = Get(Attributes + "BsonGuidRepresentationAttribute");
        BsonDateTimeOptions = Get(Attributes + "BsonDateTimeOptionsAttribute");
        BsonConstructor = Get(Attributes + "BsonConstructorAttribute");
        BsonSerializer = Get(Attributes + "BsonSerializerAttribute");
        BsonNoId = Get(Attributes + "BsonNoIdAttribute");
        IBsonSerializer = Get("MongoDB.Bson.Serialization.IBsonSerializer");
        ObjectId = Get("MongoDB.Bson.ObjectId");
        Decimal128 = Get("MongoDB.Bson.Decimal128");
        BsonValue = Get("MongoDB.Bson.BsonValue");
        BsonDocument = Get("MongoDB.Bson.BsonDocument");
        IBsonCodec = Get("OpenQuizz.Typed.Bson.IBsonCodec`1");
        IMongoCollection = Get("OpenQuizz.Typed.IMongoCollection`1");
        Guid = Get("System.Guid");
        DateTimeOffset = Get("System.DateTimeOffset");
        DateOnly = Get("System.DateOnly");
        TimeOnly = Get("System.TimeOnly");
        TimeSpan = Get("System.TimeSpan");
        List = Get("System.Collections.Generic.List`1");
        IList = Get("System.Collections.Generic.IList`1");
        IReadOnlyList = Get("System.Collections.Generic.IReadOnlyList`1");
        ICollection = Get("System.Collections.Generic.ICollection`1");
        IReadOnlyCollection = Get("System.Collections.Generic.IReadOnlyCollection`1");
        IEnumerable = Get("System.Collections.Generic.IEnumerable`1");
        HashSet = Get("System.Collections.Generic.HashSet`1");
        ISet = Get("System.Collections.Generic.ISet`1");
        IReadOnlySet = Get("System.Collections.Generic.IReadOnlySet`1");
        Dictionary = Get("System.Collections.Generic.Dictionary`2");
        IDictionary = Get("System.Collections.Generic.IDictionary`2");
        IReadOnlyDictionary = Get("System.Collections.Generic.IReadOnlyDictionary`2");
        SetsRequiredMembers = Get("System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
    }

    public Compilation Compilation { get; }
    public INamedTypeSymbol? MongoDocument { get; }
    public INamedTypeSymbol? MongoDatabase { get; }
    public INamedTypeSymbol? MongoCollection { get; }
    public INamedTypeSymbol? MongoNamingConvention { get; }
    public INamedTypeSymbol? BsonId { get; }
    public INamedTypeSymbol? BsonElement { get; }
    public INamedTypeSymbol? BsonIgnore { get; }
    public INamedTypeSymbol? BsonIgnoreIfNull { get; }
    public INamedTypeSymbol? BsonIgnoreIfDefault { get; }
    public INamedTypeSymbol? BsonExtraElements { get; }
    public INamedTypeSymbol? BsonRepresentation { get; }
    public INamedTypeSymbol? BsonKnownTypes { get; }
    public INamedTypeSymbol? BsonDiscriminator { get; }
    public INamedTypeSymbol? BsonIgnoreExtraElements { get; }
    public INamedTypeSymbol? BsonRequired { get; }
    public INamedTypeSymbol? BsonDefaultValue { get; }
    public INamedTypeSymbol? BsonGuidRepresentation { get; }
    public INamedTypeSymbol? BsonDateTimeOptions { get; }
    public INamedTypeSymbol? BsonConstructor { get; }
    public INamedTypeSymbol? BsonSerializer { get; }
    public INamedTypeSymbol? IBsonSerializer { get; }
    public INamedTypeSymbol? BsonNoId { get; }
    public INamedTypeSymbol? ObjectId { get; }
    public INamedTypeSymbol? Decimal128 { get; }
    public INamedTypeSymbol? BsonValue { get; }
    public INamedTypeSymbol? BsonDocument { get; }
    public INamedTypeSymbol? IBsonCodec { get; }
    public INamedTypeSymbol? IMongoCollection { get; }
    public INamedTypeSymbol? Guid { get; }
    public INamedTypeSymbol? DateTimeOffset { get; }
    public INamedTypeSymbol? DateOnly { get; }
    public INamedTypeSymbol? TimeOnly { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? List { get; }
    public INamedTypeSymbol? IList { get; }
    public INamedTypeSymbol? IReadOnlyList { get; }
    public INamedTypeSymbol? ICollection { get; }
    public INamedTypeSymbol? IReadOnlyCollection { get; }
    public INamedTypeSymbol? IEnumerable { get; }
    public INamedTypeSymbol? HashSet { get; }
    public INamedTypeSymbol? ISet { get; }
    public INamedTypeSymbol? IReadOnlySet { get; }
    public INamedTypeSymbol? Dictionary { get; }
    public INamedTypeSymbol? IDictionary { get; }
    public INamedTypeSymbol? IReadOnlyDictionary { get; }
    public INamedTypeSymbol? SetsRequiredMembers { get; }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

    public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }

    public static bool Has(ISymbol symbol, INamedTypeSymbol? attribute) => Find(symbol, attribute) is not null;

    public static object? Named(AttributeData data, string name)
    {
        foreach (var pair in data.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value.Value;
            }
        }

        return null;
    }

    public bool InheritsFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (Is(t, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private INamedTypeSymbol? Get(string metadataName) => Compilation.GetTypeByMetadataName(metadataName);
}

namespace OpenQuizz.Typed.Generators.Model;

/// <summary>How a C# value is written and read; chosen once while parsing, so emitting is a lookup.</summary>
internal enum ValueKind
{
    Boolean,
    Int32,
    Int64,
    Double,
    Single,
    Byte,
    SByte,
    Int16,
    UInt16,
    UInt32,
    UInt64,
    Char,
    Decimal,
    String,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    ByteArray,
    ObjectId,
    Decimal128,

    /// <summary>A <c>BsonValue</c> or any subclass (BsonDocument, BsonArray, BsonTimestamp, …).</summary>
    BsonValue,
    Enum,

    /// <summary>A <see cref="System.Nullable{T}"/>; <see cref="ValueSpec.Item"/> is the underlying value.</summary>
    Nullable,
    Collection,
    Dictionary,

    /// <summary>A type whose codec is generated in this compilation: static <c>Write</c>/<c>Read</c> are called directly.</summary>
    Document,

    /// <summary>A type whose codec is found in <c>BsonCodecRegistry</c> at run time (type parameters, documents of other assemblies).</summary>
    Registry,

    /// <summary>An <c>IBsonCodec&lt;T&gt;</c> instance named by <c>[BsonSerializer(typeof(...))]</c>.</summary>
    Custom,
}

/// <summary>What a collection is declared as; decides how it is iterated and what is created when reading.</summary>
internal enum CollectionShape
{
    None,
    Array,
    List,

    /// <summary>IList, IReadOnlyList: read as List, written by index.</summary>
    IndexableInterface,

    /// <summary>IEnumerable, ICollection, IReadOnlyCollection: read as List, written by enumeration.</summary>
    EnumerableInterface,
    HashSet,

    /// <summary>ISet, IReadOnlySet: read as HashSet.</summary>
    SetInterface,
    Dictionary,

    /// <summary>IDictionary, IReadOnlyDictionary: read as Dictionary.</summary>
    DictionaryInterface,
}

/// <summary>One named value of an enum stored as a string.</summary>
internal sealed record EnumMemberSpec(string Name, string Value);

/// <summary>
/// A value's codec recipe. <see cref="TypeName"/> is global::-qualified with its nullable annotation;
/// <see cref="BareTypeName"/> drops the top-level annotation (for <c>new</c> and <c>typeof</c>).
/// <see cref="GuidRepresentation"/> and <see cref="DateTimeKind"/> carry <c>[BsonGuidRepresentation]</c> and
/// <c>[BsonDateTimeOptions(Kind = ...)]</c> as the enum values of MongoDB.Bson and System.
/// </summary>
internal sealed record ValueSpec(
    ValueKind Kind,
    string TypeName,
    string BareTypeName,
    bool IsValueType,
    bool CanBeNull,
    ValueSpec? Item,
    CollectionShape Shape,
    int Representation,
    string? CodecTypeName,
    string? CodecInstance,
    EquatableArray<EnumMemberSpec> EnumMembers,
    ValueKind EnumUnderlying,
    int GuidRepresentation = ValueSpec.FromOptions,
    int DateTimeKind = ValueSpec.FromOptions)
{
    /// <summary><see cref="GuidRepresentation"/>/<see cref="DateTimeKind"/> value meaning "no attribute: the codec options' or the type's default".</summary>
    public const int FromOptions = -1;

    /// <summary>Representation value meaning "the default for the type" (BsonType has no 0 type besides EndOfDocument).</summary>
    /// <summary>The <c>BsonType</c> member name of a representation constant, or null for one this model does not name.</summary>
    public static string? BsonTypeName(int representation) => representation switch
    {
        RepDouble => "Double",
        RepString => "String",
        RepBinary => "Binary",
        RepObjectId => "ObjectId",
        RepDateTime => "DateTime",
        RepInt32 => "Int32",
        RepInt64 => "Int64",
        RepDecimal128 => "Decimal128",
        RepDocument => "Document",
        _ => null,
    };

    public const int DefaultRepresentation = 0;

    public const int RepDouble = 0x01;
    public const int RepString = 0x02;
    public const int RepDocument = 0x03;
    public const int RepBinary = 0x05;
    public const int RepObjectId = 0x07;
    public const int RepDateTime = 0x09;
    public const int RepInt32 = 0x10;
    public const int RepInt64 = 0x12;
    public const int RepDecimal128 = 0x13;
}

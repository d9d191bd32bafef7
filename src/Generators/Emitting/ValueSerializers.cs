using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Emitting;

/// <summary>
/// The MongoDB.Bson serializer expression of a member's value, chosen to write the same BSON as the codec (so a
/// LINQ or builder filter compares against what is stored): the codec's representation wins over MongoDB.Bson's
/// default wherever the two differ (decimals, unsigned integers, TimeSpan, Guid, DateTimeOffset).
/// </summary>
internal static class ValueSerializers
{
    private const string Mb = "global::MongoDB.Bson";
    private const string S = "global::MongoDB.Bson.Serialization.Serializers";
    private const string Generated = "global::OpenQuizz.Typed.Bson.Serialization.GeneratedBsonSerializers";

    /// <summary>An expression of type <c>IBsonSerializer&lt;T&gt;</c> for <paramref name="value"/>; may read the serializer's <c>_options</c>.</summary>
    public static string Expression(ValueSpec value)
    {
        var rep = value.Representation;
        switch (value.Kind)
        {
            case ValueKind.Nullable:
                return $"new {S}.NullableSerializer<{value.Item!.BareTypeName}>({Expression(value.Item!)})";
            case ValueKind.Boolean: return Scalar("BooleanSerializer", rep, "Boolean");
            case ValueKind.Int32: return Scalar("Int32Serializer", rep, "Int32");
            case ValueKind.Int64: return Scalar("Int64Serializer", rep, "Int64");
            case ValueKind.Double: return Scalar("DoubleSerializer", rep, "Double");
            case ValueKind.Single: return Scalar("SingleSerializer", rep, "Double");
            case ValueKind.Byte: return Scalar("ByteSerializer", rep, "Int32");
            case ValueKind.SByte: return Scalar("SByteSerializer", rep, "Int32");
            case ValueKind.Int16: return Scalar("Int16Serializer", rep, "Int32");
            case ValueKind.UInt16: return Scalar("UInt16Serializer", rep, "Int32");
            case ValueKind.UInt32: return Scalar("UInt32Serializer", rep, "Int32");
            case ValueKind.UInt64: return Scalar("UInt64Serializer", rep, "Int64");
            case ValueKind.Char: return Scalar("CharSerializer", rep, "Int32");
            case ValueKind.Decimal: return Scalar("DecimalSerializer", rep, "Decimal128");
            case ValueKind.String: return Scalar("StringSerializer", rep, "String");
            case ValueKind.Guid:
                return rep == ValueSpec.RepString
                    ? $"new {S}.GuidSerializer({Mb}.BsonType.String)"
                    : $"new {S}.GuidSerializer(_options.GuidRepresentation)";
            case ValueKind.DateTime: return $"new {S}.DateTimeSerializer(global::System.DateTimeKind.Utc)";
            case ValueKind.DateTimeOffset:
                // As the codec (and the class map): a { DateTime, Ticks, Offset } document unless a representation says otherwise.
                return $"new {S}.DateTimeOffsetSerializer({Mb}.BsonType.{(rep == ValueSpec.DefaultRepresentation ? "Document" : BsonTypeName(rep))})";
            case ValueKind.DateOnly: return $"new {S}.DateOnlySerializer({Mb}.BsonType.DateTime)";
            case ValueKind.TimeOnly: return $"new {S}.TimeOnlySerializer({Mb}.BsonType.Int64, {Mb}.Serialization.Options.TimeOnlyUnits.Ticks)";
            case ValueKind.TimeSpan:
                // As the codec (and the class map): a string by default, ticks under another representation.
                return rep is ValueSpec.RepString or ValueSpec.DefaultRepresentation
                    ? $"new {S}.TimeSpanSerializer({Mb}.BsonType.String)"
                    : $"new {S}.TimeSpanSerializer({Mb}.BsonType.{BsonTypeName(rep)}, {Mb}.Serialization.Options.TimeSpanUnits.Ticks)";
            case ValueKind.ByteArray: return $"new {S}.ByteArraySerializer()";
            case ValueKind.ObjectId: return Scalar("ObjectIdSerializer", rep, "ObjectId");
            case ValueKind.Decimal128: return $"new {S}.Decimal128Serializer()";
            case ValueKind.Enum:
                return $"new {S}.EnumSerializer<{value.BareTypeName}>({Mb}.BsonType.{EnumRepresentation(value)})";
            case ValueKind.Collection:
                return Collection(value);
            case ValueKind.Dictionary:
                return Dictionary(value);
            default:
                // Documents (generated here or in another assembly), BsonValues, type parameters and [BsonCodec]
                // members: the generated serializer when there is one, else the one MongoDB.Bson has for the type.
                return $"{Generated}.Get<{value.TypeName}>()";
        }
    }

    /// <summary>The id generator the class map would pick for an <c>_id</c> of this value, or null.</summary>
    public static string? IdGenerator(ValueSpec value) => value.Kind switch
    {
        ValueKind.ObjectId when value.Representation != ValueSpec.RepString => $"{Mb}.Serialization.IdGenerators.ObjectIdGenerator.Instance",
        ValueKind.String when value.Representation == ValueSpec.RepObjectId => $"{Mb}.Serialization.IdGenerators.StringObjectIdGenerator.Instance",
        ValueKind.Guid => $"{Mb}.Serialization.IdGenerators.GuidGenerator.Instance",
        _ => null,
    };

    private static string Scalar(string serializer, int representation, string defaultRepresentation) =>
        $"new {S}.{serializer}({Mb}.BsonType.{(representation == ValueSpec.DefaultRepresentation ? defaultRepresentation : BsonTypeName(representation))})";

    private static string EnumRepresentation(ValueSpec value) => value.Representation switch
    {
        ValueSpec.RepString => "String",
        ValueSpec.RepInt64 => "Int64",
        ValueSpec.RepInt32 => "Int32",
        _ => value.EnumUnderlying is ValueKind.Int64 or ValueKind.UInt64 or ValueKind.UInt32 ? "Int64" : "Int32",
    };

    private static string Collection(ValueSpec value)
    {
        var item = value.Item!;
        var itemSerializer = Expression(item);
        var list = $"global::System.Collections.Generic.List<{item.TypeName}>";
        var set = $"global::System.Collections.Generic.HashSet<{item.TypeName}>";
        switch (value.Shape)
        {
            case CollectionShape.Array:
                return $"new {S}.ArraySerializer<{item.TypeName}>({itemSerializer})";
            case CollectionShape.List:
            case CollectionShape.HashSet:
                return $"new {S}.EnumerableInterfaceImplementerSerializer<{value.BareTypeName}, {item.TypeName}>({itemSerializer})";
            case CollectionShape.SetInterface:
                return $"new {S}.ImpliedImplementationInterfaceSerializer<{value.BareTypeName}, {set}>(new {S}.EnumerableInterfaceImplementerSerializer<{set}, {item.TypeName}>({itemSerializer}))";
            default:
                return $"new {S}.ImpliedImplementationInterfaceSerializer<{value.BareTypeName}, {list}>(new {S}.EnumerableInterfaceImplementerSerializer<{list}, {item.TypeName}>({itemSerializer}))";
        }
    }

    private static string Dictionary(ValueSpec value)
    {
        var item = value.Item!;
        var dictionary = $"global::System.Collections.Generic.Dictionary<string, {item.TypeName}>";
        var serializer = $"new {S}.DictionaryInterfaceImplementerSerializer<{dictionary}, string, {item.TypeName}>({Mb}.Serialization.Options.DictionaryRepresentation.Document, new {S}.StringSerializer(), {Expression(item)})";
        return value.Shape == CollectionShape.Dictionary
            ? serializer
            : $"new {S}.ImpliedImplementationInterfaceSerializer<{value.BareTypeName}, {dictionary}>({serializer})";
    }

    // Unknown representations are diagnosed while parsing, so they never reach emission.
    private static string BsonTypeName(int representation) => ValueSpec.BsonTypeName(representation) ?? "Undefined";
}

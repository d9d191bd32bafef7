using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>The type aliases of <c>$type</c> and of the <c>$type</c> expression.</summary>
internal static class BsonTypeNames
{
    private static readonly Dictionary<string, BsonType> ByAlias = new(StringComparer.Ordinal)
    {
        ["double"] = BsonType.Double,
        ["string"] = BsonType.String,
        ["object"] = BsonType.Document,
        ["array"] = BsonType.Array,
        ["binData"] = BsonType.Binary,
        ["undefined"] = BsonType.Undefined,
        ["objectId"] = BsonType.ObjectId,
        ["bool"] = BsonType.Boolean,
        ["date"] = BsonType.DateTime,
        ["null"] = BsonType.Null,
        ["regex"] = BsonType.RegularExpression,
        ["dbPointer"] = BsonType.DBPointer,
        ["javascript"] = BsonType.JavaScript,
        ["symbol"] = BsonType.Symbol,
        ["javascriptWithScope"] = BsonType.JavaScriptWithScope,
        ["int"] = BsonType.Int32,
        ["timestamp"] = BsonType.Timestamp,
        ["long"] = BsonType.Int64,
        ["decimal"] = BsonType.Decimal128,
        ["minKey"] = BsonType.MinKey,
        ["maxKey"] = BsonType.MaxKey,
    };

    public static string AliasOf(BsonType type)
    {
        foreach (var (alias, value) in ByAlias)
        {
            if (value == type)
            {
                return alias;
            }
        }

        return "missing";
    }

    /// <summary>Parses one <c>$type</c> operand (alias, "number" or numeric code) into <paramref name="types"/>.</summary>
    public static void Parse(BsonValue operand, HashSet<BsonType> types, ref bool anyNumber)
    {
        switch (operand)
        {
            case BsonString { Value: "number" }:
                anyNumber = true;
                break;
            case BsonString s:
                types.Add(ByAlias.TryGetValue(s.Value, out var type)
                    ? type
                    : throw new MongoServerException(ErrorCodes.BadValue, $"Unknown type name alias: {s.Value}"));
                break;
            case { IsNumeric: true }:
                var d = operand.ToDouble();
                var code = (int)d;
                if (code != d || !(code is >= 1 and <= 19 || code is -1 or 127))
                {
                    throw new MongoServerException(ErrorCodes.BadValue, $"Invalid numerical type code: {operand}");
                }

                types.Add((BsonType)(sbyte)code);
                break;
            default:
                throw new MongoServerException(ErrorCodes.TypeMismatch, "type must be represented as a number or a string");
        }
    }
}

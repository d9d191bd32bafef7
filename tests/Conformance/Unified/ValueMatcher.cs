using System.Globalization;
using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>
/// The unified format's "Evaluating Matches": root documents may carry extra fields, nested ones may not; numbers compare
/// by value across int, long and double; and the operators <c>$$exists</c>, <c>$$type</c>, <c>$$unsetOrMatches</c>,
/// <c>$$matchesEntity</c>, <c>$$matchesHexBytes</c>, <c>$$sessionLsid</c>, <c>$$lte</c>, <c>$$matchAsDocument</c> and <c>$$matchAsRoot</c>.
/// </summary>
public sealed class ValueMatcher(Func<string, BsonValue?> entity)
{
    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>, else where and why it does not.</summary>
    public string? Match(BsonValue expected, BsonValue? actual, bool root = true, string path = "$") =>
        MatchValue(expected, actual, root, path);

    private string? MatchValue(BsonValue expected, BsonValue? actual, bool root, string path)
    {
        if (expected is BsonDocument e && e.ElementCount == 1 && e.GetElement(0).Name.StartsWith("$$", StringComparison.Ordinal))
        {
            return Operator(e.GetElement(0).Name, e[0], actual, root, path);
        }

        if (actual is null)
        {
            return $"{path}: expected {expected.ToJson()} but the field is missing";
        }

        switch (expected)
        {
            case BsonDocument doc:
                if (actual is not BsonDocument act)
                {
                    return $"{path}: expected a document {doc.ToJson()}, found {actual.ToJson()}";
                }

                foreach (var element in doc)
                {
                    var child = act.GetValue(element.Name, null);
                    if (MatchValue(element.Value, child, false, $"{path}.{element.Name}") is { } failure)
                    {
                        return failure;
                    }
                }

                if (!root)
                {
                    foreach (var element in act)
                    {
                        if (!doc.Contains(element.Name))
                        {
                            return $"{path}: unexpected field '{element.Name}' in {act.ToJson()}";
                        }
                    }
                }

                return null;
            case BsonArray array:
                if (actual is not BsonArray actArray)
                {
                    return $"{path}: expected an array {array.ToJson()}, found {actual.ToJson()}";
                }

                if (array.Count != actArray.Count)
                {
                    return $"{path}: expected {array.Count} elements {array.ToJson()}, found {actArray.Count} {actArray.ToJson()}";
                }

                for (var i = 0; i < array.Count; i++)
                {
                    // Documents directly in an array are compared as root documents only at the top (expectResult of a cursor).
                    if (MatchValue(array[i], actArray[i], root && array[i] is BsonDocument, $"{path}[{i}]") is { } failure)
                    {
                        return failure;
                    }
                }

                return null;
            default:
                return ScalarEquals(expected, actual) ? null : $"{path}: expected {expected.ToJson()} ({expected.BsonType}), found {actual.ToJson()} ({actual.BsonType})";
        }
    }

    private string? Operator(string name, BsonValue operand, BsonValue? actual, bool root, string path)
    {
        switch (name)
        {
            case "$$exists":
                return operand.ToBoolean() == (actual is not null) ? null : $"{path}: expected the field {(operand.ToBoolean() ? "to exist" : "to be absent")}, found {actual?.ToJson() ?? "nothing"}";
            case "$$type":
                if (actual is null)
                {
                    return $"{path}: expected a value of type {operand.ToJson()}, the field is missing";
                }

                var types = operand is BsonArray list ? list.Select(t => t.AsString) : [operand.AsString];
                return types.Any(t => HasType(actual, t)) ? null : $"{path}: expected type {operand.ToJson()}, found {actual.BsonType} {actual.ToJson()}";
            case "$$unsetOrMatches":
                return actual is null ? null : MatchValue(operand, actual, root, path);
            case "$$matchesEntity":
                var value = entity(operand.AsString) ?? throw new InvalidOperationException($"{path}: $$matchesEntity names '{operand.AsString}', which is not a BSON entity.");
                return MatchValue(value, actual, root, path);
            case "$$matchesHexBytes":
                if (actual is not BsonBinaryData binary)
                {
                    return $"{path}: expected binary data, found {actual?.ToJson() ?? "nothing"}";
                }

                return string.Equals(Convert.ToHexString(binary.Bytes), operand.AsString, StringComparison.OrdinalIgnoreCase)
                    ? null
                    : $"{path}: expected bytes {operand.AsString}, found {Convert.ToHexString(binary.Bytes)}";
            case "$$lte":
                if (actual is null || !actual.IsNumeric)
                {
                    return $"{path}: expected a number <= {operand}, found {actual?.ToJson() ?? "nothing"}";
                }

                return actual.ToDouble() <= operand.ToDouble() ? null : $"{path}: expected <= {operand}, found {actual}";
            case "$$matchAsDocument":
                // The actual value is Extended JSON text; it is parsed and matched as a nested (not root) document.
                if (actual is not BsonString json)
                {
                    return $"{path}: expected an Extended JSON string, found {actual?.ToJson() ?? "nothing"}";
                }

                BsonDocument parsed;
                try
                {
                    parsed = BsonDocument.Parse(json.Value);
                }
                catch (FormatException e)
                {
                    return $"{path}: expected an Extended JSON document, found {json.Value} ({e.Message})";
                }

                return MatchValue(operand, parsed, root: false, path);
            case "$$matchAsRoot":
                return operand is BsonDocument && actual is BsonDocument
                    ? MatchValue(operand, actual, root: true, path)
                    : $"{path}: $$matchAsRoot compares documents, found {actual?.ToJson() ?? "nothing"}";
            case "$$sessionLsid":
                throw new NotSupportedException("$$sessionLsid: explicit sessions are not built in the client yet.");
            default:
                throw new NotSupportedException($"{path}: the match operator {name} is not supported by this runner.");
        }
    }

    /// <summary>Value equality, with numbers (other than decimal) equal when their values are.</summary>
    public static bool ScalarEquals(BsonValue expected, BsonValue actual)
    {
        if (IsPlainNumber(expected) && IsPlainNumber(actual))
        {
            return expected.ToDouble().Equals(actual.ToDouble()) && (expected is BsonDouble || actual is BsonDouble || expected.ToInt64() == actual.ToInt64());
        }

        return expected.Equals(actual);
    }

    private static bool IsPlainNumber(BsonValue v) => v is BsonInt32 or BsonInt64 or BsonDouble;

    private static bool HasType(BsonValue v, string alias) => alias switch
    {
        "double" => v.BsonType == BsonType.Double,
        "string" => v.BsonType == BsonType.String,
        "object" => v.BsonType == BsonType.Document,
        "array" => v.BsonType == BsonType.Array,
        "binData" => v.BsonType == BsonType.Binary,
        "undefined" => v.BsonType == BsonType.Undefined,
        "objectId" => v.BsonType == BsonType.ObjectId,
        "bool" => v.BsonType == BsonType.Boolean,
        "date" => v.BsonType == BsonType.DateTime,
        "null" => v.BsonType == BsonType.Null,
        "regex" => v.BsonType == BsonType.RegularExpression,
        "dbPointer" => false,
        "javascript" => v.BsonType == BsonType.JavaScript,
        "symbol" => v.BsonType == BsonType.Symbol,
        "javascriptWithScope" => v.BsonType == BsonType.JavaScriptWithScope,
        "int" => v.BsonType == BsonType.Int32,
        "timestamp" => v.BsonType == BsonType.Timestamp,
        "long" => v.BsonType == BsonType.Int64,
        "decimal" => v.BsonType == BsonType.Decimal128,
        "minKey" => v.BsonType == BsonType.MinKey,
        "maxKey" => v.BsonType == BsonType.MaxKey,
        "number" => v.BsonType is BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128,
        _ => throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture, $"$$type alias '{alias}' is unknown.")),
    };
}

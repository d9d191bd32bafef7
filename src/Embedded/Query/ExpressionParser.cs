using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>
/// Compiles aggregation expressions. Operators live in <see cref="ExpressionOperators"/>' table, so the aggregation
/// engine can add its own without touching the parser.
/// </summary>
internal static class ExpressionParser
{
    public static Expression Parse(BsonValue spec)
    {
        switch (spec)
        {
            case BsonString { Value: var s } when s.StartsWith('$'):
                return ParseFieldPath(s);
            case BsonDocument document when document.ElementCount > 0 && document.GetElement(0).Name.StartsWith('$'):
                if (document.ElementCount != 1)
                {
                    throw new MongoServerException(15983, $"An object representing an expression must have exactly one field: {document}");
                }

                var element = document.GetElement(0);
                if (element.Name == "$literal")
                {
                    return new ConstantExpression(element.Value);
                }

                if (!ExpressionOperators.TryGet(element.Name, out var implementation))
                {
                    throw new MongoServerException(168, $"Unrecognized expression '{element.Name}'");
                }

                var args = element.Value is BsonArray array ? ParseAll(array) : [Parse(element.Value)];
                return new OperatorExpression(element.Name, args, implementation);
            case BsonDocument document:
                var fields = new List<(string, Expression)>(document.ElementCount);
                foreach (var field in document)
                {
                    fields.Add((field.Name, Parse(field.Value)));
                }

                return new ObjectExpression(fields);
            case BsonArray items:
                return new ArrayExpression(ParseAll(items));
            default:
                return new ConstantExpression(spec);
        }
    }

    private static Expression[] ParseAll(BsonArray array)
    {
        var result = new Expression[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            result[i] = Parse(array[i]);
        }

        return result;
    }

    private static FieldPathExpression ParseFieldPath(string text)
    {
        if (text.StartsWith("$$", StringComparison.Ordinal))
        {
            var body = text[2..];
            var dot = body.IndexOf('.');
            return dot < 0 ? new FieldPathExpression(body, []) : new FieldPathExpression(body[..dot], body[(dot + 1)..].Split('.'));
        }

        if (text.Length == 1)
        {
            throw new MongoServerException(16872, "'$' by itself is not a valid FieldPath");
        }

        return new FieldPathExpression(null, text[1..].Split('.'));
    }
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>Variables (<c>$let</c>), <c>$switch</c>, object operators, and the helpers for operators that take named arguments.</summary>
internal static partial class ExpressionOperators
{
    private static void RegisterObjects()
    {
        Table["$let"] = Let;
        Table["$switch"] = Switch;
        Table["$mergeObjects"] = (_, a, c) =>
        {
            var result = new BsonDocument();
            foreach (var arg in a)
            {
                MergeInto(result, arg.Evaluate(c));
            }

            return result;
        };
        Table["$objectToArray"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            var value = a[0].Evaluate(c);
            if (ExpressionValues.IsNullish(value))
            {
                return BsonNull.Value;
            }

            var document = value as BsonDocument
                ?? throw new MongoServerException(40390, $"$objectToArray requires a document input, found: {BsonTypeNames.AliasOf(value!.BsonType)}");
            var result = new BsonArray(document.ElementCount);
            foreach (var element in document)
            {
                result.Add(new BsonDocument { { "k", element.Name }, { "v", element.Value } });
            }

            return result;
        };
        Table["$arrayToObject"] = ArrayToObject;
        Table["$getField"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            Expression field;
            BsonValue? input;
            if (a[0] is ObjectExpression spec && spec.Field("field") is { } named)
            {
                field = named;
                input = spec.Field("input") is { } inputExpression ? inputExpression.Evaluate(c) : c.Current;
            }
            else
            {
                field = a[0];
                input = c.Current;
            }

            if (field.Evaluate(c) is not BsonString name)
            {
                throw new MongoServerException(5654602, "$getField requires 'field' to evaluate to type String");
            }

            if (ExpressionValues.IsNullish(input))
            {
                return BsonNull.Value;
            }

            return input is BsonDocument document && document.TryGetValue(name.Value, out var found) ? found : null;
        };
        Table["$isNumber"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            return BsonBoolean.Create(a[0].Evaluate(c) is { IsNumeric: true });
        };
    }

    /// <summary>Adds a document's fields to <paramref name="target"/> (later ones win); null and missing are ignored.</summary>
    public static void MergeInto(BsonDocument target, BsonValue? value)
    {
        if (ExpressionValues.IsNullish(value))
        {
            return;
        }

        if (value is not BsonDocument document)
        {
            throw new MongoServerException(40400, $"$mergeObjects requires object inputs, but input {value} is of type {BsonTypeNames.AliasOf(value!.BsonType)}");
        }

        foreach (var element in document)
        {
            target.Set(element.Name, element.Value);
        }
    }

    /// <summary>The named-argument document of an operator such as <c>{$map: {input, as, in}}</c>.</summary>
    private static ObjectExpression Named(string name, Expression[] args) =>
        args is [ObjectExpression spec] ? spec : throw new MongoServerException(ErrorCodes.FailedToParse, $"{name} only supports an object as its argument");

    private static void CheckFields(string name, ObjectExpression spec, int code, params string[] allowed)
    {
        foreach (var (field, _) in spec.Fields)
        {
            if (Array.IndexOf(allowed, field) < 0)
            {
                throw new MongoServerException(code, $"Unrecognized parameter to {name}: {field}");
            }
        }
    }

    private static string VariableName(Expression? expression, string fallback)
    {
        if (expression is null)
        {
            return fallback;
        }

        if (expression is ConstantExpression { Value: BsonString { Value: var name } } && IsValidVariableName(name))
        {
            return name;
        }

        throw new MongoServerException(ErrorCodes.FailedToParse, $"'{(expression as ConstantExpression)?.Value}' is not a valid variable name; it must start with a lowercase letter or a non-ASCII character");
    }

    private static bool IsValidVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] > 127) && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_' || ch > 127);

    /// <summary>A child context with one more variable; the dictionary is private to the child so callers may rebind it per element.</summary>
    public static EvaluationContext WithVariables(EvaluationContext context, string name, BsonValue value)
    {
        var variables = context.Variables is null ? new Dictionary<string, BsonValue>(StringComparer.Ordinal) : new Dictionary<string, BsonValue>(context.Variables, StringComparer.Ordinal);
        variables[name] = value;
        return new EvaluationContext(context.Root) { Current = context.Current, Variables = variables, Now = context.Now };
    }

    private static BsonValue? Let(string name, Expression[] args, EvaluationContext context)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, 16875, "vars", "in");
        if (spec.Field("vars") is not ObjectExpression vars)
        {
            throw new MongoServerException(16876, "Missing 'vars' parameter to $let");
        }

        var body = spec.Field("in") ?? throw new MongoServerException(16877, "Missing 'in' parameter to $let");
        var variables = context.Variables is null ? new Dictionary<string, BsonValue>(StringComparer.Ordinal) : new Dictionary<string, BsonValue>(context.Variables, StringComparer.Ordinal);
        foreach (var (variable, expression) in vars.Fields)
        {
            if (!IsValidVariableName(variable))
            {
                throw new MongoServerException(ErrorCodes.FailedToParse, $"'{variable}' starts with an invalid character for a user variable name");
            }

            // Every binding sees the outer scope only, as in mongod.
            variables[variable] = expression.Evaluate(context) ?? BsonNull.Value;
        }

        return body.Evaluate(new EvaluationContext(context.Root) { Current = context.Current, Variables = variables, Now = context.Now });
    }

    private static BsonValue? Switch(string name, Expression[] args, EvaluationContext context)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, 40067, "branches", "default");
        if (spec.Field("branches") is not ArrayExpression branches)
        {
            throw new MongoServerException(40061, "$switch expected an array for 'branches'");
        }

        foreach (var branch in branches.Items)
        {
            if (branch is not ObjectExpression arms)
            {
                throw new MongoServerException(40062, "$switch expected each branch to be an object");
            }

            var test = arms.Field("case") ?? throw new MongoServerException(40064, "$switch requires each branch have a 'case' expression");
            var then = arms.Field("then") ?? throw new MongoServerException(40065, "$switch requires each branch have a 'then' expression.");
            if (ExpressionValues.IsTruthy(test.Evaluate(context)))
            {
                return then.Evaluate(context);
            }
        }

        return spec.Field("default") is { } fallback
            ? fallback.Evaluate(context)
            : throw new MongoServerException(40066, "$switch could not find a matching branch for an input, and no default was specified.");
    }

    private static BsonValue ArrayToObject(string name, Expression[] args, EvaluationContext context)
    {
        Arity(name, args, 1);
        var value = args[0].Evaluate(context);
        if (ExpressionValues.IsNullish(value))
        {
            return BsonNull.Value;
        }

        var array = value as BsonArray
            ?? throw new MongoServerException(40386, $"$arrayToObject requires an array input, found: {BsonTypeNames.AliasOf(value!.BsonType)}");
        var result = new BsonDocument();
        foreach (var item in array)
        {
            switch (item)
            {
                case BsonArray { Count: 2 } pair:
                    result.Set(pair[0] is BsonString key ? key.Value : throw new MongoServerException(40395, $"$arrayToObject requires an array of key-value pairs, where the key must be of type string. Found key type: {BsonTypeNames.AliasOf(pair[0].BsonType)}"), pair[1]);
                    break;
                case BsonArray:
                    throw new MongoServerException(40397, "$arrayToObject requires an array of size 2 arrays");
                case BsonDocument { ElementCount: 2 } kv when kv.TryGetValue("k", out var k) && kv.TryGetValue("v", out var v):
                    result.Set(k is BsonString ks ? ks.Value : throw new MongoServerException(40394, "$arrayToObject requires an object with keys 'k' and 'v', where the value of 'k' must be of type string."), v);
                    break;
                case BsonDocument:
                    throw new MongoServerException(40392, "$arrayToObject requires an object keys of 'k' and 'v'");
                default:
                    throw new MongoServerException(40398, $"Unrecognised input type format for $arrayToObject: {BsonTypeNames.AliasOf(item.BsonType)}");
            }
        }

        return result;
    }
}

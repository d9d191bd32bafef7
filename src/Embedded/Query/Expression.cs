using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>The values an expression sees: the root document, the current value and user variables.</summary>
internal sealed class EvaluationContext(BsonValue root)
{
    public BsonValue Root { get; } = root;

    public BsonValue Current { get; init; } = root;

    /// <summary>
    /// User variables (<c>let</c>, <c>$let</c>, <c>$map</c>'s <c>as</c>). Defaults to the ambient variables of the running
    /// pipeline, because filters (<c>$match</c> with <c>$expr</c> inside <c>$lookup</c>) build their contexts without one.
    /// </summary>
    public Dictionary<string, BsonValue>? Variables { get; init; } = Ambient;

    /// <summary>The variables in scope on this thread while a pipeline stage runs; pipelines run synchronously.</summary>
    [ThreadStatic]
    internal static Dictionary<string, BsonValue>? Ambient;

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A compiled aggregation expression; <see cref="Evaluate"/> returns null for "missing".</summary>
internal abstract class Expression
{
    public abstract BsonValue? Evaluate(EvaluationContext context);
}

internal sealed class ConstantExpression(BsonValue value) : Expression
{
    public BsonValue Value { get; } = value;

    public override BsonValue? Evaluate(EvaluationContext context) => Value;
}

/// <summary><c>"$a.b"</c> or <c>"$$var.a"</c>; arrays along the path map to arrays of the reached values.</summary>
internal sealed class FieldPathExpression(string? variable, string[] parts) : Expression
{
    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? start = variable switch
        {
            null or "CURRENT" => context.Current,
            "ROOT" => context.Root,
            "NOW" => new BsonDateTime(context.Now),
            "REMOVE" => null,
            _ => context.Variables is not null && context.Variables.TryGetValue(variable, out var v)
                ? v
                : throw new MongoServerException(17276, $"Use of undefined variable: {variable}"),
        };
        return start is null ? null : Resolve(start, 0);
    }

    private BsonValue? Resolve(BsonValue value, int i)
    {
        if (i == parts.Length)
        {
            return value;
        }

        switch (value)
        {
            case BsonDocument document:
                return document.TryGetValue(parts[i], out var child) ? Resolve(child, i + 1) : null;
            case BsonArray array:
                var result = new BsonArray(array.Count);
                foreach (var element in array)
                {
                    if (element is BsonDocument or BsonArray && Resolve(element, i) is { } reached)
                    {
                        result.Add(reached);
                    }
                }

                return result;
            default:
                return null;
        }
    }
}

/// <summary>An object literal whose values are expressions.</summary>
internal sealed class ObjectExpression(List<(string Name, Expression Value)> fields) : Expression
{
    /// <summary>The fields in order (operators such as <c>$let</c> read their <c>vars</c> through it).</summary>
    public IReadOnlyList<(string Name, Expression Value)> Fields => fields;

    /// <summary>A named argument of operators that take a document (<c>$cond: {if, then, else}</c>).</summary>
    public Expression? Field(string name)
    {
        foreach (var (fieldName, value) in fields)
        {
            if (fieldName == name)
            {
                return value;
            }
        }

        return null;
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        var document = new BsonDocument(fields.Count);
        foreach (var (name, value) in fields)
        {
            if (value.Evaluate(context) is { } result)
            {
                document.Set(name, result);
            }
        }

        return document;
    }
}

internal sealed class ArrayExpression(Expression[] items) : Expression
{
    /// <summary>The element expressions (<c>$switch</c> reads its branches through it).</summary>
    public IReadOnlyList<Expression> Items => items;

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        var array = new BsonArray(items.Length);
        foreach (var item in items)
        {
            array.Add(item.Evaluate(context) ?? BsonNull.Value);
        }

        return array;
    }
}

/// <summary>An operator such as <c>$add</c>; its implementation decides which arguments to evaluate (so $cond and $and short-circuit).</summary>
internal sealed class OperatorExpression(string name, Expression[] arguments, ExpressionOperator implementation) : Expression
{
    public string Name { get; } = name;

    public override BsonValue? Evaluate(EvaluationContext context) => implementation(Name, arguments, context);
}

internal delegate BsonValue? ExpressionOperator(string name, Expression[] arguments, EvaluationContext context);

/// <summary>Truthiness and small conversions shared by the matcher and the expression operators.</summary>
internal static class ExpressionValues
{
    /// <summary>false, null, undefined, missing and zero are false; everything else (even empty strings and arrays) is true.</summary>
    public static bool IsTruthy(BsonValue? value) => value switch
    {
        null or BsonNull or BsonUndefined => false,
        BsonBoolean b => b.Value,
        BsonInt32 i => i.Value != 0,
        BsonInt64 l => l.Value != 0,
        BsonDouble d => d.Value != 0,
        BsonDecimal128 m => !m.Value.IsZero,
        _ => true,
    };

    public static bool IsNullish(BsonValue? value) => value is null or BsonNull or BsonUndefined;
}

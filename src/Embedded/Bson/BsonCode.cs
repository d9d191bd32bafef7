using System.Diagnostics.CodeAnalysis;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>BSON JavaScript code.</summary>
internal sealed class BsonJavaScript : BsonValue
{
    public BsonJavaScript(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        Code = code;
    }

    public string Code { get; }

    public override BsonType BsonType => BsonType.JavaScript;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonJavaScript j && string.Equals(j.Code, Code, StringComparison.Ordinal);

    public override int GetHashCode() => Hash(BsonType, Code);
}

/// <summary>Deprecated BSON JavaScript code with a scope document.</summary>
internal sealed class BsonJavaScriptWithScope : BsonValue
{
    public BsonJavaScriptWithScope(string code, BsonDocument scope)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(scope);
        Code = code;
        Scope = scope;
    }

    public string Code { get; }

    public BsonDocument Scope { get; }

    public override BsonType BsonType => BsonType.JavaScriptWithScope;

    public override BsonValue DeepClone() => new BsonJavaScriptWithScope(Code, (BsonDocument)Scope.DeepClone());

    public override bool Equals([NotNullWhen(true)] BsonValue? other) =>
        other is BsonJavaScriptWithScope j && string.Equals(j.Code, Code, StringComparison.Ordinal) && j.Scope.Equals(Scope);

    public override int GetHashCode() => HashCode.Combine(BsonType, Code, Scope);
}

/// <summary>A deprecated BSON symbol.</summary>
internal sealed class BsonSymbol : BsonValue
{
    public BsonSymbol(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    public string Name { get; }

    public override BsonType BsonType => BsonType.Symbol;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonSymbol s && string.Equals(s.Name, Name, StringComparison.Ordinal);

    public override int GetHashCode() => Hash(BsonType, Name);
}

/// <summary>A deprecated BSON DBPointer: a namespace and an ObjectId.</summary>
internal sealed class BsonDBPointer : BsonValue
{
    public BsonDBPointer(string @namespace, ObjectId id)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        Namespace = @namespace;
        Id = id;
    }

    public string Namespace { get; }

    public ObjectId Id { get; }

    public override BsonType BsonType => BsonType.DBPointer;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) =>
        other is BsonDBPointer p && p.Id == Id && string.Equals(p.Namespace, Namespace, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(BsonType, Namespace, Id);
}

/// <summary>A BSON regular expression. Options are kept in alphabetical order, as the BSON specification requires.</summary>
internal sealed class BsonRegularExpression : BsonValue
{
    public BsonRegularExpression(string pattern, string options = "")
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(options);
        Pattern = pattern;
        Options = SortOptions(options);
    }

    public string Pattern { get; }

    public string Options { get; }

    public override BsonType BsonType => BsonType.RegularExpression;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) =>
        other is BsonRegularExpression r && string.Equals(r.Pattern, Pattern, StringComparison.Ordinal) && string.Equals(r.Options, Options, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(BsonType, Pattern, Options);

    private static string SortOptions(string options)
    {
        for (var i = 1; i < options.Length; i++)
        {
            if (options[i] < options[i - 1])
            {
                return string.Create(options.Length, options, static (span, o) =>
                {
                    o.AsSpan().CopyTo(span);
                    span.Sort();
                });
            }
        }

        return options;
    }
}

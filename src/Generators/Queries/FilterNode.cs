using System.Collections.Generic;
using System.Linq;

namespace OpenQuizz.Typed.Generators.Queries;

/// <summary>
/// A translated filter, before it becomes C#: clauses on paths and the logical operators over them. Rendering turns it
/// into an expression that builds the <c>BsonDocument</c>; values inside are C# expressions of <c>BsonValue</c>.
/// </summary>
internal abstract class FilterNode
{
    /// <summary>The names of the top-level elements this node renders to (for merging an <c>$and</c> into one document).</summary>
    public abstract IEnumerable<string?> Keys { get; }
}

/// <summary><c>{ path: value }</c> for <c>$eq</c>, else <c>{ path: { op: value } }</c>.</summary>
internal sealed class Clause(FieldRef field, string op, string value) : FilterNode
{
    public FieldRef Field { get; } = field;

    public string Op { get; } = op;

    public string Value { get; } = value;

    public override IEnumerable<string?> Keys => new[] { Field.IsLiteral ? Field.Path : null };
}

internal sealed class AndNode(List<FilterNode> items) : FilterNode
{
    public List<FilterNode> Items { get; } = items;

    public override IEnumerable<string?> Keys => Items.SelectMany(i => i.Keys);
}

internal sealed class OrNode(List<FilterNode> items) : FilterNode
{
    public List<FilterNode> Items { get; } = items;

    public override IEnumerable<string?> Keys => new[] { "$or" };
}

internal sealed class NorNode(List<FilterNode> items) : FilterNode
{
    public List<FilterNode> Items { get; } = items;

    public override IEnumerable<string?> Keys => new[] { "$nor" };
}

/// <summary><c>{ $expr: expression }</c>, the expression being C# code of a BsonValue.</summary>
internal sealed class ExprNode(string expression) : FilterNode
{
    public string Expression { get; } = expression;

    public override IEnumerable<string?> Keys => new[] { "$expr" };
}

/// <summary>A filter chosen at run time by a captured boolean: everything when true, nothing when false.</summary>
internal sealed class ConditionNode(string condition) : FilterNode
{
    public string Condition { get; } = condition;

    public override IEnumerable<string?> Keys => new string?[] { null };
}

/// <summary>The filter that matches every document (<c>{}</c>) or none.</summary>
internal sealed class ConstantNode(bool value) : FilterNode
{
    public bool Value { get; } = value;

    public override IEnumerable<string?> Keys => Value ? System.Array.Empty<string?>() : new[] { "$nor" };
}

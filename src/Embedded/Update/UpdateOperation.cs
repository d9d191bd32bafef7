using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Update;

/// <summary>The update operators.</summary>
internal enum UpdateOperator
{
    Set,
    Unset,
    Inc,
    Mul,
    Min,
    Max,
    Rename,
    SetOnInsert,
    CurrentDate,
    Push,
    Pop,
    Pull,
    PullAll,
    AddToSet,
}

/// <summary>One field of one operator: <c>{$inc: {"a.b": 1}}</c> is (Inc, "a.b", 1).</summary>
internal sealed record UpdateOperation(UpdateOperator Operator, string Path, string[] Parts, BsonValue Argument)
{
    /// <summary>For <c>$rename</c>, the target path.</summary>
    public string[]? TargetParts { get; init; }

    /// <summary>For value-style <c>$pull</c> conditions, the compiled query.</summary>
    public Query.FilterNode? PullFilter { get; init; }

    /// <summary>For <c>$pull</c>, whether the filter applies to element documents (true) or element values (false).</summary>
    public bool PullDocumentMode { get; init; }
}

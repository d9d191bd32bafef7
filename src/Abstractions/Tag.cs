namespace OpenQuizz.Typed;

/// <summary>One name/value pair of a replica-set member tag, as used by read preference tag sets.</summary>
/// <param name="Name">The tag name (case-sensitive).</param>
/// <param name="Value">The tag value (case-sensitive).</param>
public readonly record struct Tag(string Name, string Value)
{
    /// <summary>Returns the tag as <c>name:value</c>, the connection-string form.</summary>
    public override string ToString() => $"{Name}:{Value}";
}

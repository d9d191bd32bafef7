namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>One named value of a document.</summary>
internal readonly record struct BsonElement
{
    public BsonElement(string name, BsonValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public BsonValue Value { get; }

    public override string ToString() => $"{Name}: {Value}";
}

/// <summary>The Extended JSON flavours of the Extended JSON v2 specification.</summary>
internal enum JsonOutputMode
{
    /// <summary>Every value keeps its exact BSON type (<c>{"$numberInt": "1"}</c>).</summary>
    Canonical,

    /// <summary>Numbers and dates in their natural JSON form where that loses nothing useful.</summary>
    Relaxed,
}

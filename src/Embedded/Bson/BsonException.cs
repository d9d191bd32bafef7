namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>The base of every BSON error.</summary>
internal class BsonException : Exception
{
    public BsonException(string message) : base(message) { }

    public BsonException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>
/// Malformed input: BSON bytes or Extended JSON text that cannot be read. The message names the byte offset
/// (for binary input) or the path and position (for JSON).
/// </summary>
internal class BsonFormatException : BsonException
{
    public BsonFormatException(string message) : base(message) { }

    public BsonFormatException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The byte offset in the input at which the problem was found, or -1 when unknown.</summary>
    public long Offset { get; init; } = -1;
}

/// <summary>A value cannot be represented as requested: a name with a NUL byte, a value out of range for its target type, a type without a codec.</summary>
internal class BsonSerializationException : BsonException
{
    public BsonSerializationException(string message) : base(message) { }

    public BsonSerializationException(string message, Exception? innerException) : base(message, innerException) { }
}

using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson;

/// <summary>
/// Malformed BSON bytes: a reader found something the BSON specification forbids. A
/// MongoDB.Bson <c>BsonException</c>, so code that catches MongoDB.Bson's errors catches it too.
/// </summary>
public class BsonFormatException : BsonException
{
    /// <summary>Creates the exception with a message that says what is wrong and where.</summary>
    public BsonFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public BsonFormatException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The offset in the input where the problem was found, or -1 when it is not known.</summary>
    public long Offset { get; init; } = -1;
}

namespace OpenQuizz.Typed;

/// <summary>A database or collection name that MongoDB does not accept.</summary>
public class InvalidNameException : MongoException
{
    /// <summary>Creates the error; the message says which rule the name breaks.</summary>
    public InvalidNameException(string message) : base(message) { }
}

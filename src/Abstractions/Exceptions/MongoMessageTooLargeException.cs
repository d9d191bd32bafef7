namespace OpenQuizz.Typed;

/// <summary>A command or message is larger than the server accepts; it was not sent and the connection stays usable.</summary>
public class MongoMessageTooLargeException : MongoException
{
    public MongoMessageTooLargeException(string message, int size, int maximum) : base(message)
    {
        Size = size;
        Maximum = maximum;
    }

    /// <summary>The size of what was to be sent, in bytes.</summary>
    public int Size { get; }

    /// <summary>The server's limit, in bytes.</summary>
    public int Maximum { get; }
}

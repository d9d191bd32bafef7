namespace OpenQuizz.Typed;

/// <summary>The base of every error raised by OpenQuizz.Typed's client and server-facing code.</summary>
public class MongoException : Exception
{
    public MongoException(string message) : base(message) { }

    public MongoException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A connection string or a client setting is invalid; the message names the option and never shows a credential.</summary>
public class MongoConfigurationException : MongoException
{
    public MongoConfigurationException(string message) : base(message) { }

    public MongoConfigurationException(string message, Exception? innerException) : base(message, innerException) { }
}

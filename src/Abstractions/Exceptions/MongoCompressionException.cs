namespace OpenQuizz.Typed;

/// <summary>A message could not be compressed or decompressed, or a compressor's native library is missing.</summary>
public class MongoCompressionException : MongoException
{
    public MongoCompressionException(string message, Exception? innerException = null) : base(message, innerException) { }
}

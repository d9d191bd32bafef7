namespace OpenQuizz.Typed;

/// <summary>
/// The server's bytes do not follow the wire protocol: a truncated, oversize or unparsable reply, a reply to
/// another request, or a checksum mismatch. The connection is closed.
/// </summary>
public class MongoProtocolException : MongoConnectionException
{
    /// <summary>Creates the error for <paramref name="address"/>.</summary>
    public MongoProtocolException(MongoServerAddress? address, string message, Exception? innerException = null)
        : base(address, message, innerException)
    {
    }
}

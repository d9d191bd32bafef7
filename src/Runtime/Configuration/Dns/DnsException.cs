namespace OpenQuizz.Typed.Configuration.Dns;

/// <summary>The response codes of RFC 1035 section 4.1.1 (and RFC 2136) that this client tells apart.</summary>
internal enum DnsResponseCode
{
    NoError = 0,
    FormatError = 1,
    ServerFailure = 2,
    NameError = 3,
    NotImplemented = 4,
    Refused = 5,
}

/// <summary>
/// A DNS query failed: the name does not exist, every server failed or timed out, or the name is not valid. Every
/// failure of the DNS library surfaces as this type, so callers catch one type.
/// </summary>
internal sealed class DnsException : MongoException
{
    public DnsException(string message, DnsResponseCode? responseCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ResponseCode = responseCode;
    }

    /// <summary>The server's response code, when the failure came from one.</summary>
    public DnsResponseCode? ResponseCode { get; }

    /// <summary>True when an authoritative answer says the name does not exist (NXDOMAIN).</summary>
    public bool IsNameError => ResponseCode == DnsResponseCode.NameError;
}

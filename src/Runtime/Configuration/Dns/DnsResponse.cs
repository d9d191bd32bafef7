namespace OpenQuizz.Typed.Configuration.Dns;

/// <summary>
/// A decoded DNS response. When <see cref="Truncated"/> is set or <see cref="ResponseCode"/> is not NoError the answer
/// section is not decoded (a truncated one may be cut mid-record), so both lists are empty.
/// </summary>
internal sealed record DnsResponse(
    ushort Id,
    bool Truncated,
    DnsResponseCode ResponseCode,
    IReadOnlyList<DnsSrvRecord> SrvRecords,
    IReadOnlyList<DnsTxtRecord> TxtRecords);

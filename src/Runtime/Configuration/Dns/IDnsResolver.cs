namespace OpenQuizz.Typed.Configuration.Dns;

/// <summary>
/// Looks up the SRV and TXT records that seedlist discovery and SRV polling need. <see cref="DnsResolver"/> queries the
/// system's name servers through DnsClient; tests substitute recorded answers, so discovery rules run offline.
/// </summary>
internal interface IDnsResolver
{
    /// <summary>Returns the SRV records of <paramref name="name"/>; empty when the name exists but has none.</summary>
    /// <exception cref="DnsException">The name does not exist (<see cref="DnsException.IsNameError"/>), or no server answered usefully.</exception>
    Task<IReadOnlyList<DnsSrvRecord>> ResolveSrvAsync(string name, CancellationToken cancellationToken);

    /// <summary>Returns the TXT records of <paramref name="name"/>; empty when the name exists but has none.</summary>
    /// <exception cref="DnsException">The name does not exist (<see cref="DnsException.IsNameError"/>), or no server answered usefully.</exception>
    Task<IReadOnlyList<DnsTxtRecord>> ResolveTxtAsync(string name, CancellationToken cancellationToken);
}

namespace OpenQuizz.Typed.Configuration;

/// <summary>
/// The seam for DNS seedlist discovery (initial-dns-seedlist-discovery spec). Parsing validates a
/// <c>mongodb+srv://</c> string without any DNS; the resolver queries <see cref="SrvQueryName"/> and the TXT record of
/// <see cref="SrvHost"/>, checks each target with <see cref="IsValidSrvTarget"/>, and calls
/// <see cref="WithSrvResolution"/> to get the connection string the client then uses.
/// </summary>
internal sealed partial class ConnectionString
{
    private const string DefaultSrvServiceName = "mongodb";

    // Only these options may come from a TXT record (the spec); the connection string overrides them.
    private static readonly string[] TxtRecordOptions = [UriOptionNames.AuthSource, UriOptionNames.ReplicaSet, UriOptionNames.LoadBalanced];

    /// <summary>The SRV query, <c>_{srvServiceName}._tcp.{host}</c>; null unless <see cref="IsSrv"/>.</summary>
    public string? SrvQueryName => IsSrv ? $"_{Values.SrvServiceName ?? DefaultSrvServiceName}._tcp.{SrvHost}" : null;

    /// <summary>
    /// The domain the SRV targets must belong to: the host without its first label when it has three or more labels,
    /// else the whole host (which targets must then extend by at least one label).
    /// </summary>
    public string? SrvDomainName
    {
        get
        {
            if (SrvHost is not { } host)
            {
                return null;
            }

            var labels = host.TrimEnd('.').Split('.');
            return labels.Length >= 3 ? string.Join('.', labels[1..]) : host.TrimEnd('.');
        }
    }

    /// <summary>True when an SRV target host may be used: it ends with <c>.{SrvDomainName}</c> (and has more labels than a short SRV host).</summary>
    public bool IsValidSrvTarget(string targetHost)
    {
        ArgumentNullException.ThrowIfNull(targetHost);
        if (SrvDomainName is not { } domain)
        {
            return false;
        }

        var target = targetHost.TrimEnd('.');
        return target.Length > domain.Length + 1 && target.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Returns the connection string after DNS resolution: <paramref name="hosts"/> (already checked with
    /// <see cref="IsValidSrvTarget"/> and cut to srvMaxHosts) become <see cref="ResolvedHosts"/>, and the TXT record's
    /// options (only authSource, replicaSet and loadBalanced are allowed) apply where the string gave none. The other
    /// cross-option rules (srvMaxHosts with replicaSet or loadBalanced from TXT) are checked again when settings are
    /// built from the result (<c>MongoClientSettings.FromParsed</c>).
    /// </summary>
    /// <exception cref="MongoConfigurationException">The TXT record is malformed or holds another option, or loadBalanced=true meets several hosts.</exception>
    public ConnectionString WithSrvResolution(IReadOnlyList<MongoServerAddress> hosts, string? txtRecord)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        if (!IsSrv)
        {
            throw new InvalidOperationException("Only a mongodb+srv:// connection string is resolved through DNS.");
        }

        if (hosts.Count == 0)
        {
            throw new MongoConfigurationException($"The SRV query {SrvQueryName} returned no hosts.");
        }

        var txt = string.IsNullOrEmpty(txtRecord) ? new ParsedOptions(new Dictionary<string, string>().AsReadOnly(), new UriOptionValues(), []) : ParseOptions(txtRecord);
        foreach (var name in txt.Raw.Keys)
        {
            if (Array.IndexOf(TxtRecordOptions, name) < 0)
            {
                throw new MongoConfigurationException(
                    $"The TXT record of {SrvHost} sets '{name}'; only authSource, replicaSet and loadBalanced may come from DNS.");
            }
        }

        if (txt.Warnings.Count > 0)
        {
            throw new MongoConfigurationException($"The TXT record of {SrvHost} is invalid: {txt.Warnings[0]}");
        }

        // Re-run the option parser over the TXT options the string does not override, then the string's own options,
        // so that typed values, list options and warnings stay exactly as parsing would have produced them.
        var txtQuery = string.Join('&', txt.Raw
            .Where(o => !Options.ContainsKey(o.Key))
            .Select(o => $"{o.Key}={Uri.EscapeDataString(o.Value)}"));
        var options = txtQuery.Length == 0
            ? new ParsedOptions(Options, Values, Warnings)
            : ParseOptions(string.IsNullOrEmpty(_query) ? txtQuery : txtQuery + "&" + _query);
        if (options.Values.LoadBalanced == true && hosts.Count > 1)
        {
            throw new MongoConfigurationException(
                $"With loadBalanced=true the SRV query {SrvQueryName} must return exactly one host; it returned {hosts.Count}.");
        }

        return new ConnectionString(Scheme, Hosts, HasUserInfo ? new UserInfo(Username!, Password) : null, Database, options, _query, [.. hosts]);
    }
}

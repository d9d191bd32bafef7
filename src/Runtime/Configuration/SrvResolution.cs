using OpenQuizz.Typed.Configuration.Dns;

namespace OpenQuizz.Typed.Configuration;

/// <summary>What initial seedlist discovery found: the settings to build the topology from, and when to rescan.</summary>
/// <param name="Settings">Resolved settings: <c>mongodb://</c>, the chosen SRV targets as hosts, TLS explicit, TXT options applied.</param>
/// <param name="RescanInterval">The first SRV polling interval: the smallest TTL, at least 60 seconds.</param>
internal sealed record SrvResolutionResult(MongoClientSettings Settings, TimeSpan RescanInterval);

/// <summary>
/// Initial DNS seedlist discovery (initial-dns-seedlist-discovery spec): the client's one step between
/// <c>mongodb+srv://</c> settings and the topology. Queries the SRV records of <c>_{srvServiceName}._tcp.{host}</c> and
/// the TXT record of the host together, checks every target against the host's parent domain, applies srvMaxHosts,
/// and merges the TXT options under the settings' own.
/// </summary>
internal static class SrvResolution
{
    /// <summary>
    /// Returns settings the topology can use directly: for <c>mongodb+srv</c>, a clone with <see cref="MongoClientSettings.Scheme"/>
    /// <c>mongodb</c>, the resolved hosts, <see cref="MongoClientSettings.Tls"/> explicit (true unless tls=false was
    /// given), srvMaxHosts and srvServiceName cleared, and the TXT record's authSource, replicaSet and loadBalanced
    /// applied where the settings give none. Other settings are returned as they are. Keep the original settings for
    /// <see cref="SrvPoller"/>.
    /// </summary>
    /// <exception cref="MongoConfigurationException">DNS failed or returned no records, a target is outside the parent
    /// domain, the TXT record is invalid or repeated, or the merged options conflict.</exception>
    public static async Task<MongoClientSettings> ResolveAsync(MongoClientSettings settings, IDnsResolver resolver, CancellationToken cancellationToken) =>
        (await ResolveWithIntervalAsync(settings, resolver, random: null, cancellationToken).ConfigureAwait(false)).Settings;

    /// <summary>As <see cref="ResolveAsync"/>, also returning the first rescan interval; <paramref name="random"/> drives srvMaxHosts.</summary>
    public static async Task<SrvResolutionResult> ResolveWithIntervalAsync(
        MongoClientSettings settings, IDnsResolver resolver, Random? random, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(resolver);
        if (settings.Scheme != ConnectionStringScheme.MongoDBPlusSrv)
        {
            return new SrvResolutionResult(settings, SrvSeedList.MinRescanInterval);
        }

        if (settings.Hosts is not [{ Kind: MongoServerAddressKind.DnsName } srvAddress])
        {
            throw new MongoConfigurationException("mongodb+srv requires exactly one DNS host name.");
        }

        var srvHost = srvAddress.Host.TrimEnd('.');
        var queryName = SrvSeedList.QueryName(srvHost, settings.SrvServiceName);

        // Both queries before any connection (the spec); in parallel, so discovery costs one round trip.
        var srvTask = ResolveSrvAsync(resolver, queryName, cancellationToken);
        var txtTask = ResolveTxtAsync(resolver, srvHost, cancellationToken);
        await Task.WhenAll(srvTask, txtTask).ConfigureAwait(false);
        var records = await srvTask.ConfigureAwait(false);
        var txt = await txtTask.ConfigureAwait(false);

        var hosts = new List<MongoServerAddress>();
        foreach (var record in records)
        {
            if (!SrvSeedList.IsValidTarget(srvHost, record.Target))
            {
                throw new MongoConfigurationException(
                    $"The SRV record {queryName} points to '{record.Target}', which is not in the domain '{SrvSeedList.DomainName(srvHost)}' of {srvHost}; "
                    + "every target must share the SRV host's parent domain.");
            }

            var address = SrvSeedList.ToAddress(record)
                ?? throw new MongoConfigurationException($"The SRV record {queryName} points to '{record.Target}:{record.Port}', which is not a usable host and port.");
            if (!hosts.Contains(address))
            {
                hosts.Add(address);
            }
        }

        if (hosts.Count == 0)
        {
            throw new MongoConfigurationException($"The SRV query {queryName} returned no records, so {srvHost} gives no hosts to connect to.");
        }

        var fromString = settings.ConnectionStringOptionNames is not null;
        var merged = settings.Clone();
        if (txt is not null)
        {
            ApplyTxt(merged, ConnectionString.ParseTxtRecord(srvHost, txt));
        }

        // The URI-options spec checks cross-option rules after the lookup: srvMaxHosts with a TXT replicaSet, say.
        ClientSettingsValidator.Validate(merged, fromString);
        if (merged.LoadBalanced && hosts.Count > 1)
        {
            throw new MongoConfigurationException(
                $"With loadBalanced=true the SRV query {queryName} must return exactly one host; it returned {hosts.Count}.");
        }

        var resolved = merged.Clone();
        resolved.Scheme = ConnectionStringScheme.MongoDB;
        resolved.Hosts = SrvSeedList.SelectRandom(hosts, settings.SrvMaxHosts, random ?? Random.Shared);
        resolved.Tls = settings.IsTlsEnabled;
        resolved.SrvMaxHosts = null;
        resolved.SrvServiceName = null;
        ClientSettingsValidator.Validate(resolved, fromString);
        return new SrvResolutionResult(resolved, SrvSeedList.RescanInterval(records));
    }

    private static async Task<IReadOnlyList<DnsSrvRecord>> ResolveSrvAsync(IDnsResolver resolver, string queryName, CancellationToken cancellationToken)
    {
        try
        {
            return await resolver.ResolveSrvAsync(queryName, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsException error)
        {
            throw new MongoConfigurationException($"The SRV query {queryName} failed, so the connection string gives no hosts: {error.Message}", error);
        }
    }

    // Returns the concatenated strings of the host's one TXT record, or null when it has none.
    private static async Task<string?> ResolveTxtAsync(IDnsResolver resolver, string srvHost, CancellationToken cancellationToken)
    {
        IReadOnlyList<DnsTxtRecord> records;
        try
        {
            records = await resolver.ResolveTxtAsync(srvHost, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsException error) when (error.IsNameError)
        {
            return null; // a host with SRV records but no other data: no default options
        }
        catch (DnsException error)
        {
            throw new MongoConfigurationException($"The TXT query for {srvHost} failed: {error.Message}", error);
        }

        return records.Count switch
        {
            0 => null,
            1 => records[0].Text,
            _ => throw new MongoConfigurationException(
                $"{srvHost} has {records.Count} TXT records; seedlist discovery allows at most one (its strings are joined)."),
        };
    }

    // The settings' own values win (the spec): from a connection string, an option it named; in code, a value set.
    private static void ApplyTxt(MongoClientSettings settings, TxtRecordOptions txt)
    {
        var named = settings.ConnectionStringOptionNames;
        bool Named(string option) => named?.Contains(option, StringComparer.OrdinalIgnoreCase) == true;

        if (txt.ReplicaSet is { } replicaSet && settings.ReplicaSetName is null && !Named(UriOptionNames.ReplicaSet))
        {
            settings.ReplicaSetName = replicaSet;
        }

        if (txt.LoadBalanced is { } loadBalanced && !settings.LoadBalanced && !Named(UriOptionNames.LoadBalanced))
        {
            settings.LoadBalanced = loadBalanced;
        }

        // A credential built in code carries the source its author chose; only a string's default source gives way.
        if (txt.AuthSource is { } source && settings.Credential is { } credential && named is not null && !Named(UriOptionNames.AuthSource))
        {
            settings.Credential = new MongoCredential(credential.Mechanism, credential.Username, credential.Password, source, credential.MechanismProperties);
        }
    }
}

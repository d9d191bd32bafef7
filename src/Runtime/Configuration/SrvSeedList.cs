using OpenQuizz.Typed.Configuration.Dns;

namespace OpenQuizz.Typed.Configuration;

/// <summary>
/// The pure rules shared by initial seedlist discovery (<see cref="SrvResolution"/>) and SRV polling
/// (<see cref="SrvPoller"/>): the query name, the parent-domain check, the random srvMaxHosts selection and the rescan
/// interval. No I/O, so every rule is tested from tables.
/// </summary>
internal static class SrvSeedList
{
    /// <summary>The shortest interval between rescans, whatever the TTLs say (polling spec).</summary>
    public static readonly TimeSpan MinRescanInterval = TimeSpan.FromSeconds(60);

    /// <summary>The SRV query name, <c>_{srvServiceName}._tcp.{host}</c>.</summary>
    public static string QueryName(string srvHost, string? serviceName) =>
        $"_{serviceName ?? MongoClientSettings.DefaultSrvServiceName}._tcp.{srvHost.TrimEnd('.')}";

    /// <summary>
    /// The domain SRV targets must belong to: the host without its first label when it has three or more labels,
    /// else the whole host (whose targets must then have at least one more label).
    /// </summary>
    public static string DomainName(string srvHost)
    {
        var labels = srvHost.TrimEnd('.').Split('.');
        return labels.Length >= 3 ? string.Join('.', labels[1..]) : srvHost.TrimEnd('.');
    }

    /// <summary>True when <paramref name="target"/> ends with <c>.{DomainName(srvHost)}</c> and so has a label more than that domain.</summary>
    public static bool IsValidTarget(string srvHost, string target)
    {
        var domain = DomainName(srvHost);
        var host = target.TrimEnd('.');
        return host.Length > domain.Length + 1 && host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The address of an SRV record's target (lower-cased, without the trailing dot); null when it is not a valid host.</summary>
    public static MongoServerAddress? ToAddress(DnsSrvRecord record)
    {
        var host = record.Target.TrimEnd('.').ToLowerInvariant();
        if (record.Port == 0 || host.Length == 0)
        {
            return null;
        }

        try
        {
            var address = new MongoServerAddress(host, record.Port);
            return address.Kind == MongoServerAddressKind.DnsName ? address : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Returns every item when <paramref name="maxCount"/> is null, 0 or at least the count, else that many chosen at
    /// random by a Fisher–Yates shuffle (the spec's recommendation), in the shuffled order.
    /// </summary>
    public static IReadOnlyList<T> SelectRandom<T>(IReadOnlyList<T> items, int? maxCount, Random random)
    {
        if (maxCount is not > 0 || maxCount >= items.Count)
        {
            return items;
        }

        var shuffled = items.ToArray();
        for (var i = shuffled.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        return shuffled[..maxCount.Value];
    }

    /// <summary>The rescan interval after a successful scan: the smallest TTL, but at least <see cref="MinRescanInterval"/>.</summary>
    public static TimeSpan RescanInterval(IEnumerable<DnsSrvRecord> records)
    {
        var smallest = records.Select(r => r.TimeToLive).DefaultIfEmpty(MinRescanInterval).Min();
        return smallest < MinRescanInterval ? MinRescanInterval : smallest;
    }

    /// <summary>
    /// The seed list after a rescan (polling spec): hosts still returned stay (in their order), hosts no longer returned
    /// go, and new hosts are added — all of them, or with srvMaxHosts, randomly chosen ones until there are that many.
    /// </summary>
    public static IReadOnlyList<MongoServerAddress> ApplyRescan(
        IReadOnlyList<MongoServerAddress> current, IReadOnlyList<MongoServerAddress> valid, int? maxHosts, Random random)
    {
        var kept = current.Where(valid.Contains).ToList();
        var added = valid.Where(a => !kept.Contains(a)).Distinct().ToArray();
        if (maxHosts is > 0)
        {
            var room = Math.Max(0, maxHosts.Value - kept.Count);
            kept.AddRange(SelectRandom(added, room, random).Take(room));
        }
        else
        {
            kept.AddRange(added);
        }

        return kept;
    }
}

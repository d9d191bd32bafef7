using OpenQuizz.Typed.Configuration.Dns;

namespace OpenQuizz.Typed.Tests.Configuration.Dns;

/// <summary>Recorded answers by name; an unknown name is NXDOMAIN. Answers (and errors) may be swapped between calls.</summary>
internal sealed class FakeDnsResolver : IDnsResolver
{
    public Dictionary<string, IReadOnlyList<DnsSrvRecord>> Srv { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, IReadOnlyList<DnsTxtRecord>> Txt { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, every SRV query throws it.</summary>
    public Exception? SrvError { get; set; }

    public List<string> Queries { get; } = [];

    /// <summary>Completed with the query name at each SRV query (tests await it instead of sleeping).</summary>
    public TaskCompletionSource<string> SrvQueried { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<DnsSrvRecord>> ResolveSrvAsync(string name, CancellationToken cancellationToken)
    {
        lock (Queries)
        {
            Queries.Add("SRV " + name);
        }

        var queried = SrvQueried;
        SrvQueried = new(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            if (SrvError is { } error)
            {
                throw error;
            }

            return Task.FromResult(Srv.TryGetValue(name, out var records) ? records : throw NxDomain(name));
        }
        finally
        {
            queried.TrySetResult(name);
        }
    }

    public Task<IReadOnlyList<DnsTxtRecord>> ResolveTxtAsync(string name, CancellationToken cancellationToken)
    {
        lock (Queries)
        {
            Queries.Add("TXT " + name);
        }

        return Task.FromResult(Txt.TryGetValue(name, out var records) ? records : throw NxDomain(name));
    }

    public static DnsSrvRecord Record(string target, ushort port = 27017, int ttlSeconds = 60) =>
        new(0, 0, port, target, TimeSpan.FromSeconds(ttlSeconds));

    public static DnsTxtRecord TxtRecord(params string[] strings) => new(strings, TimeSpan.FromSeconds(60));

    private static DnsException NxDomain(string name) => new($"The DNS name '{name}' does not exist (NXDOMAIN).", DnsResponseCode.NameError);
}

using OpenQuizz.Typed.Configuration;
using OpenQuizz.Typed.Configuration.Dns;
using OpenQuizz.Typed.Tests.Configuration.Dns;
using OpenQuizz.Typed.Tests.Topology;
using static OpenQuizz.Typed.Tests.Configuration.Dns.FakeDnsResolver;

namespace OpenQuizz.Typed.Tests.Configuration;

/// <summary>SRV polling for mongos discovery, with a fake resolver, a fake topology and a manual clock.</summary>
public sealed class SrvPollerTests
{
    private const string QueryName = "_mongodb._tcp.test1.test.build.10gen.cc";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Added_and_removed_hosts_are_applied_and_kept_hosts_left_alone()
    {
        var (poller, resolver, target) = Create(["a:27017", "b:27017"]);
        resolver.Srv[QueryName] = [Record("b.test.build.10gen.cc"), Record("c.test.build.10gen.cc", 27018)];

        var interval = await poller.RescanAsync(Token);

        Assert.Equal(["b.test.build.10gen.cc:27017", "c.test.build.10gen.cc:27018"], target.Hosts.Select(h => h.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(60), interval);
    }

    [Fact]
    public async Task The_interval_follows_the_smallest_TTL_but_never_below_a_minute()
    {
        var (poller, resolver, _) = Create(["a:27017"]);
        resolver.Srv[QueryName] = [Record("a.test.build.10gen.cc", ttlSeconds: 300), Record("b.test.build.10gen.cc", ttlSeconds: 120)];
        Assert.Equal(TimeSpan.FromSeconds(120), await poller.RescanAsync(Token));

        resolver.Srv[QueryName] = [Record("a.test.build.10gen.cc", ttlSeconds: 10)];
        Assert.Equal(TimeSpan.FromSeconds(60), await poller.RescanAsync(Token));
    }

    [Theory]
    [InlineData("nxdomain")]
    [InlineData("dns-error")]
    [InlineData("no-records")]
    [InlineData("only-invalid")]
    public async Task DNS_trouble_keeps_the_topology_and_retries_at_the_heartbeat(string failure)
    {
        var (poller, resolver, target) = Create(["a.test.build.10gen.cc:27017"], "heartbeatFrequencyMS=2000");
        switch (failure)
        {
            case "dns-error":
                resolver.SrvError = new DnsException("timed out");
                break;
            case "no-records":
                resolver.Srv[QueryName] = [];
                break;
            case "only-invalid":
                resolver.Srv[QueryName] = [Record("evil.example.org"), Record("localhost.build.10gen.cc")];
                break;
        }

        var interval = await poller.RescanAsync(Token);

        Assert.Equal(TimeSpan.FromSeconds(2), interval);
        Assert.Equal(0, target.Applied);
        Assert.Equal(["a.test.build.10gen.cc:27017"], target.Hosts.Select(h => h.ToString()));
    }

    [Fact]
    public async Task Invalid_targets_are_dropped_from_an_otherwise_valid_answer()
    {
        var (poller, resolver, target) = Create(["a.test.build.10gen.cc:27017"]);
        resolver.Srv[QueryName] = [Record("a.test.build.10gen.cc"), Record("evil.example.org"), Record("b.test.build.10gen.cc")];

        await poller.RescanAsync(Token);

        Assert.Equal(["a.test.build.10gen.cc:27017", "b.test.build.10gen.cc:27017"], target.Hosts.Select(h => h.ToString()));
    }

    [Theory]
    [InlineData(2, new[] { "a", "b", "c", "d" }, new[] { "a", "x" }, 2)] // a kept, one random new one added
    [InlineData(2, new[] { "a", "b" }, new[] { "a", "b" }, 2)]
    [InlineData(3, new[] { "c", "d" }, new[] { "a", "b" }, 2)] // all replaced: fewer valid hosts than srvMaxHosts
    [InlineData(0, new[] { "a", "b", "c" }, new[] { "a" }, 3)]
    public async Task srvMaxHosts_bounds_the_hosts_added(int maxHosts, string[] returned, string[] current, int expectedCount)
    {
        var (poller, resolver, target) = Create([.. current.Select(h => $"{h}.test.build.10gen.cc:27017")], $"srvMaxHosts={maxHosts}");
        resolver.Srv[QueryName] = [.. returned.Select(h => Record($"{h}.test.build.10gen.cc"))];

        await poller.RescanAsync(Token);

        Assert.Equal(expectedCount, target.Hosts.Count);
        Assert.All(target.Hosts, h => Assert.Contains(h.Host.Split('.')[0], returned));
        foreach (var kept in current.Where(returned.Contains))
        {
            Assert.Contains(target.Hosts, h => h.Host.StartsWith(kept + ".", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Polling_stops_once_the_topology_is_neither_sharded_nor_unknown()
    {
        var (poller, resolver, target) = Create(["a.test.build.10gen.cc:27017"]);
        resolver.Srv[QueryName] = [Record("b.test.build.10gen.cc")];
        target.Active = false;

        Assert.Null(await poller.RescanAsync(Token));
        Assert.Empty(resolver.Queries);
    }

    [Fact]
    public async Task The_loop_waits_for_the_interval_on_the_injected_clock()
    {
        var time = new ManualTimeProvider();
        var (poller, resolver, target) = Create(["a.test.build.10gen.cc:27017"], time: time, firstInterval: TimeSpan.FromSeconds(90));
        resolver.Srv[QueryName] = [Record("b.test.build.10gen.cc", ttlSeconds: 120)];
        await using (poller)
        {
            var firstQuery = resolver.SrvQueried.Task;
            poller.Start();
            await time.WhenAsync(() => time.PendingTimers > 0, "the background loop waits on the clock");

            time.Advance(TimeSpan.FromSeconds(89));
            Assert.False(firstQuery.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(1));
            await firstQuery.WaitAsync(TimeSpan.FromSeconds(10), Token);
            await time.WhenAsync(() => target.Applied == 1 && time.PendingTimers > 0, "the poller applied the hosts and waits again");
            Assert.Equal(["b.test.build.10gen.cc:27017"], target.Hosts.Select(h => h.ToString()));

            // The next wait is the TTL, counted from the end of the scan.
            var secondQuery = resolver.SrvQueried.Task;
            time.Advance(TimeSpan.FromSeconds(119));
            Assert.False(secondQuery.IsCompleted);
            target.Active = false;
            time.Advance(TimeSpan.FromSeconds(1));
            await poller.Completion.WaitAsync(TimeSpan.FromSeconds(10), Token);
            Assert.False(secondQuery.IsCompleted);
        }
    }

    [Fact]
    public async Task Dispose_stops_a_waiting_loop()
    {
        var time = new ManualTimeProvider();
        var (poller, _, _) = Create(["a.test.build.10gen.cc:27017"], time: time);
        poller.Start();
        await time.WhenAsync(() => time.PendingTimers > 0, "the background loop waits on the clock");

        await poller.DisposeAsync();

        Assert.True(poller.Completion.IsCompleted);
    }

    [Fact]
    public void Only_SRV_settings_can_be_polled()
    {
        Assert.Throws<ArgumentException>(() =>
            new SrvPoller(MongoClientSettings.FromConnectionString("mongodb://a/"), new FakeDnsResolver(), new FakeTarget([])));
    }

    private static (SrvPoller Poller, FakeDnsResolver Resolver, FakeTarget Target) Create(
        string[] current, string options = "", ManualTimeProvider? time = null, TimeSpan? firstInterval = null)
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb+srv://test1.test.build.10gen.cc/?" + options);
        var resolver = new FakeDnsResolver();
        var target = new FakeTarget([.. current.Select(MongoServerAddress.Parse)]);
        return (new SrvPoller(settings, resolver, target, firstInterval, time ?? new ManualTimeProvider(), new Random(7)), resolver, target);
    }

    private sealed class FakeTarget(IReadOnlyList<MongoServerAddress> hosts) : ISrvPollingTarget
    {
        public volatile bool Active = true;

        public IReadOnlyList<MongoServerAddress> Hosts { get; private set; } = hosts;

        public int Applied { get; private set; }

        public bool IsSrvPollingActive => Active;

        public IReadOnlyList<MongoServerAddress> CurrentHosts => Hosts;

        public void ApplySrvHosts(IReadOnlyList<MongoServerAddress> hosts)
        {
            Hosts = hosts;
            Applied++;
        }
    }
}

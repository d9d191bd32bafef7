using OpenQuizz.Typed.Configuration;
using OpenQuizz.Typed.Configuration.Dns;
using OpenQuizz.Typed.Tests.Configuration.Dns;
using static OpenQuizz.Typed.Tests.Configuration.Dns.FakeDnsResolver;

namespace OpenQuizz.Typed.Tests.Configuration;

/// <summary>
/// Initial DNS seedlist discovery. The spec's own vectors need live DNS, so their rules are encoded here as tables over
/// recorded answers: parent-domain checks, TXT rules, srvMaxHosts and the errors.
/// </summary>
public sealed class SrvResolutionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, bool> ParentDomainCases => new()
    {
        // three or more labels: targets share everything after the first label
        { "cluster0.example.com", "a.example.com", true },
        { "cluster0.example.com", "a.b.example.com", true },
        { "cluster0.example.com", "A.EXAMPLE.COM.", true },
        { "cluster0.example.com", "example.com", false },
        { "cluster0.example.com", "a.evil-example.com", false },
        { "cluster0.example.com", "a.example.com.evil.org", false },
        { "test1.test.build.10gen.cc", "localhost.test.build.10gen.cc", true },
        { "test1.test.build.10gen.cc", "localhost.build.10gen.cc", false },
        // one or two labels: targets end with the whole host and have at least one more label
        { "mongodb.local", "node.mongodb.local", true },
        { "mongodb.local", "mongodb.local", false },
        { "mongodb.local", "other.local", false },
        { "localhost", "test.localhost", true },
        { "localhost", "localhost", false },
        { "localhost", "evillocalhost", false },
    };

    [Theory]
    [MemberData(nameof(ParentDomainCases))]
    public void Targets_must_share_the_parent_domain(string srvHost, string target, bool valid)
    {
        Assert.Equal(valid, SrvSeedList.IsValidTarget(srvHost, target));
    }

    [Theory]
    [InlineData("mongodb+srv://test1.test.build.10gen.cc/", "_mongodb._tcp.test1.test.build.10gen.cc")]
    [InlineData("mongodb+srv://test1.test.build.10gen.cc/?srvServiceName=customname", "_customname._tcp.test1.test.build.10gen.cc")]
    public async Task The_query_name_uses_the_service_name(string uri, string queryName)
    {
        var resolver = new FakeDnsResolver();
        resolver.Srv[queryName] = [Record("localhost.test.build.10gen.cc")];

        await SrvResolution.ResolveAsync(MongoClientSettings.FromConnectionString(uri), resolver, Token);

        Assert.Contains("SRV " + queryName, resolver.Queries);
        Assert.Contains("TXT test1.test.build.10gen.cc", resolver.Queries);
    }

    [Fact]
    public async Task Resolved_settings_list_the_targets_with_TLS_on()
    {
        var resolver = Resolver(["localhost.test.build.10gen.cc:27017", "localhost.test.build.10gen.cc:27018"]);

        var resolved = await SrvResolution.ResolveAsync(MongoClientSettings.FromConnectionString("mongodb+srv://test1.test.build.10gen.cc/?appname=quizz"), resolver, Token);

        Assert.Equal(ConnectionStringScheme.MongoDB, resolved.Scheme);
        Assert.Equal(["localhost.test.build.10gen.cc:27017", "localhost.test.build.10gen.cc:27018"], resolved.Hosts.Select(h => h.ToString()));
        Assert.True(resolved.Tls);
        Assert.Equal("quizz", resolved.ApplicationName);
        Assert.Null(resolved.SrvServiceName);
        Assert.NotNull(Typed.Connections.ConnectionSettingsFactory.Create(resolved).Tls);
    }

    [Fact]
    public async Task tls_false_in_the_string_stays_off()
    {
        var resolved = await SrvResolution.ResolveAsync(
            MongoClientSettings.FromConnectionString("mongodb+srv://test1.test.build.10gen.cc/?tls=false"), Resolver(["a.test.build.10gen.cc:27017"]), Token);

        Assert.False(resolved.Tls);
    }

    [Fact]
    public async Task Settings_that_are_not_SRV_pass_through_untouched()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://a,b/");
        var resolver = new FakeDnsResolver();

        Assert.Same(settings, await SrvResolution.ResolveAsync(settings, resolver, Token));
        Assert.Empty(resolver.Queries);
    }

    public static TheoryData<string, string?, string?, bool> TxtCases => new()
    {
        // uri options, TXT record (null: none), expected replicaSet and loadBalanced
        { "", "replicaSet=repl0&authSource=thisDB", "repl0", false },
        { "?replicaSet=uri0", "replicaSet=repl0", "uri0", false },
        { "", "loadBalanced=true", null, true },
        { "?loadBalanced=false", "loadBalanced=true", null, false },
        { "", "", null, false },
        { "", null, null, false },
    };

    [Theory]
    [MemberData(nameof(TxtCases))]
    public async Task TXT_options_apply_unless_the_string_gives_them(string query, string? txt, string? replicaSet, bool loadBalanced)
    {
        var resolver = Resolver(["localhost.test.build.10gen.cc:27017"], txt);

        var resolved = await SrvResolution.ResolveAsync(MongoClientSettings.FromConnectionString("mongodb+srv://test1.test.build.10gen.cc/" + query), resolver, Token);

        Assert.Equal(replicaSet, resolved.ReplicaSetName);
        Assert.Equal(loadBalanced, resolved.LoadBalanced);
    }

    [Theory]
    [InlineData("mongodb+srv://user:pw@test1.test.build.10gen.cc/", "thisDB")]
    [InlineData("mongodb+srv://user:pw@test1.test.build.10gen.cc/?authSource=uriDB", "uriDB")]
    [InlineData("mongodb+srv://user:pw@test1.test.build.10gen.cc/dbname", "thisDB")]
    public async Task A_TXT_authSource_gives_way_to_the_string(string uri, string source)
    {
        var resolved = await SrvResolution.ResolveAsync(
            MongoClientSettings.FromConnectionString(uri), Resolver(["localhost.test.build.10gen.cc:27017"], "authSource=thisDB"), Token);

        Assert.Equal(source, resolved.Credential!.Source);
        Assert.Equal("user", resolved.Credential.Username);
    }

    [Fact]
    public async Task Options_set_in_code_override_the_TXT_record()
    {
        var settings = new MongoClientSettings
        {
            Scheme = ConnectionStringScheme.MongoDBPlusSrv,
            Hosts = [new MongoServerAddress("test1.test.build.10gen.cc")],
            ReplicaSetName = "code",
            Credential = MongoCredential.CreateCredential("u", "p", "codeDB"),
        };

        var resolved = await SrvResolution.ResolveAsync(settings, Resolver(["a.test.build.10gen.cc:27017"], "replicaSet=txt&authSource=txtDB"), Token);

        Assert.Equal("code", resolved.ReplicaSetName);
        Assert.Equal("codeDB", resolved.Credential!.Source);
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData(0, 3)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(5, 3)]
    public async Task srvMaxHosts_limits_the_seed_list(int? maxHosts, int expected)
    {
        var all = new[] { "a.test.build.10gen.cc:27017", "b.test.build.10gen.cc:27017", "c.test.build.10gen.cc:27017" };
        var uri = "mongodb+srv://test1.test.build.10gen.cc/" + (maxHosts is { } max ? $"?srvMaxHosts={max}" : "");

        var resolved = await SrvResolution.ResolveAsync(MongoClientSettings.FromConnectionString(uri), Resolver(all), Token);

        Assert.Equal(expected, resolved.Hosts.Count);
        Assert.Subset(all.ToHashSet(), resolved.Hosts.Select(h => h.ToString()).ToHashSet());
        Assert.Null(resolved.SrvMaxHosts);
    }

    [Fact]
    public void The_random_selection_is_a_uniform_Fisher_Yates_choice()
    {
        var random = new Random(42);
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 3000; i++)
        {
            foreach (var item in SrvSeedList.SelectRandom(["a", "b", "c"], 1, random))
            {
                counts[item] = counts.GetValueOrDefault(item) + 1;
            }
        }

        Assert.All(counts.Values, n => Assert.InRange(n, 850, 1150));
    }

    [Fact]
    public void The_rescan_interval_is_the_smallest_TTL_but_at_least_a_minute()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), SrvSeedList.RescanInterval([Record("a", ttlSeconds: 300), Record("b", ttlSeconds: 90)]));
        Assert.Equal(TimeSpan.FromSeconds(60), SrvSeedList.RescanInterval([Record("a", ttlSeconds: 5)]));
        Assert.Equal(TimeSpan.FromSeconds(60), SrvSeedList.RescanInterval([]));
    }

    public static TheoryData<string, string[]?, string[]?, string> ErrorCases => new()
    {
        // uri, SRV targets (null = NXDOMAIN), TXT records (null = none), part of the message
        { "mongodb+srv://test1.test.build.10gen.cc/", null, null, "_mongodb._tcp.test1.test.build.10gen.cc" },
        { "mongodb+srv://test1.test.build.10gen.cc/", [], null, "returned no records" },
        { "mongodb+srv://test1.test.build.10gen.cc/", ["localhost.test.build.10gen.cc:27017", "evil.example.org:27017"], null, "evil.example.org" },
        { "mongodb+srv://test1.test.build.10gen.cc/", ["localhost.build.10gen.cc:27017"], null, "parent domain" },
        { "mongodb+srv://mongodb.local/", ["mongodb.local:27017"], null, "mongodb.local" },
        { "mongodb+srv://test1.test.build.10gen.cc/", ["a.test.build.10gen.cc:27017"], ["replicaSet=a", "authSource=b"], "2 TXT records" },
        { "mongodb+srv://test1.test.build.10gen.cc/", ["a.test.build.10gen.cc:27017"], ["ssl=false"], "only authSource, replicaSet and loadBalanced" },
        { "mongodb+srv://test1.test.build.10gen.cc/", ["a.test.build.10gen.cc:27017"], ["connectTimeoutMS=300000"], "connectTimeoutMS" },
        { "mongodb+srv://test1.test.build.10gen.cc/", ["a.test.build.10gen.cc:27017"], ["notAnOption=1"], "TXT record" },
        { "mongodb+srv://test1.test.build.10gen.cc/", ["a.test.build.10gen.cc:27017"], ["loadBalanced=maybe"], "TXT record" },
        { "mongodb+srv://test1.test.build.10gen.cc/?srvMaxHosts=1", ["a.test.build.10gen.cc:27017"], ["replicaSet=repl0"], "srvMaxHosts" },
        { "mongodb+srv://test1.test.build.10gen.cc/?srvMaxHosts=1", ["a.test.build.10gen.cc:27017"], ["loadBalanced=true"], "srvMaxHosts" },
        { "mongodb+srv://test1.test.build.10gen.cc/", ["a.test.build.10gen.cc:27017", "b.test.build.10gen.cc:27017"], ["loadBalanced=true"], "exactly one host" },
        { "mongodb+srv://test1.test.build.10gen.cc/?directConnection=false", ["a.test.build.10gen.cc:0"], null, "not a usable host" },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public async Task Discovery_errors_are_configuration_errors(string uri, string[]? targets, string[]? txtRecords, string message)
    {
        var resolver = new FakeDnsResolver();
        var host = MongoClientSettings.FromConnectionString(uri).Hosts[0].Host;
        if (targets is not null)
        {
            resolver.Srv[SrvSeedList.QueryName(host, null)] = [.. targets.Select(t => Record(t.Split(':')[0], ushort.Parse(t.Split(':')[1])))];
        }

        if (txtRecords is not null)
        {
            resolver.Txt[host] = [.. txtRecords.Select(t => TxtRecord(t))];
        }

        var error = await Assert.ThrowsAsync<MongoConfigurationException>(() => SrvResolution.ResolveAsync(MongoClientSettings.FromConnectionString(uri), resolver, Token));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_DNS_failure_keeps_its_cause()
    {
        var resolver = new FakeDnsResolver { SrvError = new DnsException("every name server timed out") };

        var error = await Assert.ThrowsAsync<MongoConfigurationException>(() =>
            SrvResolution.ResolveAsync(MongoClientSettings.FromConnectionString("mongodb+srv://test1.test.build.10gen.cc/"), resolver, Token));

        Assert.IsType<DnsException>(error.InnerException);
        Assert.Contains("every name server timed out", error.Message);
    }

    [Fact]
    public async Task A_TXT_record_split_into_strings_is_joined()
    {
        var resolver = Resolver(["a.test.build.10gen.cc:27017"]);
        resolver.Txt["test1.test.build.10gen.cc"] = [TxtRecord("replicaSet=re", "pl0&authSo", "urce=x")];

        var resolved = await SrvResolution.ResolveAsync(MongoClientSettings.FromConnectionString("mongodb+srv://test1.test.build.10gen.cc/"), resolver, Token);

        Assert.Equal("repl0", resolved.ReplicaSetName);
    }

    private static FakeDnsResolver Resolver(string[] targets, string? txt = null)
    {
        var resolver = new FakeDnsResolver();
        resolver.Srv["_mongodb._tcp.test1.test.build.10gen.cc"] = [.. targets.Select(t => Record(t.Split(':')[0], ushort.Parse(t.Split(':')[1])))];
        if (txt is not null)
        {
            resolver.Txt["test1.test.build.10gen.cc"] = [TxtRecord(txt)];
        }

        return resolver;
    }
}

using ParsedConnectionString = OpenQuizz.Typed.Configuration.ConnectionString;

namespace OpenQuizz.Typed.Conformance.ConnectionString;

/// <summary>Behaviour of the connection-string parser and <see cref="MongoClientSettings"/> beyond the spec vectors.</summary>
[Trait("Suite", "client-settings")]
public sealed class ClientSettingsTests
{
    private const string Secret = "S3cr3t-Pa55";

    [Theory]
    [InlineData("mongodb://alice:" + Secret + "@localhost/db")]
    [InlineData("mongodb://alice:" + Secret + "@localhost/db?authMechanism=SCRAM-SHA-256&tlsCertificateKeyFilePassword=" + Secret)]
    [InlineData("mongodb://localhost/?proxyHost=p&proxyUsername=u&proxyPassword=" + Secret)]
    [InlineData("mongodb://a:" + Secret + "@localhost/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:" + Secret)]
    public void No_string_form_shows_a_secret(string uri)
    {
        var settings = MongoClientSettings.FromConnectionString(uri);
        Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, settings.Credential?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ParsedConnectionString.Parse(uri).ToString(), StringComparison.Ordinal);
        Assert.All(settings.ParseWarnings, w => Assert.DoesNotContain(Secret, w, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mongodb://alice:" + Secret + "@@localhost")]
    [InlineData("mongodb://alice:" + Secret + ":x@localhost")]
    [InlineData("mongodb://alice:" + Secret + "%zz@localhost")]
    [InlineData("mongodb://alice:" + Secret + "/x@localhost/db")]
    [InlineData("mongodb://alice:" + Secret + "/x@localhost")]
    [InlineData("mongodb://alice:" + Secret + "@localhost/?authMechanism=MONGODB-X509")]
    [InlineData("mongodb://alice:" + Secret + "@localhost/?authMechanism=MONGODB-OIDC&authMechanismProperties=ENVIRONMENT:test")]
    [InlineData("mongodb://localhost/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:" + Secret)]
    [InlineData("mongodb://localhost/?tlsCertificateKeyFilePassword=" + Secret + "&tlsInsecure=true&tlsAllowInvalidCertificates=true")]
    [InlineData("mongodb://localhost/?w=1&" + Secret)]
    public void No_error_shows_a_secret(string uri)
    {
        var error = Assert.Throws<MongoConfigurationException>(() =>
        {
            var settings = MongoClientSettings.FromConnectionString(uri);
            settings.Validate();
        });
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_secret_options_are_ignored_without_echoing_them()
    {
        var settings = MongoClientSettings.FromConnectionString(
            "mongodb://localhost/?authMechanismProperties=AWS_SESSION_TOKEN=" + Secret);
        var warning = Assert.Single(settings.ParseWarnings);
        Assert.Contains("authMechanismProperties", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_equality_uses_the_password_but_its_hash_does_not()
    {
        var a = MongoCredential.CreateScramSha256("alice", "one");
        var b = MongoCredential.CreateScramSha256("alice", "two");
        Assert.NotEqual(a, b);
        Assert.Equal(a, MongoCredential.CreateScramSha256("alice", "one"));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Option_names_are_case_insensitive_and_values_keep_their_case()
    {
        var settings = MongoClientSettings.FromConnectionString(
            "mongodb://h1,h2/?REPLICASET=Rs0&ReadPreference=SECONDARY&readpreferencetags=DC:NY&W=Majority&MAXPOOLSIZE=7");
        Assert.Empty(settings.ParseWarnings);
        Assert.Equal("Rs0", settings.ReplicaSetName);
        Assert.Equal(ReadPreferenceMode.Secondary, settings.ReadPreference.Mode);
        Assert.Equal(new TagSet(new Tag("DC", "NY")), Assert.Single(settings.ReadPreference.TagSets));
        Assert.Equal("Majority", settings.WriteConcern.W?.Mode);
        Assert.Equal(7, settings.MaxPoolSize);
    }

    [Fact]
    public void Repeated_options_keep_the_last_valid_value_with_a_warning_but_tag_sets_accumulate()
    {
        var settings = MongoClientSettings.FromConnectionString(
            "mongodb://h/?maxPoolSize=5&maxPoolSize=9&maxPoolSize=bad&readPreference=nearest&readPreferenceTags=a:1&readPreferenceTags=&readPreferenceTags=b:2");
        Assert.Equal(9, settings.MaxPoolSize);
        Assert.Equal(3, settings.ParseWarnings.Count); // two repeats, one invalid value
        Assert.All(settings.ParseWarnings, w => Assert.Contains("maxPoolSize", w, StringComparison.Ordinal));
        Assert.Equal([new TagSet(new Tag("a", "1")), TagSet.Empty, new TagSet(new Tag("b", "2"))], settings.ReadPreference.TagSets);
    }

    [Fact]
    public void Deprecated_wtimeout_is_used_alone_and_ignored_beside_wTimeoutMS()
    {
        var alone = MongoClientSettings.FromConnectionString("mongodb://h/?wtimeout=5");
        Assert.Equal(TimeSpan.FromMilliseconds(5), alone.WriteConcern.WTimeout);
        Assert.Contains(alone.ParseWarnings, w => w.Contains("deprecated", StringComparison.Ordinal));

        var both = MongoClientSettings.FromConnectionString("mongodb://h/?wtimeout=5&wTimeoutMS=10");
        Assert.Equal(TimeSpan.FromMilliseconds(10), both.WriteConcern.WTimeout);
    }

    [Fact]
    public void User_information_and_database_are_percent_decoded_and_plus_is_kept()
    {
        var parsed = ParsedConnectionString.Parse("mongodb://us%3Aer:p%40ss+w%C3%B6rd@[::1]:27018/caf%C3%A9?appname=x");
        Assert.Equal("us:er", parsed.Username);
        Assert.Equal("p@ss+wörd", parsed.Password);
        Assert.Equal("café", parsed.Database);
        var host = Assert.Single(parsed.Hosts);
        Assert.Equal(MongoServerAddressKind.IPv6, host.Kind);
        Assert.Equal(27018, host.Port);
    }

    [Fact]
    public void Srv_strings_imply_tls_keep_the_host_and_expose_the_dns_seam()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb+srv://cluster0.example.net/?srvServiceName=custom");
        Assert.True(settings.IsTlsEnabled);
        Assert.Equal(ConnectionStringScheme.MongoDBPlusSrv, settings.Scheme);
        Assert.Equal("cluster0.example.net", Assert.Single(settings.Hosts).Host);
        Assert.False(MongoClientSettings.FromConnectionString("mongodb+srv://cluster0.example.net/?tls=false").IsTlsEnabled);

        var parsed = ParsedConnectionString.Parse("mongodb+srv://cluster0.example.net/db?authSource=fromUri");
        Assert.Equal("_mongodb._tcp.cluster0.example.net", parsed.SrvQueryName);
        Assert.True(parsed.IsValidSrvTarget("shard-00.example.net"));
        Assert.False(parsed.IsValidSrvTarget("evil.com"));
        Assert.False(parsed.IsValidSrvTarget("example.net"));

        var resolved = parsed.WithSrvResolution(
            [new MongoServerAddress("shard-00.example.net", 27017), new MongoServerAddress("shard-01.example.net", 27017)],
            "replicaSet=rs0&authSource=fromTxt");
        Assert.Equal(2, resolved.ResolvedHosts?.Count);
        Assert.Equal("cluster0.example.net", resolved.SrvHost);
        Assert.Equal("rs0", resolved.Values.ReplicaSet);
        Assert.Equal("fromUri", resolved.Values.AuthSource);
        Assert.Throws<MongoConfigurationException>(() => parsed.WithSrvResolution([new MongoServerAddress("a.example.net")], "w=2"));
        Assert.Throws<MongoConfigurationException>(() => parsed.WithSrvResolution(
            [new MongoServerAddress("a.example.net"), new MongoServerAddress("b.example.net")], "loadBalanced=true"));
    }

    [Fact]
    public void Short_srv_hosts_need_targets_one_label_deeper()
    {
        var parsed = ParsedConnectionString.Parse("mongodb+srv://localhost");
        Assert.True(parsed.IsValidSrvTarget("node1.localhost"));
        Assert.False(parsed.IsValidSrvTarget("localhost"));
    }

    [Fact]
    public void Clone_and_equality_are_by_value_and_ignore_warnings()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://u:p@h1,h2/?replicaSet=rs&compressors=zstd,zlib&zlibCompressionLevel=4&unknown=1");
        var clone = settings.Clone();
        Assert.Equal(settings, clone);
        Assert.NotSame(settings, clone);
        clone.ParseWarnings = [];
        Assert.Equal(settings, clone);
        clone.MaxPoolSize = 3;
        Assert.NotEqual(settings, clone);
        Assert.Equal(100, settings.MaxPoolSize);
        Assert.Equal("zstd,zlib(4)", string.Join(',', settings.Compressors));
    }

    [Fact]
    public void Validate_rejects_invalid_programmatic_combinations()
    {
        MongoConfigurationException Fails(Action<MongoClientSettings> change)
        {
            var settings = new MongoClientSettings();
            change(settings);
            return Assert.Throws<MongoConfigurationException>(settings.Validate);
        }

        new MongoClientSettings().Validate();
        Assert.Contains("DirectConnection", Fails(s => { s.Hosts = [new("a"), new("b")]; s.DirectConnection = true; }).Message, StringComparison.Ordinal);
        Assert.Contains("LoadBalanced", Fails(s => { s.LoadBalanced = true; s.ReplicaSetName = "rs"; }).Message, StringComparison.Ordinal);
        Assert.Contains("TlsInsecure", Fails(s => { s.TlsInsecure = true; s.TlsAllowInvalidHostnames = false; }).Message, StringComparison.Ordinal);
        Assert.Contains("HeartbeatFrequency", Fails(s => s.HeartbeatFrequency = TimeSpan.FromMilliseconds(10)).Message, StringComparison.Ordinal);
        Assert.Contains("MinPoolSize", Fails(s => { s.MaxPoolSize = 2; s.MinPoolSize = 3; }).Message, StringComparison.Ordinal);
        Assert.Contains("SrvMaxHosts", Fails(s => s.SrvMaxHosts = 2).Message, StringComparison.Ordinal);
        Assert.Contains("ProxyPort", Fails(s => s.ProxyPort = 1080).Message, StringComparison.Ordinal);
        Assert.Contains("requires a password", Fails(s => s.Credential = new MongoCredential(null, "alice")).Message, StringComparison.Ordinal);
        Assert.Contains("ENVIRONMENT", Fails(s => s.Credential = new MongoCredential(AuthMechanism.MongoDbOidc, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oidc_credentials_from_a_string_may_be_completed_in_code()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://localhost/?authMechanism=MONGODB-OIDC");
        Assert.Throws<MongoConfigurationException>(settings.Validate);
        settings.Credential = settings.Credential!.WithMechanismProperty(AuthMechanism.Properties.OidcCallback, new object());
        settings.Validate();
    }

    [Theory]
    [InlineData("mongodb://h/?readPreferenceTags=dc:ny", "readPreferenceTags")]
    [InlineData("mongodb://h/?maxStalenessSeconds=120", "maxStalenessSeconds")]
    [InlineData("mongodb://h/?readPreference=primary&maxStalenessSeconds=120", "maxStalenessSeconds")]
    [InlineData("mongodb://h/?w=0&journal=true", "journal")]
    [InlineData("mongodb://h/?minPoolSize=5&maxPoolSize=2", "minPoolSize")]
    [InlineData("mongodb://h/?proxyUsername=u&proxyPassword=p", "proxyUsername")]
    [InlineData("mongodb://h/?authMechanism=FOO", "FOO")]
    [InlineData("mongodb+srv://h.example.com/?directConnection=true", "directConnection")]
    public void Invalid_combinations_name_the_option(string uri, string option)
    {
        var error = Assert.Throws<MongoConfigurationException>(() => MongoClientSettings.FromConnectionString(uri));
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_follow_the_specs()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://localhost");
        Assert.Equal(new MongoClientSettings(), settings);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ServerSelectionTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(15), settings.LocalThreshold);
        Assert.Equal(100, settings.MaxPoolSize);
        Assert.Equal(2, settings.MaxConnecting);
        Assert.True(settings.RetryReads && settings.RetryWrites);
        Assert.Same(ReadPreference.Primary, settings.ReadPreference);
        Assert.True(settings.WriteConcern.IsServerDefault && settings.ReadConcern.IsServerDefault);
        Assert.Null(settings.Credential);
        Assert.False(settings.IsTlsEnabled);
    }

    [Fact]
    public void Zero_timeouts_mean_no_limit()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://h/?connectTimeoutMS=0&socketTimeoutMS=0&timeoutMS=0&maxIdleTimeMS=0");
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.ConnectTimeout);
        Assert.Null(settings.SocketTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.Timeout);
        Assert.Null(settings.MaxIdleTime);
    }
}

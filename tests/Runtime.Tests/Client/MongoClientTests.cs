using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Embedded;
using OpenQuizz.Typed.Tests.Infrastructure;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Tests.Client;

/// <summary>The client's members against a live server (embedded, or OPENQUIZZ_MONGODB_URI), both ways where they wait.</summary>
public sealed class MongoClientTests(TestServerFixture server) : IClassFixture<TestServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Topology_members_wait_for_discovery(SyncOrAsync mode)
    {
        using var client = new MongoClient(server.CreateSettings());
        var async = mode == SyncOrAsync.Async;

        var address = async ? await client.AddressAsync(Token) : await Task.Run(() => client.Address, Token);
        var isPrimary = async ? await client.IsPrimaryAsync(Token) : client.IsPrimary;
        var isMongos = async ? await client.IsMongosAsync(Token) : client.IsMongos;
        var maxBson = async ? await client.MaxBsonSizeAsync(Token) : client.MaxBsonSize;
        var maxMessage = async ? await client.MaxMessageSizeAsync(Token) : client.MaxMessageSize;
        var maxBatch = async ? await client.MaxWriteBatchSizeAsync(Token) : client.MaxWriteBatchSize;

        Assert.NotNull(address);
        Assert.True(isPrimary);
        Assert.Equal(16 * 1024 * 1024, maxBson);
        Assert.Equal(48_000_000, maxMessage);
        Assert.Equal(100_000, maxBatch);
        Assert.Contains(address, client.Nodes);
        if (server.IsEmbedded)
        {
            Assert.False(isMongos);
            Assert.Equal(server.Embedded!.EndPoint.Port, address.Port);
            Assert.Null(client.Primary);
            Assert.Empty(client.Secondaries);
            Assert.Empty(client.Arbiters);
            Assert.Equal(TopologyType.Single, client.TopologyDescription.Type);
        }
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task An_unreachable_server_times_out_with_the_topology(SyncOrAsync mode)
    {
        // Nothing listens on port 1 of the loopback interface.
        using var client = new MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300");
        var error = mode == SyncOrAsync.Async
            ? await Assert.ThrowsAsync<ServerSelectionTimeoutException>(async () => await client.AddressAsync(Token))
            : Assert.Throws<ServerSelectionTimeoutException>(() => client.MaxBsonSize);
        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.Contains("Type: Unknown", error.TopologyDescription);
    }

    [Fact]
    public void Settings_are_a_copy()
    {
        var settings = server.CreateSettings(s => s.MaxPoolSize = 7);
        using var client = new MongoClient(settings);
        settings.MaxPoolSize = 8;
        client.Settings.MaxPoolSize = 9;

        Assert.Equal(7, client.MaxPoolSize);
        Assert.Equal(7, client.Settings.MaxPoolSize);
    }

    [Fact]
    public void Exposes_the_settings_of_the_table()
    {
        using var client = new MongoClient("mongodb://127.0.0.1:1/?maxPoolSize=5&minPoolSize=1&maxIdleTimeMS=2000&localThresholdMS=30&serverSelectionTimeoutMS=400"
            + "&retryWrites=false&retryReads=false&readPreference=secondaryPreferred&w=majority&readConcernLevel=majority&uuidRepresentation=csharpLegacy");

        Assert.Equal(5, client.MaxPoolSize);
        Assert.Equal(1, client.MinPoolSize);
        Assert.Equal(TimeSpan.FromSeconds(2), client.MaxIdleTime);
        Assert.Equal(TimeSpan.FromMilliseconds(30), client.LocalThreshold);
        Assert.Equal(TimeSpan.FromMilliseconds(400), client.ServerSelectionTimeout);
        Assert.False(client.RetryWrites);
        Assert.False(client.RetryReads);
        Assert.Equal(ReadPreferenceMode.SecondaryPreferred, client.ReadPreference.Mode);
        Assert.Equal(WriteConcern.WMajority, client.WriteConcern);
        Assert.Equal(ReadConcernLevel.Majority, client.ReadConcern.Level);
        Assert.Equal(GuidRepresentation.CSharpLegacy, client.CodecOptions.GuidRepresentation);
        Assert.Equal("localhost", MongoClient.DefaultHost);
        Assert.Equal(27017, MongoClient.DefaultPort);
    }

    [Fact]
    public void Equality_is_by_seeds_and_options()
    {
        using var a = new MongoClient("mongodb://127.0.0.1:1/?appname=x&serverSelectionTimeoutMS=100");
        using var b = new MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100&appname=x");
        using var c = new MongoClient("mongodb://127.0.0.1:2/?appname=x&serverSelectionTimeoutMS=100");
        using var d = new MongoClient("mongodb://127.0.0.1:1/?appname=y&serverSelectionTimeoutMS=100");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, d);
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void The_default_client_targets_localhost()
    {
        using var client = new MongoClient();
        Assert.Equal([new MongoServerAddress(MongoClient.DefaultHost, MongoClient.DefaultPort)], client.Settings.Hosts);
    }

    [Fact]
    public void ToString_shows_the_topology_but_never_the_password()
    {
        using var client = new MongoClient("mongodb://user:secret@127.0.0.1:1/?serverSelectionTimeoutMS=100&tlsCertificateKeyFilePassword=keysecret&tls=true&tlsCertificateKeyFile=/nonexistent.pem");
        var text = client.ToString();

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", text);
        Assert.Contains("Type:", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a.b")]
    [InlineData("a$b")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a\"b")]
    [InlineData("a*b")]
    [InlineData("a<b")]
    [InlineData("a>b")]
    [InlineData("a:b")]
    [InlineData("a|b")]
    [InlineData("a?b")]
    [InlineData("a\0b")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public void Invalid_database_names_throw(string name)
    {
        using var client = new MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100");
        Assert.Throws<InvalidNameException>(() => client.GetDatabase(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("a$b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a\0b")]
    public void Invalid_collection_names_throw(string name)
    {
        using var client = new MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100");
        Assert.Throws<InvalidNameException>(() => client.GetDatabase("quizz").GetCollection(name, BsonValueCodec.Instance));
    }

    [Fact]
    public void Valid_names_give_thin_accessors()
    {
        using var client = new MongoClient("mongodb://127.0.0.1:1/quizz?serverSelectionTimeoutMS=100");
        var database = client["openquizz"];
        var collection = database.GetCollection("quizzes.v2", BsonValueCodec.Instance);
        IMongoClient abstraction = client;

        Assert.Equal("openquizz", database.Name);
        Assert.Same(client, database.Client);
        Assert.Equal("quizzes.v2", collection.Name);
        Assert.Same(database, collection.Database);
        Assert.Same(BsonValueCodec.Instance, collection.Codec);
        Assert.Equal("openquizz.quizzes.v2", collection.FullName);
        Assert.Equal("openquizz", abstraction.GetDatabase("openquizz").Name);
        Assert.Equal("quizz", client.GetDefaultDatabase().Name);
        Assert.NotNull(database.GetCollection("$cmd", BsonValueCodec.Instance));
        Assert.Throws<InvalidNameException>(() => database.GetCollection(new string('x', 250), BsonValueCodec.Instance));
    }

    [Fact]
    public async Task Logs_the_sdam_and_server_selection_messages_of_the_spec()
    {
        var logs = new ListLoggerFactory();
        var client = new MongoClient(server.CreateSettings(), new ClusterDiagnostics(LoggerFactory: logs));
        Assert.True(await client.IsPrimaryAsync(Token));
        await logs.WhenLoggedAsync("Server heartbeat succeeded").Within("a heartbeat is logged");
        await client.DisposeAsync();

        var text = logs.AllText;
        foreach (var message in new[]
        {
            "Starting topology monitoring", "Starting server monitoring", "Topology description changed", "Server heartbeat started",
            "Server selection started", "Server selection succeeded", "Stopped server monitoring", "Stopped topology monitoring",
        })
        {
            Assert.Contains(message, text, StringComparison.Ordinal);
        }

        Assert.Contains("Debug OpenQuizz.Typed.ServerSelection", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_event_subscribers_receive_the_events()
    {
        var sdam = new SdamRecorder();
        var pool = new PoolRecorder();
        await using var client = new MongoClient(server.CreateSettings(s =>
        {
            s.SdamEventSubscriber = sdam;
            s.ConnectionPoolEventSubscriber = pool;
        }));

        Assert.True(await client.IsPrimaryAsync(Token));

        await sdam.Recorder.WaitForAsync<Typed.Topology.Events.ServerHeartbeatSucceededEvent>();
        await pool.Recorder.WaitForAsync<Typed.Pooling.Events.ConnectionPoolReadyEvent>();
    }

    [Fact]
    public async Task Dispose_closes_every_socket()
    {
        var embedded = server.RequireEmbedded();

        // Tests of this class run one at a time; the clients of earlier ones close their sockets in the background.
        await embedded.WhenConnectionCountAsync(count => count == 0).Within("earlier tests' connections are closed");
        const int before = 0;
        var client = new MongoClient(server.CreateSettings(s =>
        {
            s.MinPoolSize = 2;
            s.HeartbeatFrequency = TimeSpan.FromMilliseconds(500);
        }));
        Assert.True(await client.IsPrimaryAsync(Token));
        await embedded.WhenConnectionCountAsync(count => count >= before + 3).Within("the monitor, RTT and pool connections are open");

        await client.DisposeAsync();

        await embedded.WhenConnectionCountAsync(count => count == before).Within("every connection of the client is closed");
        Assert.Throws<ObjectDisposedException>(() => client.IsPrimary);
        client.Close();
    }
}

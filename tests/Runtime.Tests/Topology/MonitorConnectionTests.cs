using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Tests.Infrastructure;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Tests.Topology;

/// <summary>The adapter between monitors and <see cref="MongoConnection"/>: plain and awaitable hellos, streamed replies, timeouts.</summary>
public sealed class MonitorConnectionTests
{
    private const uint MoreToComeFlag = 1 << 1;
    private const uint ExhaustAllowedFlag = 1 << 16;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly TopologyVersion Version = new(ObjectId.GenerateNewId(), 4);

    [Fact]
    public async Task Sends_the_awaitable_hello_and_reads_the_streamed_replies()
    {
        var server = new StreamingServer();
        using var connection = await OpenAsync(server);
        Assert.True(connection.HandshakeReply.Contains("topologyVersion"));

        var first = await connection.HelloAsync(Version, TimeSpan.FromMilliseconds(500), Token);
        Assert.True(connection.MoreToCome);
        Assert.Equal(1, first["ok"].ToInt32());

        var request = server.Requests[^1];
        Assert.Equal("hello", request.CommandName);
        Assert.Equal(Version, TopologyVersion.FromBson(request.Body["topologyVersion"]));
        Assert.Equal(500, request.Body["maxAwaitTimeMS"].ToInt64());
        Assert.NotEqual(0u, request.Flags & ExhaustAllowedFlag);

        server.Stream.Push(TestWire.Msg(0, FakeServer.StandardHello()));
        var streamed = await connection.ReadNextAsync(Token).AsTask().Within();
        Assert.Equal(1, streamed["ok"].ToInt32());
        Assert.False(connection.MoreToCome);
    }

    [Fact]
    public async Task A_plain_hello_is_not_awaitable()
    {
        var server = new StreamingServer();
        using var connection = await OpenAsync(server);

        await connection.HelloAsync(null, null, Token);

        var request = server.Requests[^1];
        Assert.False(request.Body.Contains("maxAwaitTimeMS"));
        Assert.Equal(0u, request.Flags & ExhaustAllowedFlag);
        Assert.False(connection.MoreToCome);
    }

    [Fact]
    public async Task An_ok_0_hello_is_returned_not_thrown()
    {
        var server = new StreamingServer { Reply = new BsonDocument { { "ok", 0 }, { "code", 91 }, { "errmsg", "shutting down" } } };
        using var connection = await OpenAsync(server);

        var reply = await connection.HelloAsync(null, null, Token);

        Assert.Equal(91, reply["code"].ToInt32());
    }

    [Fact]
    public async Task A_hello_without_an_answer_times_out_after_connect_timeout_plus_the_awaited_time()
    {
        var server = new StreamingServer { Silent = true };
        using var connection = await OpenAsync(server, TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<MongoConnectionException>(async () => await connection.HelloAsync(Version, TimeSpan.FromMilliseconds(100), Token));

        Assert.True(error.IsTimeout);
        Assert.Contains("200 ms", error.Message);
    }

    [Fact]
    public async Task Monitoring_connections_never_authenticate()
    {
        var server = new StreamingServer();
        var factory = new MonitorConnectionFactory(new ConnectionSettings
        {
            StreamFactory = server,
            Credential = MongoCredential.CreateScramSha256("user", "pencil"),
            SocketTimeout = TimeSpan.FromMilliseconds(1),
        });

        using var connection = await factory.OpenAsync(FakeServer.Address, Token);

        Assert.Single(server.Requests);
        Assert.False(server.Requests[0].Body.Contains("saslSupportedMechs"));
    }

    [Theory]
    [InlineData(ServerMonitoringMode.Auto, false, ServerMonitoringMode.Stream)]
    [InlineData(ServerMonitoringMode.Auto, true, ServerMonitoringMode.Poll)]
    [InlineData(ServerMonitoringMode.Stream, true, ServerMonitoringMode.Stream)]
    [InlineData(ServerMonitoringMode.Poll, false, ServerMonitoringMode.Poll)]
    public void Auto_streams_except_on_faas(ServerMonitoringMode mode, bool faas, ServerMonitoringMode expected) =>
        Assert.Equal(expected, ServerMonitorFactory.ResolveMode(mode, faas));

    [Theory]
    [InlineData("AWS_EXECUTION_ENV", "AWS_Lambda_dotnet8", true)]
    [InlineData("AWS_EXECUTION_ENV", "EC2", false)]
    [InlineData("FUNCTIONS_WORKER_RUNTIME", "dotnet", true)]
    [InlineData("K_SERVICE", "quizz", true)]
    [InlineData("VERCEL", "1", true)]
    [InlineData("HOME", "/root", false)]
    public void Detects_faas_platforms(string variable, string value, bool expected) =>
        Assert.Equal(expected, ServerMonitorFactory.IsFaas(name => name == variable ? value : null));

    private static async Task<IMonitorConnection> OpenAsync(StreamingServer server, TimeSpan? connectTimeout = null) =>
        await new MonitorConnectionFactory(new ConnectionSettings { StreamFactory = server, ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10) })
            .OpenAsync(FakeServer.Address, Token);

    /// <summary>Answers the handshake, then hellos: an awaitable one with moreToCome; stays silent when asked to.</summary>
    private sealed class StreamingServer : IStreamFactory
    {
        public StreamingServer() => Stream = new ScriptedStream(Answer);

        public ScriptedStream Stream { get; }

        public List<TestRequest> Requests { get; } = [];

        public BsonDocument Reply { get; init; } = FakeServer.StandardHello();

        public bool Silent { get; init; }

        public ValueTask<Stream> CreateStreamAsync(MongoServerAddress address, bool async, CancellationToken cancellationToken) => ValueTask.FromResult<Stream>(Stream);

        private ScriptedAnswer Answer(byte[] message)
        {
            var request = TestWire.Parse(message);
            Requests.Add(request);
            if (request.Opcode == TestWire.OpQuery)
            {
                return TestWire.Reply(request.RequestId, FakeServer.StandardHello());
            }

            if (Silent)
            {
                return ScriptedAnswer.Nothing;
            }

            var awaitable = request.Body.Contains("maxAwaitTimeMS");
            return TestWire.Msg(request.RequestId, Reply, flags: awaitable ? MoreToComeFlag : 0);
        }
    }
}

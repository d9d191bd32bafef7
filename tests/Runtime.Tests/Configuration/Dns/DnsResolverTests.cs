using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using OpenQuizz.Typed.Configuration.Dns;
using DnsResponseCode = OpenQuizz.Typed.Configuration.Dns.DnsResponseCode;

namespace OpenQuizz.Typed.Tests.Configuration.Dns;

/// <summary>
/// The translation between DnsClient and our records and errors: recorded DnsClient responses through the query seam,
/// and a real <see cref="LookupClient"/> against a loopback name server that never answers.
/// </summary>
public sealed class DnsResolverTests
{
    private const string SrvName = "_mongodb._tcp.test.example.com";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SRV_answers_become_lower_case_targets_without_the_trailing_dot()
    {
        var asked = new List<(string, QueryType)>();
        var resolver = new DnsResolver((name, type, _) =>
        {
            asked.Add((name, type));
            return Task.FromResult<IDnsQueryResponse>(new RecordedResponse(
                Srv("A.Example.COM.", 27017, ttl: 90), Srv("b.example.com.", 27018, ttl: 300)));
        });

        var records = await resolver.ResolveSrvAsync(SrvName, Token);

        Assert.Equal([(SrvName, QueryType.SRV)], asked);
        Assert.Equal([("a.example.com", 27017), ("b.example.com", 27018)], records.Select(r => (r.Target, (int)r.Port)));
        Assert.Equal([TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(300)], records.Select(r => r.TimeToLive));
    }

    [Fact]
    public async Task A_TXT_record_keeps_its_strings_in_order_and_joins_them()
    {
        var resolver = new DnsResolver((_, type, _) => Task.FromResult<IDnsQueryResponse>(
            type == QueryType.TXT ? new RecordedResponse(Txt("replicaSet=re", "pl0&authSo", "urce=x")) : new RecordedResponse()));

        var record = Assert.Single(await resolver.ResolveTxtAsync("test.example.com", Token));

        Assert.Equal(["replicaSet=re", "pl0&authSo", "urce=x"], record.Strings);
        Assert.Equal("replicaSet=repl0&authSource=x", record.Text);
    }

    [Fact]
    public async Task Every_TXT_record_is_returned_so_discovery_can_refuse_more_than_one()
    {
        var resolver = new DnsResolver((_, _, _) => Task.FromResult<IDnsQueryResponse>(new RecordedResponse(Txt("replicaSet=a"), Txt("authSource=b"))));

        var records = await resolver.ResolveTxtAsync("test.example.com", Token);

        Assert.Equal(["replicaSet=a", "authSource=b"], records.Select(r => r.Text));
    }

    [Fact]
    public async Task NXDOMAIN_is_a_name_error_that_names_the_host()
    {
        var resolver = new DnsResolver((_, _, _) => Task.FromResult<IDnsQueryResponse>(new RecordedResponse { ResponseCode = DnsHeaderResponseCode.NotExistentDomain }));

        var error = await Assert.ThrowsAsync<DnsException>(() => resolver.ResolveSrvAsync("_mongodb._tcp.nowhere.example.com", Token));

        Assert.True(error.IsNameError);
        Assert.Contains("_mongodb._tcp.nowhere.example.com", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task A_server_failure_keeps_its_code_and_says_why()
    {
        var resolver = new DnsResolver((_, _, _) => Task.FromResult<IDnsQueryResponse>(new RecordedResponse { ResponseCode = DnsHeaderResponseCode.Refused }));

        var error = await Assert.ThrowsAsync<DnsException>(() => resolver.ResolveTxtAsync("test.example.com", Token));

        Assert.Equal(DnsResponseCode.Refused, error.ResponseCode);
        Assert.False(error.IsNameError);
        Assert.Contains("REFUSED", error.Message);
    }

    [Fact]
    public async Task A_DnsClient_exception_becomes_a_DnsException()
    {
        var thrown = new DnsResponseException(DnsClient.DnsResponseCode.ServerFailure, "all servers failed");
        var resolver = new DnsResolver((_, _, _) => Task.FromException<IDnsQueryResponse>(thrown));

        var error = await Assert.ThrowsAsync<DnsException>(() => resolver.ResolveSrvAsync(SrvName, Token));

        Assert.Same(thrown, error.InnerException);
        Assert.Equal(DnsResponseCode.ServerFailure, error.ResponseCode);
    }

    [Fact]
    public async Task A_silent_name_server_times_out_as_a_DnsException()
    {
        using var silent = SilentNameServer();
        var resolver = new DnsResolver(new LookupClient(new LookupClientOptions((IPEndPoint)silent.LocalEndPoint!)
        {
            Timeout = TimeSpan.FromMilliseconds(100),
            Retries = 0,
            UseCache = false,
        }));

        var error = await Assert.ThrowsAsync<DnsException>(() => resolver.ResolveSrvAsync(SrvName, Token));

        Assert.Null(error.ResponseCode);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task Cancellation_ends_the_query()
    {
        using var silent = SilentNameServer();
        var resolver = new DnsResolver(new LookupClient(new LookupClientOptions((IPEndPoint)silent.LocalEndPoint!)
        {
            Timeout = TimeSpan.FromMinutes(5),
            Retries = 0,
        }));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var query = resolver.ResolveSrvAsync(SrvName, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
    }

    [Fact]
    public async Task A_label_over_63_bytes_fails_before_any_query()
    {
        using var silent = SilentNameServer();
        var resolver = new DnsResolver(new LookupClient(new LookupClientOptions((IPEndPoint)silent.LocalEndPoint!)
        {
            Timeout = TimeSpan.FromSeconds(2),
            Retries = 0,
        }));

        var error = await Assert.ThrowsAsync<DnsException>(() => resolver.ResolveTxtAsync(new string('a', 64) + ".example.com", Token));

        // An ArgumentException (not a timeout) shows the name was refused before anything was sent to the silent server.
        Assert.IsType<ArgumentException>(error.InnerException, exactMatch: false);
        Assert.Equal(0, silent.Available);
    }

    // A bound UDP socket nobody reads: queries sent to it are never answered, and no other process can answer in its place.
    private static Socket SilentNameServer()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static SrvRecord Srv(string target, ushort port, int ttl) =>
        new(new ResourceRecordInfo(SrvName + ".", ResourceRecordType.SRV, QueryClass.IN, ttl, 0), 0, 5, port, DnsString.Parse(target));

    private static TxtRecord Txt(params string[] strings) =>
        new(new ResourceRecordInfo("test.example.com.", ResourceRecordType.TXT, QueryClass.IN, 60, 0), strings, strings);

    /// <summary>A DnsClient response holding the given answers, or the given error code and none.</summary>
    private sealed class RecordedResponse(params DnsResourceRecord[] answers) : IDnsQueryResponse
    {
        public DnsHeaderResponseCode ResponseCode { get; init; }

        public IReadOnlyList<DnsQuestion> Questions => [];

        public IReadOnlyList<DnsResourceRecord> Additionals => [];

        public IEnumerable<DnsResourceRecord> AllRecords => answers;

        public IReadOnlyList<DnsResourceRecord> Answers => answers;

        public IReadOnlyList<DnsResourceRecord> Authorities => [];

        public string AuditTrail => "";

        public string ErrorMessage => ResponseCode.ToString();

        public bool HasError => ResponseCode != DnsHeaderResponseCode.NoError;

        // The response code is the low four bits of the header's flags (RFC 1035 section 4.1.1); QR and RD are set, as in a real answer.
        public DnsResponseHeader Header => new(1, (ushort)(0x8100 | (int)ResponseCode), 1, answers.Length, 0, 0);

        public int MessageSize => 0;

        public NameServer NameServer => new(IPAddress.Loopback);

        public DnsQuerySettings Settings => new(new DnsQueryOptions());
    }
}

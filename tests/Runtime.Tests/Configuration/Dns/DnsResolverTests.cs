using System.Net;
using OpenQuizz.Typed.Configuration.Dns;

namespace OpenQuizz.Typed.Tests.Configuration.Dns;

/// <summary>The resolver against loopback DNS servers: UDP, the TCP retry after truncation, errors and timeouts.</summary>
public sealed class DnsResolverTests
{
    private const string SrvName = "_mongodb._tcp.test.example.com";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SRV_records_come_back_over_UDP()
    {
        await using var server = new FakeDnsServer((id, name, type) =>
            new DnsPacketBuilder(id, name, type).Srv("a.example.com", 27017, ttl: 90).Srv("b.example.com", 27018).Build());
        var resolver = Resolver(server.EndPoint);

        var records = await resolver.ResolveSrvAsync(SrvName, Token);

        Assert.Equal([("a.example.com", 27017), ("b.example.com", 27018)], records.Select(r => (r.Target, (int)r.Port)));
        Assert.Equal(TimeSpan.FromSeconds(90), records[0].TimeToLive);
        Assert.Equal(1, server.UdpQueries);
        Assert.Equal(0, server.TcpQueries);
    }

    [Fact]
    public async Task A_truncated_UDP_answer_is_retried_over_TCP()
    {
        var txt = string.Join('&', Enumerable.Range(0, 40).Select(i => $"k{i}=v"));
        await using var server = new FakeDnsServer(
            udp: (id, name, type) => new DnsPacketBuilder(id, name, type) { Truncated = true }.Build(),
            tcp: (id, name, type) => new DnsPacketBuilder(id, name, type).Txt(60, txt[..200], txt[200..]).Build());
        var resolver = Resolver(server.EndPoint);

        var records = await resolver.ResolveTxtAsync("test.example.com", Token);

        Assert.Equal(txt, Assert.Single(records).Text);
        Assert.Equal(1, server.UdpQueries);
        Assert.Equal(1, server.TcpQueries);
    }

    [Fact]
    public async Task A_stray_datagram_with_another_id_is_ignored()
    {
        await using var server = new FakeDnsServer((id, name, type) => new DnsPacketBuilder(id, name, type).Srv("a.example.com").Build())
        {
            Before = id => new DnsPacketBuilder((ushort)(id + 1), SrvName, DnsRecordType.Srv).Srv("evil.example.org").Build(),
        };

        var records = await Resolver(server.EndPoint).ResolveSrvAsync(SrvName, Token);

        Assert.Equal("a.example.com", Assert.Single(records).Target);
    }

    [Fact]
    public async Task NXDOMAIN_names_the_host_and_is_not_retried()
    {
        await using var server = new FakeDnsServer((id, name, type) => new DnsPacketBuilder(id, name, type) { ResponseCode = DnsResponseCode.NameError }.Build());

        var error = await Assert.ThrowsAsync<DnsException>(() => Resolver(server.EndPoint, attempts: 3).ResolveSrvAsync("_mongodb._tcp.nowhere.example.com", Token));

        Assert.True(error.IsNameError);
        Assert.Contains("_mongodb._tcp.nowhere.example.com", error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Equal(1, server.UdpQueries);
    }

    [Fact]
    public async Task A_failing_server_is_skipped_for_the_next_one()
    {
        await using var failing = new FakeDnsServer((id, name, type) => new DnsPacketBuilder(id, name, type) { ResponseCode = DnsResponseCode.ServerFailure }.Build());
        await using var garbling = new FakeDnsServer((id, _, _) => [(byte)(id >> 8), (byte)id, 0x81, 0x80, 0, 1, 0, 1]);
        await using var working = new FakeDnsServer((id, name, type) => new DnsPacketBuilder(id, name, type).Srv("a.example.com").Build());
        var resolver = new DnsResolver(new DnsResolverOptions { Servers = [failing.EndPoint, garbling.EndPoint, working.EndPoint], Timeout = TimeSpan.FromSeconds(10) });

        var records = await resolver.ResolveSrvAsync(SrvName, Token);

        Assert.Single(records);
        Assert.Equal((1, 1, 1), (failing.UdpQueries, garbling.UdpQueries, working.UdpQueries));
    }

    [Fact]
    public async Task When_every_server_fails_the_error_says_why()
    {
        await using var failing = new FakeDnsServer((id, name, type) => new DnsPacketBuilder(id, name, type) { ResponseCode = DnsResponseCode.Refused }.Build());

        var error = await Assert.ThrowsAsync<DnsException>(() => Resolver(failing.EndPoint, attempts: 2).ResolveSrvAsync(SrvName, Token));

        Assert.Contains("REFUSED", error.Message);
        Assert.Equal(DnsResponseCode.Refused, error.ResponseCode);
        Assert.Equal(2, failing.UdpQueries);
    }

    [Fact]
    public async Task A_silent_server_times_out_after_every_attempt()
    {
        await using var silent = new FakeDnsServer((_, _, _) => null);
        var resolver = Resolver(silent.EndPoint, attempts: 2, timeout: TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<DnsException>(() => resolver.ResolveSrvAsync(SrvName, Token));

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Contains("did not answer", error.Message);
        Assert.Equal(2, silent.UdpQueries);
    }

    [Fact]
    public async Task Cancellation_ends_the_query_at_once()
    {
        await using var silent = new FakeDnsServer((_, _, _) => null);
        var resolver = Resolver(silent.EndPoint, timeout: TimeSpan.FromMinutes(5));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var query = resolver.ResolveSrvAsync(SrvName, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
    }

    [Fact]
    public async Task An_invalid_name_fails_before_any_query()
    {
        await using var server = new FakeDnsServer((_, _, _) => null);

        await Assert.ThrowsAsync<DnsException>(() => Resolver(server.EndPoint).ResolveTxtAsync("a..b", Token));

        Assert.Equal(0, server.UdpQueries);
    }

    private static DnsResolver Resolver(IPEndPoint server, int attempts = 1, TimeSpan? timeout = null) =>
        new(new DnsResolverOptions { Servers = [server], Attempts = attempts, Timeout = timeout ?? TimeSpan.FromSeconds(10) });
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using OpenQuizz.Typed.Configuration.Dns;

namespace OpenQuizz.Typed.Tests.Configuration.Dns;

/// <summary>
/// A loopback DNS server on an OS-chosen port, answering UDP and TCP on the same port number as real servers do.
/// Each transport's reply comes from a function of the query's id, name and type (null: stay silent).
/// </summary>
internal sealed class FakeDnsServer : IAsyncDisposable
{
    public delegate byte[]? Responder(ushort id, string name, DnsRecordType type);

    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    public FakeDnsServer(Responder udp, Responder? tcp = null)
    {
        (_udp, _tcp) = BindSamePort();
        Udp = udp;
        Tcp = tcp ?? udp;
        EndPoint = (IPEndPoint)_udp.LocalEndPoint!;
        _udpLoop = Task.Run(ServeUdpAsync);
        _tcpLoop = Task.Run(ServeTcpAsync);
    }

    public IPEndPoint EndPoint { get; }

    public Responder Udp { get; set; }

    public Responder Tcp { get; set; }

    public int UdpQueries;

    public int TcpQueries;

    /// <summary>Datagrams sent before the real answer (a stray reply with another id, say).</summary>
    public Func<ushort, byte[]>? Before { get; set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        await Task.WhenAll(_udpLoop, _tcpLoop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    // TCP first on port 0, then UDP on the port it got; another process may hold that UDP port, so try again.
    private static (Socket Udp, TcpListener Tcp) BindSamePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return (udp, tcp);
            }
            catch (SocketException) when (attempt < 20)
            {
                udp.Dispose();
                tcp.Stop();
            }
        }
    }

    private static (ushort Id, string Name, DnsRecordType Type) ReadQuery(ReadOnlySpan<byte> query)
    {
        var offset = 12;
        var name = DnsMessageReader.ReadName(query, ref offset);
        return (BinaryPrimitives.ReadUInt16BigEndian(query), name, (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(query[offset..]));
    }

    private async Task ServeUdpAsync()
    {
        var buffer = new byte[512];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref UdpQueries);
            var (id, name, type) = ReadQuery(buffer.AsSpan(0, received.ReceivedBytes));
            if (Before is { } before)
            {
                await _udp.SendToAsync(before(id), SocketFlags.None, received.RemoteEndPoint);
            }

            if (Udp(id, name, type) is { } reply)
            {
                await _udp.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint);
            }
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _tcp.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                var prefix = new byte[2];
                await stream.ReadExactlyAsync(prefix, _stop.Token);
                var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await stream.ReadExactlyAsync(query, _stop.Token);
                Interlocked.Increment(ref TcpQueries);
                var (id, name, type) = ReadQuery(query);
                if (Tcp(id, name, type) is { } reply)
                {
                    var framed = new byte[reply.Length + 2];
                    BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)reply.Length);
                    reply.CopyTo(framed, 2);
                    await stream.WriteAsync(framed, _stop.Token);
                }
            }
        }
    }
}

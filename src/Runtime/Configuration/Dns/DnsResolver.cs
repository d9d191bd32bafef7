using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace OpenQuizz.Typed.Configuration.Dns;

/// <summary>
/// A small stub resolver for SRV and TXT records: asks each configured name server in turn over UDP, retries over TCP
/// when the reply is truncated, and makes <see cref="DnsResolverOptions.Attempts"/> passes over the servers, each try
/// limited to <see cref="DnsResolverOptions.Timeout"/>. NXDOMAIN ends the query at once (it is an answer, not a
/// failure); server failures, refusals, malformed replies and timeouts move on to the next server.
/// </summary>
internal sealed class DnsResolver : IDnsResolver
{
    // Without EDNS a UDP answer is at most 512 bytes; a larger buffer costs nothing and tolerates servers that exceed it.
    private const int UdpBufferSize = 4096;

    private static readonly Lazy<DnsResolver> System = new(() => new DnsResolver(DnsResolverOptions.FromSystem()));

    public DnsResolver(DnsResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Servers.Count == 0)
        {
            throw new ArgumentException("At least one name server is required.", nameof(options));
        }

        Options = options;
    }

    /// <summary>The resolver configured from the operating system (read once per process).</summary>
    public static DnsResolver Default => System.Value;

    public DnsResolverOptions Options { get; }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DnsSrvRecord>> ResolveSrvAsync(string name, CancellationToken cancellationToken) =>
        (await QueryAsync(name, DnsRecordType.Srv, cancellationToken).ConfigureAwait(false)).SrvRecords;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DnsTxtRecord>> ResolveTxtAsync(string name, CancellationToken cancellationToken) =>
        (await QueryAsync(name, DnsRecordType.Txt, cancellationToken).ConfigureAwait(false)).TxtRecords;

    private async Task<DnsResponse> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        DnsMessageWriter.SplitName(name); // fail before any I/O on a name no server could answer
        Exception? lastError = null;
        for (var attempt = 0; attempt < Options.Attempts; attempt++)
        {
            foreach (var server in Options.Servers)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // A fresh id per try: an answer that arrives late for an earlier try can never be mistaken for this one.
                var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
                var query = DnsMessageWriter.EncodeQuery(id, name, type);
                try
                {
                    var response = await TryServerAsync(server, query, id, name, type, cancellationToken).ConfigureAwait(false);
                    switch (response.ResponseCode)
                    {
                        case DnsResponseCode.NoError:
                            return response;
                        case DnsResponseCode.NameError:
                            throw new DnsException($"The DNS name '{name}' does not exist (NXDOMAIN from {server}).", DnsResponseCode.NameError);
                        default:
                            lastError = new DnsException(
                                $"The name server {server} answered the {type} query for '{name}' with {Describe(response.ResponseCode)}.",
                                response.ResponseCode);
                            break;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    lastError = new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                        $"The name server {server} did not answer within {Options.Timeout.TotalSeconds:0.###} s."));
                }
                catch (SocketException error)
                {
                    lastError = error;
                }
                catch (IOException error)
                {
                    lastError = error;
                }
                catch (DnsException error) when (!error.IsNameError)
                {
                    lastError = error;
                }
            }
        }

        throw new DnsException(
            $"The {type} query for '{name}' failed on every name server ({string.Join(", ", Options.Servers)}): {lastError?.Message}",
            (lastError as DnsException)?.ResponseCode,
            lastError);
    }

    private async Task<DnsResponse> TryServerAsync(
        IPEndPoint server, byte[] query, ushort id, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        using (var udpTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            udpTimeout.CancelAfter(Options.Timeout);
            var response = await QueryUdpAsync(server, query, id, name, type, udpTimeout.Token).ConfigureAwait(false);
            if (!response.Truncated)
            {
                return response;
            }
        }

        // RFC 1035 section 4.2.1 / RFC 7766: a truncated UDP answer is retried over TCP, with a fresh time budget.
        using var tcpTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        tcpTimeout.CancelAfter(Options.Timeout);
        var tcpResponse = await QueryTcpAsync(server, query, id, name, type, tcpTimeout.Token).ConfigureAwait(false);
        return tcpResponse.Truncated
            ? throw new DnsException($"The name server {server} truncated its TCP answer for '{name}'.")
            : tcpResponse;
    }

    private static async Task<DnsResponse> QueryUdpAsync(
        IPEndPoint server, byte[] query, ushort id, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(query, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[UdpBufferSize];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);

            // A datagram with another id is a stray or a spoofing attempt: keep waiting for ours until the timeout.
            if (DnsMessageReader.ReadId(buffer.AsSpan(0, received)) == id)
            {
                return DnsMessageReader.ParseResponse(buffer.AsSpan(0, received), id, name, type);
            }
        }
    }

    private static async Task<DnsResponse> QueryTcpAsync(
        IPEndPoint server, byte[] query, ushort id, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var framed = new byte[query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);

        var prefix = new byte[2];
        await ReadExactlyAsync(stream, prefix, server, cancellationToken).ConfigureAwait(false);
        var response = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await ReadExactlyAsync(stream, response, server, cancellationToken).ConfigureAwait(false);
        return DnsMessageReader.ParseResponse(response, id, name, type);
    }

    private static async Task ReadExactlyAsync(NetworkStream stream, byte[] buffer, IPEndPoint server, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException error)
        {
            throw new DnsException($"The name server {server} closed the TCP connection before its answer was complete.", innerException: error);
        }
    }

    private static string Describe(DnsResponseCode code) => code switch
    {
        DnsResponseCode.FormatError => "FORMERR (it could not read the query)",
        DnsResponseCode.ServerFailure => "SERVFAIL (it could not resolve the name)",
        DnsResponseCode.NotImplemented => "NOTIMP",
        DnsResponseCode.Refused => "REFUSED",
        _ => string.Create(CultureInfo.InvariantCulture, $"response code {(int)code}"),
    };
}

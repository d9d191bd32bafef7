using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>
/// The thinnest possible OP_MSG client: one socket, one request in flight, replies read whole. It is the
/// baseline that round trips through the real client are compared against, and it loads the embedded server
/// with as little client overhead as possible.
/// </summary>
internal sealed class RawWireClient : IDisposable
{
    private const int OpMsg = 2013;
    private readonly Socket _socket;
    private readonly PooledByteBufferWriter _request = new(1024);
    private byte[] _reply = new byte[64 * 1024];
    private int _requestId;
    private int _lastLength;

    public RawWireClient(IPEndPoint endPoint)
    {
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(endPoint);
    }

    /// <summary>Sends <paramref name="writeBody"/> as an OP_MSG body and returns the reply body's bytes (valid until the next call).</summary>
    public ReadOnlySpan<byte> Run(Action<PooledByteBufferWriter> writeBody)
    {
        SendAll(Frame(writeBody));

        ReceiveExactly(_reply.AsSpan(0, 4));
        var length = BinaryPrimitives.ReadInt32LittleEndian(_reply);
        if (length > _reply.Length)
        {
            var bigger = new byte[length];
            _reply.AsSpan(0, 4).CopyTo(bigger);
            _reply = bigger;
        }

        ReceiveExactly(_reply.AsSpan(4, length - 4));
        return _reply.AsSpan(21, length - 21);
    }

    /// <summary>
    /// The asynchronous twin of <see cref="Run"/>: the same frame over <see cref="Socket.SendAsync(ReadOnlyMemory{byte}, SocketFlags, CancellationToken)"/>
    /// and <see cref="Socket.ReceiveAsync(Memory{byte}, SocketFlags, CancellationToken)"/> (pooled <see cref="ValueTask"/>s),
    /// so that the async client is compared with the cheapest async round trip, not with a blocking one.
    /// Returns the reply body's length; the body is <see cref="LastReplyBody"/> until the next call.
    /// </summary>
    public async ValueTask<int> RunAsync(Action<PooledByteBufferWriter> writeBody)
    {
        Frame(writeBody);
        var message = _request.WrittenMemory;
        while (!message.IsEmpty)
        {
            message = message[await _socket.SendAsync(message, SocketFlags.None).ConfigureAwait(false)..];
        }

        await ReceiveExactlyAsync(_reply.AsMemory(0, 4)).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32LittleEndian(_reply);
        if (length > _reply.Length)
        {
            var bigger = new byte[length];
            _reply.AsSpan(0, 4).CopyTo(bigger);
            _reply = bigger;
        }

        await ReceiveExactlyAsync(_reply.AsMemory(4, length - 4)).ConfigureAwait(false);
        _lastLength = length;
        return length - 21;
    }

    /// <summary>The reply body read by the last <see cref="RunAsync"/>.</summary>
    public ReadOnlySpan<byte> LastReplyBody => _reply.AsSpan(21, _lastLength - 21);

    public void Dispose()
    {
        _socket.Dispose();
        _request.Dispose();
    }

    private ReadOnlySpan<byte> Frame(Action<PooledByteBufferWriter> writeBody)
    {
        _request.Clear();
        var header = _request.GetSpan(21);
        header[..21].Clear();
        _request.Advance(21);
        writeBody(_request);
        var message = _request.MutableWrittenSpan;
        BinaryPrimitives.WriteInt32LittleEndian(message, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(message[4..], ++_requestId);
        BinaryPrimitives.WriteInt32LittleEndian(message[12..], OpMsg);
        return message;
    }

    private async ValueTask ReceiveExactlyAsync(Memory<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var read = await _socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            buffer = buffer[read..];
        }
    }

    private void SendAll(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[_socket.Send(bytes)..];
        }
    }

    private void ReceiveExactly(Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var read = _socket.Receive(buffer);
            if (read == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            buffer = buffer[read..];
        }
    }
}

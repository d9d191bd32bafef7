using System.Buffers;
using System.Net.Sockets;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Embedded.Commands;
using OpenQuizz.Typed.Embedded.Protocol;
using OpenQuizz.Typed.Embedded.Protocol.Compression;

namespace OpenQuizz.Typed.Embedded.Hosting;

/// <summary>
/// The loop of one connection: read a whole message into a pooled buffer, decode it synchronously, execute, write
/// the reply. Requests on a connection are answered in order, as the protocol requires. A message that cannot be
/// framed closes the connection; one that can be framed but not decoded gets an error reply first.
/// </summary>
internal sealed class ConnectionHandler(ServerContext server, CommandDispatcher dispatcher, Socket socket, ConnectionState state)
{
    public ConnectionState State => state;

    public Socket Socket => socket;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var header = new byte[WireLimits.HeaderLength];
        using var output = new PooledByteBufferWriter(4096);
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read < header.Length)
                {
                    if (read > 0)
                    {
                        server.Log($"connection {state.Id}: closed in the middle of a message header");
                    }

                    return;
                }

                var messageHeader = MessageHeader.Read(header);
                if (messageHeader.MessageLength < WireLimits.HeaderLength + 1 || messageHeader.MessageLength > WireLimits.MaxMessageSizeBytes)
                {
                    server.Log($"connection {state.Id}: invalid message length {messageHeader.MessageLength}; closing");
                    return;
                }

                var buffer = ArrayPool<byte>.Shared.Rent(messageHeader.MessageLength);
                try
                {
                    header.CopyTo(buffer, 0);
                    await stream.ReadExactlyAsync(buffer.AsMemory(WireLimits.HeaderLength, messageHeader.MessageLength - WireLimits.HeaderLength), cancellationToken).ConfigureAwait(false);
                    if (!Process(buffer.AsSpan(0, messageHeader.MessageLength), output))
                    {
                        if (output.WrittenCount > 0)
                        {
                            await stream.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
                        }

                        return;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                if (output.WrittenCount > 0)
                {
                    await stream.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
        {
            // The client went away or the server is stopping: nothing to answer.
        }
        catch (Exception ex)
        {
            server.Log($"connection {state.Id}: unexpected failure, closing: {ex}");
        }
    }

    /// <summary>Decodes and executes one message, leaving the reply (if any) in <paramref name="output"/>; false closes the connection.</summary>
    private bool Process(ReadOnlySpan<byte> message, PooledByteBufferWriter output)
    {
        output.Clear();
        var header = MessageHeader.Read(message);
        WireRequest request;
        try
        {
            request = MessageDecoder.Decode(message, server.Compressors);
        }
        catch (ProtocolException ex)
        {
            server.Log($"connection {state.Id}: {ex.Message}; closing");
            if (ex.CanReply)
            {
                var error = Replies.Error(ex.Code, ex.Message);
                if (header.OpCode == OpCode.Query)
                {
                    ReplyEncoder.WriteReply(output, server.NextRequestId(), header.RequestId, error, null);
                }
                else
                {
                    ReplyEncoder.WriteMsg(output, server.NextRequestId(), header.RequestId, error, checksum: false, null);
                }
            }

            return false;
        }

        var reply = dispatcher.Execute(request, state);
        if (request.MoreToCome)
        {
            return true;
        }

        var compressor = ReplyCompressor(request);
        if (request.OpCode == OpCode.Query)
        {
            ReplyEncoder.WriteReply(output, server.NextRequestId(), header.RequestId, reply, compressor);
        }
        else
        {
            ReplyEncoder.WriteMsg(output, server.NextRequestId(), header.RequestId, reply, request.ChecksumPresent, compressor);
        }

        return true;
    }

    private MessageCompressor? ReplyCompressor(WireRequest request)
    {
        if (request.Compressor is not { Id: > 0 } used)
        {
            return null;
        }

        foreach (var agreed in state.Compressors)
        {
            if (agreed.Id == used.Id)
            {
                return used;
            }
        }

        return null;
    }
}

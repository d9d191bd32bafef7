using System.Buffers;
using System.Net.Sockets;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Commands;
using OpenQuizz.Typed.Embedded.Protocol;
using OpenQuizz.Typed.Embedded.Protocol.Compression;

namespace OpenQuizz.Typed.Embedded.Hosting;

/// <summary>
/// The loop of one connection: read a whole message into a pooled buffer, decode it synchronously, execute, write
/// the reply. Requests on a connection are answered in order, as the protocol requires. A message that cannot be
/// framed closes the connection; one that can be framed but not decoded gets an error reply first.
/// </summary>
internal sealed class ConnectionHandler(ServerContext server, CommandDispatcher dispatcher, Socket? socket, ConnectionState state)
{
    public ConnectionState State => state;

    /// <summary>The connection's socket; null for a handler that only processes messages handed to it (<see cref="Process"/>).</summary>
    public Socket? Socket => socket;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var header = new byte[WireLimits.HeaderLength];
        using var output = new PooledByteBufferWriter(4096);
        ArgumentNullException.ThrowIfNull(socket);
        await using var stream = await Tls.ServerTls.OpenAsync(server.Options, socket, message => server.Log($"connection {state.Id}: {message}"), cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return;
        }

        // One source per connection bounds the wait for each whole message: a client that goes quiet (or sends a
        // message byte by byte) past the idle timeout is disconnected instead of holding a connection slot forever.
        // Real time, not the server's TimeProvider: idleness is about sockets and memory, and tests that move a
        // manual clock forward to expire cursors or TTL documents must not lose their connections with it.
        using var idle = new CancellationTokenSource();
        using var readCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var idleTimeout = server.Options.IdleConnectionTimeout;
        var bounded = idleTimeout > TimeSpan.Zero && idleTimeout != Timeout.InfiniteTimeSpan;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (bounded)
                {
                    idle.CancelAfter(idleTimeout);
                }

                var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, readCancel.Token).ConfigureAwait(false);
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

                var buffer = await ReadMessageAsync(stream, header, messageHeader.MessageLength, readCancel.Token).ConfigureAwait(false);
                if (bounded)
                {
                    // A command may run, or a hello wait, longer than the idle timeout: only silence counts.
                    idle.CancelAfter(Timeout.InfiniteTimeSpan);
                }

                try
                {
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
                    ByteBuffers.Return(buffer);
                }

                if (_awaitedHello is { } awaited)
                {
                    _awaitedHello = null;
                    if (!await AnswerAwaitedHelloAsync(stream, awaited, output, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                }

                if (state.FailPointEffect is { } effect)
                {
                    state.FailPointEffect = null;
                    if (effect.Block > TimeSpan.Zero)
                    {
                        await Task.Delay(effect.Block, server.Time, cancellationToken).ConfigureAwait(false);
                    }

                    if (effect.Close)
                    {
                        return;
                    }
                }

                if (output.WrittenCount > 0)
                {
                    await stream.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
                }

                output.ClearAndShrink();
            }
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            server.Log($"connection {state.Id}: idle for longer than {idleTimeout}; closing");
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

    private WireRequest? _awaitedHello;

    /// <summary>
    /// Reads the rest of a message whose header announced <paramref name="length"/> bytes into a buffer that grows
    /// with the bytes that actually arrive, so a header announcing 48 MB costs nothing until they are sent.
    /// The caller returns the buffer through <see cref="ByteBuffers.Return"/>.
    /// </summary>
    private static async Task<byte[]> ReadMessageAsync(Stream stream, byte[] header, int length, CancellationToken cancellationToken)
    {
        var buffer = ByteBuffers.Rent(Math.Min(length, 64 * 1024));
        header.CopyTo(buffer, 0);
        var filled = header.Length;
        try
        {
            while (filled < length)
            {
                if (filled == buffer.Length)
                {
                    var larger = ByteBuffers.Rent((int)Math.Min(length, buffer.Length * 2L));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ByteBuffers.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled, Math.Min(buffer.Length, length) - filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new EndOfStreamException("the client closed the connection in the middle of a message");
                }

                filled += read;
            }

            return buffer;
        }
        catch
        {
            ByteBuffers.Return(buffer);
            throw;
        }
    }

    /// <summary>
    /// Answers an awaitable hello after its <c>maxAwaitTimeMS</c>. With <c>exhaustAllowed</c> every reply carries
    /// <c>moreToCome</c> and the next follows after another wait, answering the previous reply, until the client closes
    /// the connection (a read runs meanwhile to notice that; a client may not send on an exhaust stream). False: close.
    /// </summary>
    private async Task<bool> AnswerAwaitedHelloAsync(Stream stream, WireRequest request, PooledByteBufferWriter output, CancellationToken cancellationToken)
    {
        var exhaust = (request.Flags & OpMsgFlags.ExhaustAllowed) != 0;
        var responseTo = request.Header.RequestId;
        Task<int>? clientClosed = exhaust ? stream.ReadAsync(new byte[1], cancellationToken).AsTask() : null;
        while (state.HelloAwait is { } wait)
        {
            state.HelloAwait = null;
            using (var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var delay = Task.Delay(wait, server.Time, delayCancel.Token);
                if (clientClosed is not null && await Task.WhenAny(delay, clientClosed).ConfigureAwait(false) == clientClosed)
                {
                    await delayCancel.CancelAsync().ConfigureAwait(false);
                    _ = clientClosed.Exception;
                    return false;
                }

                await delay.ConfigureAwait(false);
            }

            var reply = dispatcher.Execute(request, state);
            var requestId = server.NextRequestId();
            output.Clear();
            ReplyEncoder.WriteMsg(output, requestId, responseTo, reply, checksum: false, compressor: null);
            if (exhaust)
            {
                // OP_MSG flag bits start at byte 16; moreToCome is bit 1.
                output.MutableWrittenSpan[16] |= (byte)OpMsgFlags.MoreToCome;
            }

            await stream.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
            output.Clear();
            if (!exhaust)
            {
                state.HelloAwait = null;
                return true;
            }

            responseTo = requestId;
        }

        // The topology version was not current, so the reply went without waiting: the client starts a new exchange.
        return clientClosed is null;
    }

    /// <summary>Decodes and executes one message, leaving the reply (if any) in <paramref name="output"/>; false closes the connection.</summary>
    internal bool Process(ReadOnlySpan<byte> message, PooledByteBufferWriter output)
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
        if (request.MoreToCome || request.OpCode != OpCode.Msg)
        {
            // Only an OP_MSG hello that expects a reply can be awaited.
            state.HelloAwait = null;
        }

        if (request.MoreToCome)
        {
            return true;
        }

        if (state.HelloAwait is not null)
        {
            // Answered by AnswerAwaitedHelloAsync once the wait is over.
            _awaitedHello = request;
            return true;
        }

        var compressor = ReplyCompressor(request);
        try
        {
            Encode(output, request, header, reply, compressor);
        }
        catch (Exception ex) when (ex is MongoServerException or BsonSerializationException or InsufficientExecutionStackException)
        {
            // The reply cannot be sent (too large, or nested deeper than BSON allows): this command fails, the
            // connection stays usable.
            output.Clear();
            var code = ex is MongoServerException server ? server.Code : ErrorCodes.Overflow;
            var text = ex is MongoServerException ? ex.Message : "cannot convert document to BSON: " + ex.Message;
            Encode(output, request, header, Replies.Error(code, text), compressor);
        }

        return true;
    }

    private void Encode(PooledByteBufferWriter output, WireRequest request, MessageHeader header, BsonDocument reply, MessageCompressor? compressor)
    {
        if (request.OpCode == OpCode.Query)
        {
            ReplyEncoder.WriteReply(output, server.NextRequestId(), header.RequestId, reply, compressor);
        }
        else
        {
            ReplyEncoder.WriteMsg(output, server.NextRequestId(), header.RequestId, reply, request.ChecksumPresent, compressor);
        }
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

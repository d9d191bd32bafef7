using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Connections;

/// <summary>The byte path: one body per direction, branching on <c>async</c> only at the stream call.</summary>
internal sealed partial class MongoConnection
{
    private readonly byte[] _headerBuffer = new byte[MessageHeader.Size];
    private CancellationTokenSource? _timeoutSource;

    private int MaxMessageSize => _description?.MaxMessageSizeBytes ?? ConnectionDescription.DefaultMaxMessageSizeBytes;

    /// <summary>Writes one whole message and flushes it.</summary>
    private async ValueTask WriteMessageAsync(bool async, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new MongoConnectionClosedException(Address, ConnectionClosedReason.Broken);
        var token = BeginIo(cancellationToken, stream, async, out var registration);
        try
        {
            if (async)
            {
                await stream.WriteAsync(message, token).ConfigureAwait(false);
                await stream.FlushAsync(token).ConfigureAwait(false);
            }
            else
            {
                token.ThrowIfCancellationRequested();
                stream.Write(message.Span);
                stream.Flush();
            }
        }
        catch (Exception e)
        {
            throw Fail(e, cancellationToken, "writing to");
        }
        finally
        {
            registration.Dispose();
        }

        Volatile.Write(ref _lastUsedTimestamp, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// Reads one whole message into a pooled buffer and decodes its framing. The stream is awaited directly (no
    /// helper state machine per read) and the method's own box is pooled: it suspends on every async reply.
    /// </summary>
    /// <param name="async">Whether to await the stream.</param>
    /// <param name="responseTo">The request id the reply must answer, or 0 for any (exhaust replies answer the previous reply).</param>
    /// <param name="cancellationToken">Cancels the read; the connection is then broken.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReplyMessage> ReadMessageAsync(bool async, int responseTo, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new MongoConnectionClosedException(Address, ConnectionClosedReason.Broken);
        var token = BeginIo(cancellationToken, stream, async, out var registration);
        byte[]? buffer = null;
        try
        {
            if (async)
            {
                await stream.ReadExactlyAsync(_headerBuffer, token).ConfigureAwait(false);
            }
            else
            {
                ReadExactly(stream, _headerBuffer, token);
            }

            var header = MessageHeader.Read(_headerBuffer);
            if (header.MessageLength < MessageHeader.Size || header.MessageLength > MaxMessageSize)
            {
                throw new MongoProtocolException(Address, $"The server's reply announces {header.MessageLength} bytes, outside {MessageHeader.Size}..{MaxMessageSize}.");
            }

            if (responseTo != 0 && header.ResponseTo != responseTo)
            {
                throw new MongoProtocolException(Address, $"The server's reply answers request {header.ResponseTo}, not request {responseTo}.");
            }

            buffer = ArrayPool<byte>.Shared.Rent(header.MessageLength);
            _headerBuffer.CopyTo(buffer, 0);
            var body = buffer.AsMemory(MessageHeader.Size, header.MessageLength - MessageHeader.Size);
            if (async)
            {
                await stream.ReadExactlyAsync(body, token).ConfigureAwait(false);
            }
            else
            {
                ReadExactly(stream, body.Span, token);
            }

            var owned = buffer;
            buffer = null;
            var reply = MessageDecoder.Decode(owned, header.MessageLength, _compressor, MaxMessageSize, Address);
            Volatile.Write(ref _lastUsedTimestamp, System.Diagnostics.Stopwatch.GetTimestamp());
            return reply;
        }
        catch (Exception e)
        {
            throw Fail(e, cancellationToken, "reading from");
        }
        finally
        {
            registration.Dispose();
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        stream.ReadExactly(buffer);
    }

    /// <summary>
    /// Combines the caller's token with <c>socketTimeoutMS</c>. Synchronous calls cannot observe a token, so on
    /// the sync path cancellation closes the stream, which unblocks the call.
    /// </summary>
    private CancellationToken BeginIo(CancellationToken cancellationToken, Stream stream, bool async, out IoRegistrations registration)
    {
        var token = cancellationToken;
        registration = default;
        if (_settings.EffectiveSocketTimeout is { } timeout)
        {
            if (_timeoutSource is null || !_timeoutSource.TryReset())
            {
                _timeoutSource?.Dispose();
                _timeoutSource = new CancellationTokenSource();
            }

            _timeoutSource.CancelAfter(timeout);
            if (cancellationToken.CanBeCanceled)
            {
                registration.Caller = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _timeoutSource);
            }

            token = _timeoutSource.Token;
        }

        if (!async && token.CanBeCanceled)
        {
            registration.Close = token.UnsafeRegister(static state => ((Stream)state!).Dispose(), stream);
        }

        return token;
    }

    /// <summary>The callbacks that tie an I/O call to its tokens; disposed when the call returns.</summary>
    private struct IoRegistrations : IDisposable
    {
        public CancellationTokenRegistration Caller;
        public CancellationTokenRegistration Close;

        public readonly void Dispose()
        {
            Caller.Dispose();
            Close.Dispose();
        }
    }

    /// <summary>Breaks the connection and turns what went wrong into the exception the caller sees.</summary>
    private Exception Fail(Exception error, CancellationToken cancellationToken, string doing)
    {
        var disposed = (State)Volatile.Read(ref _state) == State.Disposed;
        MarkBroken();
        var timedOut = _timeoutSource?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested;
        return error switch
        {
            MongoConnectionException => error,
            _ when cancellationToken.IsCancellationRequested =>
                new OperationCanceledException($"The operation was cancelled while {doing} {Address}; the connection has been closed.", error, cancellationToken),
            _ when timedOut =>
                new MongoConnectionException(Address, $"Timed out after {_settings.EffectiveSocketTimeout!.Value.TotalMilliseconds} ms (socketTimeoutMS) {doing} the server.", error, isTimeout: true),
            _ when disposed => new MongoConnectionClosedException(Address, ConnectionClosedReason.Disposed, error),
            EndOfStreamException => new MongoConnectionClosedException(Address, ConnectionClosedReason.ServerClosed, error),
            IOException or SocketException or ObjectDisposedException or OperationCanceledException =>
                new MongoConnectionException(Address, $"A network error occurred {doing} the server: {error.Message}", error),
            MongoCompressionException or MongoDB.Bson.BsonException =>
                new MongoProtocolException(Address, $"The server's reply could not be decoded: {error.Message}", error),
            _ => error,
        };
    }
}

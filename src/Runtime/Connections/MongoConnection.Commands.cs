using MongoDB.Bson;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Compression;
using OpenQuizz.Typed.Diagnostics;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Connections;

/// <summary>Sending commands: encode, check limits, compress, send, read the reply, check <c>ok</c>, raise events.</summary>
internal sealed partial class MongoConnection
{
    // A command may exceed maxBsonObjectSize by this much (the spec's allowance for command overhead).
    private const int CommandOverhead = 16 * 1024;

    /// <summary>
    /// Sends a command and returns its reply, framed but not decoded; the caller disposes it. Returns null for
    /// <see cref="CommandFlags.MoreToCome"/> (unacknowledged) requests. An <c>ok: 0</c> reply raises
    /// <see cref="MongoCommandException"/> and leaves the connection usable.
    /// </summary>
    public ValueTask<ReplyMessage?> ExecuteCommandAsync(CommandRequest request, CancellationToken cancellationToken = default) =>
        ExecuteCore(async: true, request, legacy: false, cancellationToken);

    /// <inheritdoc cref="ExecuteCommandAsync"/>
    public ReplyMessage? ExecuteCommand(CommandRequest request, CancellationToken cancellationToken = default) =>
        CompleteSync(ExecuteCore(async: false, request, legacy: false, cancellationToken));

    /// <summary>Runs a command given as a document and returns the decoded reply.</summary>
    public async ValueTask<BsonDocument> RunCommandAsync(string database, BsonDocument command, CancellationToken cancellationToken = default)
    {
        using var reply = await ExecuteCore(async: true, new CommandRequest(database, new BsonDocumentCommandBody(command)), legacy: false, cancellationToken).ConfigureAwait(false);
        return Decode(reply!);
    }

    /// <inheritdoc cref="RunCommandAsync"/>
    public BsonDocument RunCommand(string database, BsonDocument command, CancellationToken cancellationToken = default)
    {
        using var reply = CompleteSync(ExecuteCore(async: false, new CommandRequest(database, new BsonDocumentCommandBody(command)), legacy: false, cancellationToken));
        return Decode(reply!);
    }

    /// <summary>
    /// Reads the next reply of an exhaust stream (after a reply whose <see cref="ReplyMessage.MoreToCome"/> was
    /// set), without sending anything. Used by streaming monitors.
    /// </summary>
    public ValueTask<ReplyMessage> ReceiveMoreAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotUsable();
        return ReadMessageAsync(async: true, responseTo: 0, cancellationToken);
    }

    /// <inheritdoc cref="ReceiveMoreAsync"/>
    public ReplyMessage ReceiveMore(CancellationToken cancellationToken = default)
    {
        ThrowIfNotUsable();
        return CompleteSync(ReadMessageAsync(async: false, responseTo: 0, cancellationToken));
    }

    private void ThrowIfNotUsable()
    {
        switch ((State)Volatile.Read(ref _state))
        {
            case State.Open:
            case State.Opening:
                return;
            case State.Broken:
                throw new MongoConnectionClosedException(Address, ConnectionClosedReason.Broken);
            case State.Disposed:
                throw new MongoConnectionClosedException(Address, ConnectionClosedReason.Disposed);
            default:
                throw new InvalidOperationException("The connection has not been opened.");
        }
    }

    // Suspends at the socket on every async command: pooled boxes instead of one allocation per command (habit 4).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReplyMessage?> ExecuteCore(bool async, CommandRequest request, bool legacy, CancellationToken cancellationToken)
    {
        ThrowIfNotUsable();
        var commandName = request.CommandName;
        var requestId = RequestIds.Next();
        _sendBuffer.Clear();
        var compressor = !legacy && _compressor is not null && CompressorFactory.MayCompress(commandName) ? _compressor : null;
        var encoded = legacy
            ? OpQueryEncoder.Encode(_sendBuffer, requestId, request.Body)
            : OpMsgEncoder.Encode(_sendBuffer, requestId, request, _settings.ServerApi, checksum: _settings.SendChecksums && compressor is null);
        CheckSize(encoded, commandName);

        var started = Stopwatch.GetTimestamp();
        var activity = MongoTelemetry.StartCommand(commandName, request.Database, Address, _description?.ServerConnectionId);
        var redact = false;
        if (_events is not null)
        {
            var command = CommandEventDocuments.FromRequest(_sendBuffer.WrittenSpan.Slice(encoded.Offset, encoded.Length), encoded, legacy);
            redact = CommandRedaction.ShouldRedact(commandName, command);
            Publish(static (e, s) => e.OnCommandStarted(s), new CommandStartedEvent(commandName, request.Database, redact ? [] : command, requestId, null, ConnectionInfo()));
        }
        else
        {
            redact = CommandRedaction.IsSensitive(commandName) || CommandRedaction.IsHello(commandName);
        }

        ConnectionLog.CommandStarted(_logger, commandName, request.Database, requestId, Id, Address);
        ReplyMessage? reply = null;
        try
        {
            var message = _sendBuffer.WrittenMemory.Slice(encoded.Offset, encoded.Length);
            if (compressor is not null)
            {
                _compressBuffer ??= new PooledByteBufferWriter(4096);
                _compressBuffer.Clear();
                OpCompressedEncoder.Encode(message.Span, compressor, _compressBuffer);
                message = _compressBuffer.WrittenMemory;
            }

            await WriteMessageAsync(async, message, cancellationToken).ConfigureAwait(false);
            if ((request.Flags & CommandFlags.MoreToCome) != 0)
            {
                Succeeded(commandName, request.Database, requestId, started, activity, null, redact);
                return null;
            }

            reply = await ReadMessageAsync(async, requestId, cancellationToken).ConfigureAwait(false);
            if (!IsOk(reply))
            {
                var document = ErrorDocument(reply);
                reply.Dispose();
                reply = null;
                throw new MongoCommandException(Address, commandName, document);
            }

            Succeeded(commandName, request.Database, requestId, started, activity, reply, redact);
            return reply;
        }
        catch (Exception e)
        {
            reply?.Dispose();
            Failed(commandName, request.Database, requestId, started, activity, e, redact);
            throw;
        }
        finally
        {
            activity?.Dispose();
        }
    }

    // The body is only framed so far; a body that is not BSON is an unparsable reply, which ends the connection.
    private bool IsOk(ReplyMessage reply)
    {
        try
        {
            return !reply.QueryFailure && ReplyInspector.IsOk(reply.Body);
        }
        catch (BsonException e)
        {
            MarkBroken();
            throw new MongoProtocolException(Address, $"The server's reply is not valid BSON: {e.Message}", e);
        }
    }

    private BsonDocument ErrorDocument(ReplyMessage reply) => Decode(reply, ShapeError);

    /// <summary>Decodes a reply; BSON that does not parse breaks the connection like any unparsable reply.</summary>
    private BsonDocument Decode(ReplyMessage reply, Func<ReplyMessage, BsonDocument>? decode = null)
    {
        try
        {
            return decode is null ? reply.ToBsonDocument() : decode(reply);
        }
        catch (BsonException e)
        {
            MarkBroken();
            throw new MongoProtocolException(Address, $"The server's reply is not valid BSON: {e.Message}", e);
        }
    }

    private void CheckSize(EncodedMessage encoded, string commandName)
    {
        var maxMessage = MaxMessageSize;
        var maxDocument = (_description?.MaxBsonObjectSize ?? ConnectionDescription.DefaultMaxBsonObjectSize) + CommandOverhead;
        if (encoded.Length > maxMessage)
        {
            throw new MongoMessageTooLargeException($"The {commandName} message is {encoded.Length} bytes, more than the server's maximum of {maxMessage} bytes.", encoded.Length, maxMessage);
        }

        if (encoded.BodyLength > maxDocument)
        {
            throw new MongoMessageTooLargeException($"The {commandName} command document is {encoded.BodyLength} bytes, more than the server's maximum of {maxDocument} bytes.", encoded.BodyLength, maxDocument);
        }
    }

    private static BsonDocument ShapeError(ReplyMessage reply)
    {
        var document = reply.ToBsonDocument();
        if (reply.QueryFailure && document.TryGetValue("$err", out var error))
        {
            // An OP_REPLY query failure reports "$err"; give it the shape of a command error.
            var shaped = new BsonDocument { { "ok", 0 }, { "errmsg", error } };
            if (document.TryGetValue("code", out var code))
            {
                shaped.Add("code", code);
            }

            return shaped;
        }

        return document;
    }

    private CommandConnectionInfo ConnectionInfo() =>
        new(Address, Id, _description?.ServerConnectionId, _description?.ServiceId);

    private void Succeeded(string commandName, string database, int requestId, long started, Activity? activity, ReplyMessage? reply, bool redact)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        ConnectionLog.CommandSucceeded(_logger, commandName, database, elapsed.TotalMilliseconds, requestId, Id);
        if (_events is not null)
        {
            var document = redact ? [] : reply is null ? new BsonDocument("ok", 1) : Decode(reply);
            Publish(static (e, s) => e.OnCommandSucceeded(s), new CommandSucceededEvent(commandName, database, document, elapsed, requestId, null, ConnectionInfo()));
        }

        _ = activity;
    }

    private void Failed(string commandName, string database, int requestId, long started, Activity? activity, Exception error, bool redact)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        MongoTelemetry.Fail(activity, error);
        var description = redact && error is MongoCommandException command ? $"code {command.Code}" : error.Message;
        ConnectionLog.CommandFailed(_logger, commandName, database, elapsed.TotalMilliseconds, requestId, Id, error.GetType().Name, description);
        if (_events is not null)
        {
            Publish(static (e, s) => e.OnCommandFailed(s), new CommandFailedEvent(commandName, database, error, elapsed, requestId, null, ConnectionInfo()));
        }
    }

    private void Publish<TEvent>(Action<ICommandEventSubscriber, TEvent> raise, TEvent e)
    {
        try
        {
            raise(_events!, e);
        }
        catch (Exception)
        {
            // A subscriber's failure must not fail the command; events are observations.
        }
    }
}

using MongoDB.Bson;
using System.Runtime.CompilerServices;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Sessions;
using OpenQuizz.Typed.Topology;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations;

// One attempt: check out, decide retryability and the session, build the enveloped command, send, read, report errors.
internal sealed partial class OperationExecutor
{
    // MongoDB 8.2 (wire version 27) takes rawData; older servers are sent nothing (CRUD spec, DRIVERS-3064).
    private const int RawDataWireVersion = 27;

    /// <summary>Whether the command carries <c>rawData: true</c>: the operation asked for it and the server knows it.</summary>
    internal static bool SendsRawData(OperationSettings settings, int maxWireVersion) => settings.RawData && maxWireVersion >= RawDataWireVersion;

    // Pooled for the same reason as ExecuteCore: it suspends at the socket on every async call.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> AttemptAsync<TResult>(bool async, IOperation<TResult> operation, SelectedServer selected, Execution run, CancellationToken cancellationToken)
    {
        var address = selected.Server.Address;
        PooledConnectionLease lease;
        try
        {
            lease = async ? await selected.Pool.RentAsync(cancellationToken).ConfigureAwait(false) : selected.Pool.Rent(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _cluster.HandleApplicationError(ApplicationError.From(address, selected.Pool.Generation, selected.Description.MaxWireVersion, ErrorPhase.BeforeHandshakeCompletes, e));

            // Retryable reads and writes specs: an error establishing the connection (its handshake or authentication)
            // is retried as one on the connection would be; with no connection, the server's description decides.
            if (run.Retryable is null)
            {
                var enabled = !run.Settings.DisableRetries;
                if ((run.Traits & OperationTraits.RetryableWrite) != 0)
                {
                    run.RetryableWrite = enabled && RetryRules.CanRetryWrite(run.Traits, Settings.RetryWrites, inTransaction: false,
                        run.Settings.WriteConcern ?? WriteConcern.Acknowledged, selected.Description.Type, selected.Description.LogicalSessionTimeoutMinutes is not null);
                    run.Retryable = run.RetryableWrite;
                }
                else
                {
                    run.Retryable = enabled && RetryRules.CanRetryRead(run.Traits, Settings.RetryReads, inTransaction: false);
                }
            }

            if (run.RetryableWrite && RetryRules.IsNetworkError(e) && e is IMongoErrorLabels labels)
            {
                labels.AddErrorLabel(RetryRules.RetryableWriteError);
            }

            throw;
        }

        using (lease)
        {
            var connection = lease.GetMongoConnection();
            var description = connection.Description!;
            var traits = run.Traits;
            var settings = run.Settings;
            var writeConcern = settings.WriteConcern ?? WriteConcern.Acknowledged;
            var unacknowledged = (traits & OperationTraits.SupportsWriteConcern) != 0 && !writeConcern.IsAcknowledged;
            DecideRetryability(run, selected.Description.Type, description, writeConcern);

            // Sessions are supported when the connection's hello says so; an unacknowledged write must not use an implicit one.
            var session = settings.Session;
            if (session is null && (traits & OperationTraits.SupportsSession) != 0 && description.LogicalSessionTimeout is not null && !unacknowledged)
            {
                session = run.ImplicitSession ??= _sessions.Acquire(description.LogicalSessionTimeout);
            }

            if (run.RetryableWrite && run.TxnNumber is null && session is not null)
            {
                run.TxnNumber = session.AdvanceTransactionNumber();
            }

            var context = new OperationContext
            {
                Connection = description,
                Server = selected.Description,
                TopologyType = selected.Topology.Type,
                PinnedServer = settings.Server,
                Attempt = run.Attempt,
                Session = session,
                TxnNumber = run.RetryableWrite ? run.TxnNumber : null,
                ReadPreference = (traits & OperationTraits.Read) != 0 ? settings.ReadPreference ?? ReadPreference.Primary : ReadPreference.Primary,
                ReadConcern = settings.ReadConcern ?? ReadConcern.ServerDefault,
                WriteConcern = writeConcern,
                IsUnacknowledged = unacknowledged,
                RawData = SendsRawData(settings, description.MaxWireVersion),
                ClusterTime = selected.Description.Type == ServerType.Standalone ? null : _cluster.Clock.ClusterTime,
            };

            var command = operation.CreateCommand(context);
            var request = command with
            {
                Body = new CommandEnvelope(command.Body, context, traits),
                Flags = unacknowledged ? command.Flags | CommandFlags.MoreToCome : command.Flags,
            };

            session?.MarkUsed(_sessions.Time.GetTimestamp());
            ReplyMessage? reply;
            try
            {
                reply = async
                    ? await connection.ExecuteCommandAsync(request, cancellationToken).ConfigureAwait(false)
                    : connection.ExecuteCommand(request, cancellationToken);
            }
            catch (Exception e)
            {
                if (e is MongoCommandException { Reply: { } failed })
                {
                    _cluster.Clock.Advance(failed.GetValue("$clusterTime", null) as BsonDocument);
                }

                if (RetryRules.IsNetworkError(e))
                {
                    session?.MarkDirty();

                    // Retryable writes spec: a network error of a write the client may retry carries RetryableWriteError,
                    // on the retry as on the first attempt (the caller sees it when the retry fails too).
                    if (run.RetryableWrite && e is IMongoErrorLabels labels)
                    {
                        labels.AddErrorLabel(RetryRules.RetryableWriteError);
                    }
                }

                _cluster.HandleApplicationError(ApplicationError.From(address, lease.Connection.Generation, description.MaxWireVersion, ErrorPhase.AfterHandshakeCompletes, e, lease.Connection.ServiceId));
                throw;
            }

            if (reply is null)
            {
                return operation.HandleUnacknowledged(context);
            }

            using (reply)
            {
                if (ReplyFields.TryGetDocument(reply.Body, "$clusterTime"u8, out var clusterTime))
                {
                    _cluster.Clock.Advance(clusterTime);
                }

                BsonDocument? concernFailed = null;
                if ((traits & OperationTraits.SupportsWriteConcern) != 0 && ReplyFields.TryGetDocument(reply.Body, "writeConcernError"u8, out _))
                {
                    // An ok:1 reply whose write concern failed may still say "not writable primary" or "shutting down".
                    concernFailed = reply.ToBsonDocument();
                    if (ApplicationError.FromReply(address, lease.Connection.Generation, description.MaxWireVersion, ErrorPhase.AfterHandshakeCompletes, concernFailed) is { } error)
                    {
                        _cluster.HandleApplicationError(error with { ServiceId = lease.Connection.ServiceId });
                    }
                }

                var result = operation.HandleReply(reply, context);

                // A write whose reply reports its write concern error as a result (insert, update, delete) is retried
                // as an error is when that error is retryable; the first attempt's result stands if the retry cannot
                // happen or proves nothing was written.
                if (concernFailed is not null && run.RetryableWrite && run.Attempt == 1
                    && RetryRules.WriteConcernErrorLabels(concernFailed, description.MaxWireVersion) is { } concernLabels
                    && concernLabels.Contains(RetryRules.RetryableWriteError))
                {
                    throw new RetryableWriteConcernResult(result, concernLabels);
                }

                return result;
            }
        }
    }

    // The first attempt decides whether the operation is retryable at all; the retry only checks that its server still
    // supports retryable writes (retryable writes spec: otherwise the original error is raised).
    private void DecideRetryability(Execution run, ServerType serverType, Connections.ConnectionDescription connection, WriteConcern writeConcern)
    {
        if (run.Retryable is null)
        {
            var enabled = !run.Settings.DisableRetries;
            if ((run.Traits & OperationTraits.RetryableWrite) != 0)
            {
                run.RetryableWrite = enabled && RetryRules.CanRetryWrite(run.Traits, Settings.RetryWrites, inTransaction: false, writeConcern, serverType, connection);
                run.Retryable = run.RetryableWrite;
            }
            else
            {
                run.Retryable = enabled && RetryRules.CanRetryRead(run.Traits, Settings.RetryReads, inTransaction: false);
            }
        }
        else if (run.RetryableWrite && !RetryRules.ServerSupportsRetryableWrites(serverType, connection))
        {
            throw new RetryNotSupportedException();
        }
    }

    private static bool ShouldRetry(Execution run, Exception error, SelectedServer selected)
    {
        if (run.Retryable != true || error is OperationCanceledException or RetryNotSupportedException)
        {
            return false;
        }

        return run.RetryableWrite
            ? RetryRules.IsRetryableWriteError(error, selected.Description.MaxWireVersion)
            : RetryRules.IsRetryableReadError(error);
    }
}

/// <summary>
/// The first attempt of a retryable write succeeded with a retryable write concern error: raised only to retry it (the
/// labels are the reply's), carrying the attempt's result, which the caller gets if the retry does not replace it.
/// </summary>
internal sealed class RetryableWriteConcernResult(object? result, IReadOnlyList<string> labels)
    : Exception("The write was applied but its write concern failed with a retryable error."), IMongoErrorLabels
{
    private readonly List<string> _labels = [.. labels];

    /// <summary>The first attempt's result (with its write concern error).</summary>
    public object? Result { get; } = result;

    public IReadOnlyList<string> ErrorLabels => _labels;

    public bool HasErrorLabel(string label) => _labels.Contains(label);

    public void AddErrorLabel(string label)
    {
        if (!_labels.Contains(label))
        {
            _labels.Add(label);
        }
    }
}

/// <summary>Selects exactly one server by address (getMore and killCursors go where their cursor lives).</summary>
internal sealed class PinnedServerSelector(MongoServerAddress address) : IServerSelector
{
    public MongoServerAddress Address { get; } = address;

    public IReadOnlyList<ServerDescription> Select(TopologyDescription topology, IReadOnlyList<ServerDescription> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Address.Equals(Address) && candidate.IsAvailable)
            {
                return [candidate];
            }
        }

        return [];
    }

    public override string ToString() => $"the server {Address}";
}

/// <summary>Finds top-level fields of a reply body without decoding the rest.</summary>
internal static class ReplyFields
{
    /// <summary>Finds a top-level document field, decoded.</summary>
    public static bool TryGetDocument(ReadOnlySpan<byte> body, ReadOnlySpan<byte> name, out BsonDocument? document)
    {
        var reader = new BsonSpanReader(body);
        try
        {
            reader.ReadStartDocument();
            while (reader.ReadBsonType() is var type && type != BsonType.EndOfDocument)
            {
                if (reader.ReadNameBytes().SequenceEqual(name) && type == BsonType.Document)
                {
                    document = BsonDocument.ReadFrom(ref reader);
                    return true;
                }

                reader.SkipValue();
            }

            document = null;
            return false;
        }
        finally
        {
            reader.Dispose();
        }
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Tests.Operations;

/// <summary>The retryable reads and writes decisions as pure functions.</summary>
public sealed class RetryRulesTests
{
    private static readonly MongoServerAddress Address = new("localhost", 27017);

    private static ConnectionDescription Connection(int? sessionMinutes, int maxWireVersion = 21) => new()
    {
        Address = Address,
        LocalConnectionId = 1,
        MaxWireVersion = maxWireVersion,
        LogicalSessionTimeout = sessionMinutes is { } m ? TimeSpan.FromMinutes(m) : null,
        HelloReply = [],
    };

    private static MongoCommandException Command(int code, params string[] labels)
    {
        var reply = new BsonDocument { { "ok", 0 }, { "code", code }, { "errmsg", "boom" } };
        if (labels.Length > 0)
        {
            reply.Add("errorLabels", new BsonArray(labels.Select(l => (BsonValue)l)));
        }

        return new MongoCommandException(Address, "find", reply);
    }

    [Theory]
    [InlineData(11600, true)]
    [InlineData(10107, true)]
    [InlineData(91, true)]
    [InlineData(89, true)]
    [InlineData(134, true)]
    [InlineData(2, false)]
    [InlineData(11000, false)]
    public void Read_errors_are_retryable_by_code(int code, bool retryable) =>
        Assert.Equal(retryable, RetryRules.IsRetryableReadError(Command(code)));

    [Fact]
    public void Network_errors_and_cleared_pools_are_retryable_reads_but_cancellation_is_not()
    {
        Assert.True(RetryRules.IsRetryableReadError(new MongoConnectionException(Address, "reset")));
        Assert.True(RetryRules.IsRetryableReadError(new MongoPoolClearedException(Address)));
        Assert.False(RetryRules.IsRetryableReadError(new OperationCanceledException()));
    }

    [Fact]
    public void Reads_retry_only_when_enabled_retryable_and_outside_a_transaction()
    {
        const OperationTraits find = OperationTraits.Read | OperationTraits.RetryableRead;
        Assert.True(RetryRules.CanRetryRead(find, retryReads: true, inTransaction: false));
        Assert.False(RetryRules.CanRetryRead(find, retryReads: false, inTransaction: false));
        Assert.False(RetryRules.CanRetryRead(find, retryReads: true, inTransaction: true));
        Assert.False(RetryRules.CanRetryRead(OperationTraits.Read, retryReads: true, inTransaction: false));
    }

    [Fact]
    public void Writes_retry_only_on_session_capable_non_standalone_servers_with_acknowledged_writes()
    {
        const OperationTraits insert = OperationTraits.RetryableWrite | OperationTraits.SupportsWriteConcern;
        Assert.True(RetryRules.CanRetryWrite(insert, true, false, WriteConcern.Acknowledged, ServerType.RSPrimary, Connection(30)));
        Assert.False(RetryRules.CanRetryWrite(insert, true, false, WriteConcern.Acknowledged, ServerType.Standalone, Connection(30)));
        Assert.False(RetryRules.CanRetryWrite(insert, true, false, WriteConcern.Acknowledged, ServerType.RSPrimary, Connection(null)));
        Assert.False(RetryRules.CanRetryWrite(insert, true, false, WriteConcern.Unacknowledged, ServerType.RSPrimary, Connection(30)));
        Assert.False(RetryRules.CanRetryWrite(insert, retryWrites: false, false, WriteConcern.Acknowledged, ServerType.Mongos, Connection(30)));
        Assert.False(RetryRules.CanRetryWrite(insert, true, inTransaction: true, WriteConcern.Acknowledged, ServerType.Mongos, Connection(30)));
    }

    [Fact]
    public void A_network_error_gets_the_retryable_write_label()
    {
        var error = new MongoConnectionException(Address, "reset");
        Assert.True(RetryRules.IsRetryableWriteError(error, maxWireVersion: 21));
        Assert.True(error.HasErrorLabel(RetryRules.RetryableWriteError));
    }

    [Fact]
    public void Modern_servers_label_write_errors_themselves_older_ones_by_code()
    {
        Assert.False(RetryRules.IsRetryableWriteError(Command(10107), maxWireVersion: 21));
        Assert.True(RetryRules.IsRetryableWriteError(Command(10107, "RetryableWriteError"), maxWireVersion: 21));
        Assert.True(RetryRules.IsRetryableWriteError(Command(10107), maxWireVersion: 8));
        Assert.False(RetryRules.IsRetryableWriteError(Command(11000), maxWireVersion: 8));
    }

    [Fact]
    public void A_failed_retry_reports_its_own_error_unless_no_writes_were_performed()
    {
        var original = Command(91, "RetryableWriteError");
        var plain = Command(2);
        var noWrites = Command(10107, "RetryableWriteError", "NoWritesPerformed");
        Assert.Same(plain, RetryRules.ErrorAfterFailedRetry(original, plain));
        Assert.Same(original, RetryRules.ErrorAfterFailedRetry(original, noWrites));
    }
}

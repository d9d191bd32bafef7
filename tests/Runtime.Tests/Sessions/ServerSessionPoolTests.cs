using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Sessions;
using OpenQuizz.Typed.Tests.Topology;

namespace OpenQuizz.Typed.Tests.Sessions;

/// <summary>The server session pool's rules (driver-sessions spec), with a manual clock.</summary>
public sealed class ServerSessionPoolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    [Fact]
    public void Sessions_are_reused_most_recent_first()
    {
        var pool = new ServerSessionPool(new ManualTimeProvider());
        var a = pool.Acquire(Timeout);
        var b = pool.Acquire(Timeout);
        Assert.NotEqual(a.Id, b.Id);
        pool.Release(a, Timeout);
        pool.Release(b, Timeout);

        Assert.Same(b, pool.Acquire(Timeout));
        Assert.Same(a, pool.Acquire(Timeout));
        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public void A_dirty_session_is_discarded()
    {
        var pool = new ServerSessionPool(new ManualTimeProvider());
        var session = pool.Acquire(Timeout);
        session.MarkDirty();
        pool.Release(session, Timeout);

        Assert.Equal(0, pool.IdleCount);
        Assert.NotSame(session, pool.Acquire(Timeout));
    }

    [Fact]
    public void Sessions_within_a_minute_of_expiry_are_not_reused()
    {
        var time = new ManualTimeProvider();
        var pool = new ServerSessionPool(time);
        var old = pool.Acquire(Timeout);
        pool.Release(old, Timeout);
        time.Advance(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(1));

        Assert.NotSame(old, pool.Acquire(Timeout));
        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public void Releasing_prunes_expired_idle_sessions_and_keeps_fresh_ones()
    {
        var time = new ManualTimeProvider();
        var pool = new ServerSessionPool(time);
        var stale = pool.Acquire(Timeout);
        pool.Release(stale, Timeout);
        time.Advance(TimeSpan.FromMinutes(29.5));
        var fresh = pool.Acquire(Timeout);
        Assert.NotSame(stale, fresh);
        fresh.MarkUsed(time.GetTimestamp());
        pool.Release(fresh, Timeout);

        Assert.Equal(1, pool.IdleCount);
        Assert.Same(fresh, pool.Acquire(Timeout));
    }

    [Fact]
    public void Closing_hands_back_idle_sessions_and_refuses_later_ones()
    {
        var pool = new ServerSessionPool(new ManualTimeProvider());
        var a = pool.Acquire(Timeout);
        var b = pool.Acquire(Timeout);
        pool.Release(a, Timeout);

        Assert.Equal([a], pool.Close());
        pool.Release(b, Timeout);
        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public void The_lsid_is_a_uuid_of_subtype_4_and_txn_numbers_increase()
    {
        var session = new ServerSession(Guid.NewGuid(), 0);
        var lsid = session.ToLsidDocument();
        var id = Assert.IsType<BsonBinaryData>(lsid["id"]);
        Assert.Equal(BsonBinarySubType.UuidStandard, id.SubType);
        Assert.Equal(session.Id, id.ToGuid());
        Assert.Equal(1, session.AdvanceTransactionNumber());
        Assert.Equal(2, session.AdvanceTransactionNumber());
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Storage;

namespace OpenQuizz.Typed.Embedded.Indexes;

/// <summary>
/// mongod's TTL monitor: on a timer of the server's <see cref="TimeProvider"/>, deletes the documents whose date in
/// a TTL index (the earliest, for an array) is more than <c>expireAfterSeconds</c> in the past. Deletions go through
/// the collection like any other, so they update the other indexes and the journal.
/// </summary>
internal sealed class TtlMonitor : IDisposable
{
    private readonly StorageEngine _storage;
    private readonly TimeProvider _time;
    private readonly Action _afterPass;
    private readonly Action<string> _log;
    private readonly ITimer? _timer;
    private int _running;

    public TtlMonitor(StorageEngine storage, TimeProvider time, TimeSpan interval, Action afterPass, Action<string> log)
    {
        _storage = storage;
        _time = time;
        _afterPass = afterPass;
        _log = log;
        if (interval > TimeSpan.Zero && interval != Timeout.InfiniteTimeSpan)
        {
            _timer = time.CreateTimer(static state => ((TtlMonitor)state!).RunPass(), this, interval, interval);
        }
    }

    /// <summary>The number of documents deleted since the server started (serverStatus' ttl.deletedDocuments).</summary>
    public long DeletedDocuments;

    /// <summary>The number of passes run (serverStatus' ttl.passes).</summary>
    public long Passes;

    /// <summary>Runs one pass now; overlapping passes are skipped.</summary>
    public void RunPass()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var deleted = 0L;
            foreach (var database in _storage.Databases)
            {
                foreach (var collection in database.Collections.Values)
                {
                    deleted += Expire(collection, now);
                }
            }

            if (deleted > 0)
            {
                Interlocked.Add(ref DeletedDocuments, deleted);
                _afterPass();
            }

            Interlocked.Increment(ref Passes);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An exception escaping a timer callback ends the process: a failed pass is logged and the next one
            // tries again, while the server goes on serving.
            _log($"TTL monitor pass failed: {ex}");
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private static int Expire(CollectionStore collection, long nowMs)
    {
        lock (collection.SyncRoot)
        {
            HashSet<long>? expired = null;
            foreach (var index in collection.Indexes.Secondary)
            {
                if (index.Spec.ExpireAfterSeconds is not { } seconds)
                {
                    continue;
                }

                var cutoff = new BsonDateTime(nowMs - (seconds * 1000));
                var scan = new IndexScan(index, [index.RangeInterval(null, false, cutoff, false, cutoff)], deduplicate: false);
                foreach (var recordId in scan.Drain(collection))
                {
                    (expired ??= []).Add(recordId);
                }
            }

            if (expired is null)
            {
                return 0;
            }

            foreach (var recordId in expired)
            {
                collection.Delete(recordId);
            }

            return expired.Count;
        }
    }

    public void Dispose() => _timer?.Dispose();
}

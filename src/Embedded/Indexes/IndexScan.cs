using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Storage;

namespace OpenQuizz.Typed.Embedded.Indexes;

/// <summary>
/// A stretch of an index between two entries (null = that end of the index), walked forwards or backwards. Entries
/// whose leading key is not of type rank <see cref="Rank"/> (-1 = any) are skipped, or end the walk when
/// <see cref="StopAtOtherRank"/> (a half-open range has left its type bracket).
/// </summary>
internal readonly record struct IndexInterval(IndexEntry? From, IndexEntry? To, bool Reverse, int Rank, bool StopAtOtherRank);

/// <summary>
/// A resumable walk of one index over a list of intervals, yielding record ids. Between calls the index may change:
/// the scan remembers the last entry it saw and, when the index's version moved, seeks back to it, so an open cursor
/// holds a position, not the matching records. On a multikey index record ids already returned are remembered so a
/// document comes back once, as mongod's index scan does (the one cost that grows with the result, 8 bytes a record).
/// </summary>
internal sealed class IndexScan : RecordScan
{
    private readonly SecondaryIndex _index;
    private readonly IndexInterval[] _intervals;
    private HashSet<long>? _returned;
    private int _interval;
    private IndexEntry? _last;
    private IEnumerator<IndexEntry>? _walk;
    private long _version;

    public IndexScan(SecondaryIndex index, IndexInterval[] intervals, bool deduplicate)
    {
        _index = index;
        _intervals = intervals;
        _returned = deduplicate ? [] : null;
    }

    public SecondaryIndex Index => _index;

    /// <summary>Whether the scan yields records in its index's key order (every interval walked forwards, in order).</summary>
    public bool InKeyOrder { get; init; }

    public override bool TryNext(CollectionStore collection, out long recordId, out BsonDocument document)
    {
        while (TryNextRecord(collection, out recordId))
        {
            if (collection.TryGetDocument(recordId, out document))
            {
                return true;
            }
        }

        document = null!;
        return false;
    }

    /// <summary>The next record id; the caller holds the collection lock.</summary>
    public bool TryNextRecord(CollectionStore collection, out long recordId)
    {
        if (_index.IsDropped)
        {
            // mongod kills a query whose index is dropped under it.
            throw new MongoServerException(ErrorCodes.QueryPlanKilled, $"query plan killed :: caused by :: index '{_index.Name}' dropped");
        }

        // A multikey index may hold several entries for one document; so may an index that became multikey mid-scan.
        if (_returned is null && _index.IsMultikey)
        {
            _returned = [];
        }

        while (_interval < _intervals.Length)
        {
            var interval = _intervals[_interval];
            if (_walk is null || _version != _index.Version)
            {
                _walk?.Dispose();
                _walk = _index.Seek(interval, _last).GetEnumerator();
                _version = _index.Version;
            }

            while (_walk.MoveNext())
            {
                var entry = _walk.Current;
                if (_last is { } last && _index.Comparer.Compare(entry, last) == 0)
                {
                    continue; // the entry the scan stopped at, seen again after seeking back to it
                }

                _last = entry;
                if (interval.Rank >= 0 && Query.BsonOrder.Rank(entry.Key[0].BsonType) != interval.Rank)
                {
                    if (interval.StopAtOtherRank)
                    {
                        break;
                    }

                    continue;
                }

                if (_returned is not null && !_returned.Add(entry.RecordId))
                {
                    continue;
                }

                recordId = entry.RecordId;
                return true;
            }

            _walk.Dispose();
            _walk = null;
            _last = null;
            _interval++;
        }

        recordId = 0;
        return false;
    }

    /// <summary>Every remaining record id at once; for callers that hold the lock for the whole read.</summary>
    public IEnumerable<long> Drain(CollectionStore collection)
    {
        while (TryNextRecord(collection, out var recordId))
        {
            yield return recordId;
        }
    }
}

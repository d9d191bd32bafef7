using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Storage;

/// <summary>
/// A read of a collection's records that can pause between any two of them and resume later, so a cursor keeps a
/// position instead of a result. Each call runs under the collection lock (held by the caller) and re-validates the
/// position against whatever changed while the scan was paused: a record deleted since is not returned, one added
/// ahead of the position is.
/// </summary>
internal abstract class RecordScan
{
    /// <summary>The next record, or false when the scan is done. The caller holds the collection lock.</summary>
    public abstract bool TryNext(CollectionStore collection, out long recordId, out BsonDocument document);
}

/// <summary>Natural order: the scan keeps the last record id it returned and resumes after it (ids only grow).</summary>
internal sealed class CollectionScan : RecordScan
{
    private long _last;

    public override bool TryNext(CollectionStore collection, out long recordId, out BsonDocument document)
    {
        foreach (var (id, stored) in collection.ScanAfter(_last))
        {
            _last = id;
            recordId = id;
            document = stored.Document;
            return true;
        }

        recordId = 0;
        document = null!;
        return false;
    }
}

/// <summary>A fixed list of records (the <c>_id</c> point lookup), each read again when its turn comes.</summary>
internal sealed class RecordListScan(long[] recordIds) : RecordScan
{
    private int _next;

    public override bool TryNext(CollectionStore collection, out long recordId, out BsonDocument document)
    {
        while (_next < recordIds.Length)
        {
            recordId = recordIds[_next++];
            if (collection.TryGetDocument(recordId, out document))
            {
                return true;
            }
        }

        recordId = 0;
        document = null!;
        return false;
    }
}

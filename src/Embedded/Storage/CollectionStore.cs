using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Indexes;
using OpenQuizz.Typed.Embedded.Query;
using OpenQuizz.Typed.Embedded.Storage.Persistence;

namespace OpenQuizz.Typed.Embedded.Storage;

/// <summary>A stored document and its encoded size.</summary>
internal readonly record struct StoredDocument(BsonDocument Document, int Size);

/// <summary>
/// One collection: documents in natural (insertion) order under a record id, plus the <c>_id</c> index.
/// <para>
/// Invariants: a stored <see cref="BsonDocument"/> is never mutated (updates store a modified copy), so readers may
/// keep references after leaving the lock; every mutation goes through <see cref="Insert"/>, <see cref="Replace"/>
/// or <see cref="Delete"/>, the single place where secondary indexes and a journal will hook in later.
/// Callers hold <see cref="SyncRoot"/> around every member that reads or writes documents, for the whole of a
/// read-modify-write, so concurrent updates of one document never lose a write.
/// </para>
/// </summary>
internal sealed class CollectionStore
{
    private readonly Dictionary<long, StoredDocument> _records = [];

    // Record ids in natural order. Ids only grow, so appending keeps the list sorted and a scan can resume after any
    // id by binary search (a cursor keeps its position, not its results). Deleted ids stay until they are many.
    private readonly List<long> _order = [];
    private int _deletedInOrder;
    private readonly Dictionary<BsonValue, long> _idIndex = new(BsonKeyEquality.Instance);
    private long _nextRecordId = 1;

    public CollectionStore(string database, string name, BsonDocument? options = null, Guid? uuid = null)
    {
        Database = database;
        Name = name;
        Options = options ?? [];
        Uuid = uuid ?? Guid.NewGuid();
    }

    public string Database { get; private set; }

    public string Name { get; private set; }

    public string FullName => Database + "." + Name;

    public BsonDocument Options { get; }

    public Guid Uuid { get; }

    public Lock SyncRoot { get; } = new();

    public int Count => _records.Count;

    /// <summary>The secondary indexes, maintained by <see cref="Insert"/>, <see cref="Replace"/> and <see cref="Delete"/>.</summary>
    public IndexCatalog Indexes { get; } = new();

    /// <summary>Where mutations are recorded when the server persists to a data directory; null in memory or during replay.</summary>
    public Journal? Journal { get; set; }

    /// <summary>Documents read by queries, so tests can prove a query used an index instead of scanning.</summary>
    public long DocumentsExamined { get; set; }

    public BsonDocument GetDocument(long recordId) => _records[recordId].Document;

    /// <summary>The document stored under <paramref name="recordId"/>, if it still exists.</summary>
    public bool TryGetDocument(long recordId, out BsonDocument document)
    {
        if (_records.TryGetValue(recordId, out var stored))
        {
            document = stored.Document;
            return true;
        }

        document = null!;
        return false;
    }

    /// <summary>The sum of the encoded sizes of the documents.</summary>
    public long DataSize { get; private set; }

    public IEnumerable<KeyValuePair<long, StoredDocument>> Scan() => ScanAfter(0);

    /// <summary>The documents in natural order whose record id is greater than <paramref name="recordId"/>.</summary>
    public IEnumerable<KeyValuePair<long, StoredDocument>> ScanAfter(long recordId)
    {
        var start = _order.BinarySearch(recordId + 1);
        for (var i = start < 0 ? ~start : start; i < _order.Count; i++)
        {
            if (_records.TryGetValue(_order[i], out var stored))
            {
                yield return new KeyValuePair<long, StoredDocument>(_order[i], stored);
            }
        }
    }

    /// <summary>Lookups through the <c>_id</c> index, for <c>$indexStats</c>.</summary>
    public long IdIndexAccesses { get; private set; }

    public bool TryGetById(BsonValue id, out long recordId, out BsonDocument document)
    {
        IdIndexAccesses++;
        if (_idIndex.TryGetValue(id, out recordId))
        {
            document = _records[recordId].Document;
            return true;
        }

        document = null!;
        return false;
    }

    /// <summary>Stores a new document, which must already carry its <c>_id</c> as the first field.</summary>
    /// <exception cref="MongoServerException">Duplicate key (11000).</exception>
    public long Insert(BsonDocument document, int size)
    {
        var id = document["_id"];
        if (_idIndex.ContainsKey(id))
        {
            throw DuplicateKey(id);
        }

        // Every check happens before anything changes, so a failed unique check leaves the collection as it was.
        var keys = Indexes.Prepare(document, recordId: 0, FullName);

        // Journal before memory: a record that cannot be journaled must not become visible, or it would vanish at
        // the next restart while clients had been shown it. (Inside a retryable write the record joins the command's
        // group, written whole while the collection lock is still held.)
        if (Journal is not null)
        {
            Log(Journal.InsertRecord(FullName, document));
        }

        var recordId = _nextRecordId++;
        _records.Add(recordId, new StoredDocument(document, size));
        _order.Add(recordId);
        _idIndex.Add(id, recordId);
        Indexes.Apply(recordId, keys);
        DataSize += size;
        return recordId;
    }

    /// <summary>Replaces a document in place (natural order is kept); its <c>_id</c> must be unchanged.</summary>
    public void Replace(long recordId, BsonDocument document, int size)
    {
        var old = _records[recordId];
        var keys = Indexes.Prepare(document, recordId, FullName);
        if (Journal is not null)
        {
            Log(Journal.ReplaceRecord(FullName, document));
        }

        Indexes.Remove(recordId, old.Document);
        Indexes.Apply(recordId, keys);
        _records[recordId] = new StoredDocument(document, size);
        DataSize += size - old.Size;
    }

    public void Delete(long recordId)
    {
        if (_records.Remove(recordId, out var old))
        {
            if (++_deletedInOrder > 1024 && _deletedInOrder > _order.Count / 2)
            {
                _order.RemoveAll(id => !_records.ContainsKey(id));
                _deletedInOrder = 0;
            }

            _idIndex.Remove(old.Document["_id"]);
            Indexes.Remove(recordId, old.Document);
            DataSize -= old.Size;
            if (Journal is not null)
            {
                Log(Journal.DeleteRecord(FullName, old.Document["_id"]));
            }
        }
    }

    // Inside a retryable write the record joins the command's journal group (see JournalGroup) instead of the journal.
    // Callers build the record only when a journal is attached: in memory, a mutation allocates nothing for it.
    private void Log(BsonDocument record)
    {
        if (Journal is not { } journal)
        {
            return;
        }

        if (JournalGroup.Current is { } group)
        {
            group.Add(this, journal, record);
        }
        else
        {
            journal.Append(record);
        }
    }

    public void Truncate()
    {
        _records.Clear();
        _order.Clear();
        _deletedInOrder = 0;
        _idIndex.Clear();
        Indexes.Clear();
        DataSize = 0;
    }

    internal void Rename(string database, string name)
    {
        Database = database;
        Name = name;
    }

    /// <summary>The document count, data size and an index-size entry per index, read together under the collection lock (collStats, $collStats).</summary>
    public (int Count, long DataSize, BsonDocument IndexSizes) Statistics()
    {
        var indexSizes = new BsonDocument();
        lock (SyncRoot)
        {
            foreach (var spec in Indexes.Specs)
            {
                indexSizes.Add(spec.Name, 0);
            }

            return (Count, DataSize, indexSizes);
        }
    }

    public MongoServerException DuplicateKey(BsonValue id) => new(
        ErrorCodes.DuplicateKey,
        $"E11000 duplicate key error collection: {FullName} index: _id_ dup key: {{ _id: {id} }}",
        new BsonDocument { { "keyPattern", new BsonDocument("_id", 1) }, { "keyValue", new BsonDocument("_id", id) } });
}

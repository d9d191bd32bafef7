using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Indexes;

/// <summary>The keys one document contributes to each secondary index, computed (and checked) before anything changes.</summary>
internal sealed class PendingKeys(List<BsonValue[]>[] keys, bool[] multikey)
{
    public List<BsonValue[]>[] Keys { get; } = keys;

    public bool[] Multikey { get; } = multikey;
}

/// <summary>
/// The secondary indexes of one collection (the <c>_id</c> index lives in the collection itself). Maintenance is
/// two-phase so a write is atomic: <see cref="Prepare"/> computes every key and runs every unique check, throwing
/// before any structure changes; <see cref="Apply"/> then cannot fail. The collection lock guards it.
/// </summary>
internal sealed class IndexCatalog
{
    private readonly List<SecondaryIndex> _indexes = [];

    /// <summary>The secondary indexes in creation order.</summary>
    public IReadOnlyList<SecondaryIndex> Secondary => _indexes;

    /// <summary>The number of indexes including <c>_id_</c>.</summary>
    public int Count => _indexes.Count + 1;

    public IEnumerable<IndexSpec> Specs
    {
        get
        {
            yield return IndexSpec.IdIndex;
            foreach (var index in _indexes)
            {
                yield return index.Spec;
            }
        }
    }

    public SecondaryIndex? Find(string name) => _indexes.Find(i => i.Name == name);

    /// <summary>Keys of a new or replacing document, checked against unique indexes; null when there are no secondary indexes.</summary>
    /// <exception cref="MongoServerException">Duplicate key (11000) or parallel arrays (171).</exception>
    public PendingKeys? Prepare(BsonDocument document, long recordId, string collectionName)
    {
        if (_indexes.Count == 0)
        {
            return null;
        }

        var keys = new List<BsonValue[]>[_indexes.Count];
        var multikey = new bool[_indexes.Count];
        for (var i = 0; i < _indexes.Count; i++)
        {
            keys[i] = _indexes[i].KeysOf(document, out multikey[i]);
        }

        for (var i = 0; i < _indexes.Count; i++)
        {
            _indexes[i].CheckUnique(keys[i], recordId, collectionName);
        }

        return new PendingKeys(keys, multikey);
    }

    public void Apply(long recordId, PendingKeys? pending)
    {
        if (pending is null)
        {
            return;
        }

        for (var i = 0; i < _indexes.Count; i++)
        {
            _indexes[i].Add(recordId, pending.Keys[i], pending.Multikey[i]);
        }
    }

    /// <summary>Removes a document's entries; its keys are recomputed from the stored (never mutated) document.</summary>
    public void Remove(long recordId, BsonDocument document)
    {
        foreach (var index in _indexes)
        {
            index.Remove(recordId, index.KeysOf(document, out _));
        }
    }

    public void Clear()
    {
        foreach (var index in _indexes)
        {
            index.Clear();
        }
    }

    /// <summary>Builds an index over existing documents without registering it; throws 11000/171 on bad data.</summary>
    public static SecondaryIndex Build(IndexSpec spec, IEnumerable<KeyValuePair<long, BsonDocument>> documents, string collectionName)
    {
        var index = new SecondaryIndex(spec);
        foreach (var (recordId, document) in documents)
        {
            var keys = index.KeysOf(document, out var multikey);
            try
            {
                index.CheckUnique(keys, recordId, collectionName);
            }
            catch (MongoServerException ex) when (ex.Code == ErrorCodes.DuplicateKey)
            {
                throw new MongoServerException(ex.Code, "Index build failed: " + collectionName + " :: caused by :: " + ex.Message, ex.Details);
            }

            index.Add(recordId, keys, multikey);
        }

        return index;
    }

    public void Add(SecondaryIndex index) => _indexes.Add(index);

    public bool Drop(string name)
    {
        var index = _indexes.FindIndex(i => i.Name == name);
        if (index < 0)
        {
            return false;
        }

        _indexes[index].IsDropped = true;
        _indexes.RemoveAt(index);
        return true;
    }

    public void DropAll()
    {
        foreach (var index in _indexes)
        {
            index.IsDropped = true;
        }

        _indexes.Clear();
    }
}

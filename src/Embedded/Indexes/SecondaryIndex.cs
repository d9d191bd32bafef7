using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Indexes;

/// <summary>
/// One secondary index: entries ordered by key (a red-black tree keyed by <see cref="BsonOrder"/> with the key
/// pattern's directions) for range scans, plus, for a unique index, a hash of whole keys for the duplicate check.
/// The owning collection's lock guards it.
/// </summary>
internal sealed class SecondaryIndex
{
    private readonly SortedSet<IndexEntry> _entries;
    private readonly IndexEntryComparer _comparer;
    private readonly Dictionary<BsonValue[], long>? _unique;

    public SecondaryIndex(IndexSpec spec)
    {
        Spec = spec;
        var directions = new int[spec.Fields.Length];
        for (var i = 0; i < directions.Length; i++)
        {
            directions[i] = spec.Fields[i].Direction;
        }

        _comparer = new IndexEntryComparer(directions);
        _entries = new SortedSet<IndexEntry>(_comparer);
        if (spec.Unique)
        {
            _unique = new Dictionary<BsonValue[], long>(IndexKeyEquality.Instance);
        }

        // A leading path with a numeric component indexes array positions, whose query semantics we do not plan for.
        IsPlannable = spec.PartialFilter is null
            && !Query.ExpressionValues.IsTruthy(spec.Document.GetValue("hidden", null))
            && !Array.Exists(spec.Fields[0].Parts, p => FieldPath.ParseIndex(p) >= 0);
    }

    public IndexSpec Spec { get; }

    public string Name => Spec.Name;

    /// <summary>Whether some document produced keys through an array (then range bounds on one field cannot be intersected).</summary>
    public bool IsMultikey { get; private set; }

    /// <summary>Whether the planner may answer queries from this index (not partial or hidden, no positional leading path).</summary>
    public bool IsPlannable { get; }

    public int EntryCount => _entries.Count;

    /// <summary>The keys of a document; throws 171 for parallel arrays.</summary>
    public List<BsonValue[]> KeysOf(BsonDocument document, out bool multikey) => IndexKeyGenerator.Generate(Spec, document, out multikey);

    /// <summary>Throws 11000 when a unique index already holds one of <paramref name="keys"/> for another record.</summary>
    public void CheckUnique(List<BsonValue[]> keys, long recordId, string collectionName)
    {
        if (_unique is null)
        {
            return;
        }

        foreach (var key in keys)
        {
            if (_unique.TryGetValue(key, out var owner) && owner != recordId)
            {
                throw DuplicateKey(collectionName, key);
            }
        }
    }

    public void Add(long recordId, List<BsonValue[]> keys, bool multikey)
    {
        IsMultikey |= multikey;

        foreach (var key in keys)
        {
            _entries.Add(new IndexEntry(key, recordId));
            _unique?.TryAdd(key, recordId);
        }
    }

    public void Remove(long recordId, List<BsonValue[]> keys)
    {
        foreach (var key in keys)
        {
            _entries.Remove(new IndexEntry(key, recordId));
            if (_unique is not null && _unique.TryGetValue(key, out var owner) && owner == recordId)
            {
                _unique.Remove(key);
            }
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _unique?.Clear();
    }

    /// <summary>Records whose leading key field equals <paramref name="value"/> (in index order).</summary>
    public IEnumerable<long> Equal(BsonValue value)
    {
        if (_entries.Count == 0)
        {
            yield break;
        }

        var low = new IndexEntry([value], 0, -1);
        var high = new IndexEntry([value], 0, 1);
        foreach (var entry in _entries.GetViewBetween(low, high))
        {
            yield return entry.RecordId;
        }
    }

    /// <summary>
    /// Records whose leading key field lies between the bounds (null = unbounded) and has the canonical type of
    /// <paramref name="bracket"/>, mongod's type bracketing of comparisons.
    /// </summary>
    public IEnumerable<long> Range(BsonValue? lower, bool lowerInclusive, BsonValue? upper, bool upperInclusive, BsonValue bracket)
    {
        if (_entries.Count == 0)
        {
            yield break;
        }

        var rank = BsonOrder.Rank(bracket.BsonType);
        IndexEntry? from, to;
        if (Spec.Fields[0].Direction > 0)
        {
            from = lower is null ? null : new IndexEntry([lower], 0, lowerInclusive ? -1 : 1);
            to = upper is null ? null : new IndexEntry([upper], 0, upperInclusive ? 1 : -1);
        }
        else
        {
            from = upper is null ? null : new IndexEntry([upper], 0, upperInclusive ? -1 : 1);
            to = lower is null ? null : new IndexEntry([lower], 0, lowerInclusive ? 1 : -1);
        }

        IEnumerable<IndexEntry> view;
        if (from is { } f && to is { } t)
        {
            if (_comparer.Compare(f, t) > 0)
            {
                yield break;
            }

            view = _entries.GetViewBetween(f, t);
        }
        else if (from is { } start)
        {
            if (_comparer.Compare(start, _entries.Max) > 0)
            {
                yield break;
            }

            view = _entries.GetViewBetween(start, _entries.Max);
        }
        else if (to is { } end)
        {
            if (_comparer.Compare(_entries.Min, end) > 0)
            {
                yield break;
            }

            // Walk backwards from the bound so the scan stops at the start of the type bracket.
            view = _entries.GetViewBetween(_entries.Min, end).Reverse();
        }
        else
        {
            view = _entries;
        }

        foreach (var entry in view)
        {
            if (BsonOrder.Rank(entry.Key[0].BsonType) != rank)
            {
                if (from is null || to is null)
                {
                    yield break;
                }

                continue;
            }

            yield return entry.RecordId;
        }
    }

    /// <summary>All entries in index order, for index-ordered reads and the TTL monitor.</summary>
    public IEnumerable<IndexEntry> Entries => _entries;

    public MongoServerException DuplicateKey(string collectionName, BsonValue[] key)
    {
        var keyValue = new BsonDocument();
        var text = new System.Text.StringBuilder("{ ");
        for (var i = 0; i < key.Length; i++)
        {
            var path = Spec.Fields[i].Path;
            keyValue.Add(path, key[i]);
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(path).Append(": ").Append(key[i].ToString());
        }

        text.Append(" }");
        return new MongoServerException(
            ErrorCodes.DuplicateKey,
            $"E11000 duplicate key error collection: {collectionName} index: {Name} dup key: {text}",
            new BsonDocument { { "keyPattern", Spec.Key }, { "keyValue", keyValue } });
    }
}

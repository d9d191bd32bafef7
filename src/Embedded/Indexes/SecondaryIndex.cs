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

    /// <summary>Set when the index is dropped, so a scan paused on it stops (QueryPlanKilled) instead of reading a stale index.</summary>
    public bool IsDropped { get; set; }

    /// <summary>Queries planned on this index since it was built, for <c>$indexStats</c>; the collection lock guards it.</summary>
    public long Accesses { get; set; }

    /// <summary>Changes with every added or removed entry, so a paused <see cref="IndexScan"/> knows to seek again.</summary>
    public long Version { get; private set; }

    /// <summary>The order of the entries (key pattern directions, then record id).</summary>
    public IComparer<IndexEntry> Comparer => _comparer;

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
        Version++;
        foreach (var key in keys)
        {
            _entries.Add(new IndexEntry(key, recordId));
            _unique?.TryAdd(key, recordId);
        }
    }

    public void Remove(long recordId, List<BsonValue[]> keys)
    {
        Version++;
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
        Version++;
        _entries.Clear();
        _unique?.Clear();
    }

    /// <summary>
    /// The entries of <paramref name="interval"/> in its walking order, starting at <paramref name="resume"/> (inclusive)
    /// when given: a paused scan seeks back to the last entry it saw instead of holding an enumerator across changes.
    /// </summary>
    public IEnumerable<IndexEntry> Seek(IndexInterval interval, IndexEntry? resume)
    {
        if (_entries.Count == 0)
        {
            return [];
        }

        var from = interval.From ?? _entries.Min;
        var to = interval.To ?? _entries.Max;
        if (resume is { } at)
        {
            if (interval.Reverse)
            {
                to = at;
            }
            else
            {
                from = at;
            }
        }

        if (_comparer.Compare(from, to) > 0)
        {
            return [];
        }

        var view = _entries.GetViewBetween(from, to);
        return interval.Reverse ? view.Reverse() : view;
    }

    /// <summary>The interval of entries whose leading key field equals <paramref name="value"/>.</summary>
    public static IndexInterval EqualInterval(BsonValue value) =>
        new(new IndexEntry([value], 0, -1), new IndexEntry([value], 0, 1), Reverse: false, Rank: -1, StopAtOtherRank: false);

    /// <summary>
    /// The interval of entries whose leading key field lies between the bounds (null = unbounded) and has the canonical
    /// type of <paramref name="bracket"/>, mongod's type bracketing of comparisons.
    /// </summary>
    public IndexInterval RangeInterval(BsonValue? lower, bool lowerInclusive, BsonValue? upper, bool upperInclusive, BsonValue bracket)
    {
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

        // Open at the start, walk backwards from the bound so the scan stops at the start of the type bracket; open at
        // one end, the first entry of another type ends it; bounded at both ends, other types inside are skipped.
        return new IndexInterval(from, to, Reverse: from is null && to is not null, BsonOrder.Rank(bracket.BsonType), StopAtOtherRank: from is null || to is null);
    }

    /// <summary>Every entry, in index order (a scan that provides the index's sort order).</summary>
    public static IndexInterval All { get; } = new(null, null, Reverse: false, Rank: -1, StopAtOtherRank: false);

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

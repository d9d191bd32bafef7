using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Indexes;

/// <summary>
/// One entry of an ordered index: a key (one value per indexed field) and the record it points to. A bound entry
/// (<see cref="Bound"/> ≠ 0) carries only a key prefix and sorts before (-1) or after (+1) every entry with that prefix;
/// bounds exist only to position range scans.
/// </summary>
internal readonly record struct IndexEntry(BsonValue[] Key, long RecordId, int Bound = 0);

/// <summary>Orders entries by key in <see cref="BsonOrder"/> with each field's direction, then by record id.</summary>
internal sealed class IndexEntryComparer(int[] directions) : IComparer<IndexEntry>
{
    public int Compare(IndexEntry x, IndexEntry y)
    {
        var count = Math.Min(x.Key.Length, y.Key.Length);
        for (var i = 0; i < count; i++)
        {
            var c = BsonOrder.CompareValues(x.Key[i], y.Key[i]);
            if (c != 0)
            {
                return directions[i] < 0 ? -c : c;
            }
        }

        if (x.Bound != 0 || y.Bound != 0)
        {
            return x.Bound.CompareTo(y.Bound);
        }

        return x.RecordId.CompareTo(y.RecordId);
    }
}

/// <summary>Equality of whole keys as a unique index sees it (1, 1L and 1.0 are one key), for hashing.</summary>
internal sealed class IndexKeyEquality : IEqualityComparer<BsonValue[]>
{
    public static readonly IndexKeyEquality Instance = new();

    public bool Equals(BsonValue[]? x, BsonValue[]? y)
    {
        if (x is null || y is null || x.Length != y.Length)
        {
            return ReferenceEquals(x, y);
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!BsonKeyEquality.Instance.Equals(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(BsonValue[] key)
    {
        var hash = new HashCode();
        foreach (var value in key)
        {
            hash.Add(BsonKeyEquality.Instance.GetHashCode(value));
        }

        return hash.ToHashCode();
    }
}

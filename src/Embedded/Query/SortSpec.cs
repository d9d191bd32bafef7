using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>
/// A compiled sort specification. An array field sorts by its smallest element ascending and its largest
/// descending, a missing field as null, an empty array before null — as mongod does.
/// </summary>
internal sealed class SortSpec
{
    private readonly (string[] Parts, bool Ascending)[] _keys;

    private SortSpec((string[] Parts, bool Ascending)[] keys) => _keys = keys;

    public bool IsEmpty => _keys.Length == 0;

    /// <summary>The sort keys in order: each path split on dots and its direction.</summary>
    public IReadOnlyList<(string[] Parts, bool Ascending)> Keys => _keys;

    public static SortSpec? Parse(BsonDocument? spec)
    {
        if (spec is null || spec.ElementCount == 0)
        {
            return null;
        }

        var keys = new (string[], bool)[spec.ElementCount];
        for (var i = 0; i < spec.ElementCount; i++)
        {
            var element = spec.GetElement(i);
            if (element.Value is BsonDocument meta && meta.Contains("$meta"))
            {
                throw new MongoServerException(ErrorCodes.NotImplemented, "$meta sort is not supported by the embedded server");
            }

            var direction = element.Value.IsNumeric ? element.Value.ToDouble() : 0;
            if (direction is not (1 or -1))
            {
                throw new MongoServerException(15975, "$sort key ordering must be 1 (for ascending) or -1 (for descending)");
            }

            if (element.Name.Length == 0)
            {
                throw new MongoServerException(40352, "FieldPath cannot be constructed with empty string");
            }

            keys[i] = (element.Name.Split('.'), direction == 1);
        }

        return new SortSpec(keys);
    }

    /// <summary>Sorts in place, stably (ties keep natural order), computing each document's key once.</summary>
    public void Sort(List<BsonDocument> documents)
    {
        var keyed = new (BsonValue[] Key, int Position, BsonDocument Document)[documents.Count];
        var scratch = new List<BsonValue>();
        for (var i = 0; i < documents.Count; i++)
        {
            keyed[i] = (KeyOf(documents[i], scratch), i, documents[i]);
        }

        Array.Sort(keyed, (a, b) =>
        {
            var c = CompareKeys(a.Key, b.Key);
            return c != 0 ? c : a.Position.CompareTo(b.Position);
        });
        for (var i = 0; i < keyed.Length; i++)
        {
            documents[i] = keyed[i].Document;
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> items in sort order (stable), holding only that many at a time, as mongod's
    /// top-k sort does for a sort followed by a limit: its memory, checked against the stage limit, is that of the
    /// documents kept, not of every input.
    /// </summary>
    public List<T> Top<T>(List<T> items, int count, Func<T, BsonDocument> documentOf, string what)
    {
        // A max-heap on (key, position): the root is the item the next better one evicts.
        var heap = new PriorityQueue<(BsonValue[] Key, int Position, T Item, int Size), (BsonValue[] Key, int Position)>(
            Comparer<(BsonValue[] Key, int Position)>.Create((a, b) =>
            {
                var c = CompareKeys(b.Key, a.Key);
                return c != 0 ? c : b.Position.CompareTo(a.Position);
            }));
        var scratch = new List<BsonValue>();
        var memory = 0L;
        for (var i = 0; i < items.Count && count > 0; i++)
        {
            OperationLimits.CheckTime();
            var document = documentOf(items[i]);
            var key = KeyOf(document, scratch);
            if (heap.Count == count)
            {
                var worst = heap.Peek();
                if (CompareKeys(key, worst.Key) >= 0)
                {
                    continue; // ties keep the earlier item, as a stable sort does
                }

                memory -= heap.Dequeue().Size;
            }

            var size = document.GetEncodedSize();
            memory += size;
            OperationLimits.CheckMemory(memory, what, ErrorCodes.QueryExceededMemoryLimitNoDiskUseAllowed);
            heap.Enqueue((key, i, items[i], size), (key, i));
        }

        var result = new T[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = heap.Dequeue().Item;
        }

        return [.. result];
    }

    public int Compare(BsonDocument x, BsonDocument y)
    {
        var scratch = new List<BsonValue>();
        return CompareKeys(KeyOf(x, scratch), KeyOf(y, scratch));
    }

    private int CompareKeys(BsonValue[] a, BsonValue[] b)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            var c = BsonOrder.CompareValues(a[i], b[i]);
            if (c != 0)
            {
                return _keys[i].Ascending ? c : -c;
            }
        }

        return 0;
    }

    private BsonValue[] KeyOf(BsonDocument document, List<BsonValue> scratch)
    {
        var key = new BsonValue[_keys.Length];
        for (var i = 0; i < _keys.Length; i++)
        {
            var (parts, ascending) = _keys[i];
            scratch.Clear();
            FieldPath.Collect(document, parts, 0, expandLeafArrays: false, scratch);
            BsonValue? best = null;
            var sawEmptyArray = false;
            foreach (var value in scratch)
            {
                if (value is BsonArray array)
                {
                    if (array.Count == 0)
                    {
                        sawEmptyArray = true;
                    }

                    foreach (var element in array)
                    {
                        best = Better(best, element, ascending);
                    }
                }
                else
                {
                    best = Better(best, value, ascending);
                }
            }

            // Fewer reached values than array branches means some branch lacked the field: it counts as null.
            key[i] = best ?? (sawEmptyArray ? BsonUndefined.Value : BsonNull.Value);
        }

        return key;
    }

    private static BsonValue Better(BsonValue? current, BsonValue candidate, bool ascending)
    {
        if (current is null)
        {
            return candidate;
        }

        var c = BsonOrder.CompareValues(candidate, current);
        return (ascending ? c < 0 : c > 0) ? candidate : current;
    }
}

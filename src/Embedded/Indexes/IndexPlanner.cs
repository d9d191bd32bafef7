using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;
using OpenQuizz.Typed.Embedded.Storage;

namespace OpenQuizz.Typed.Embedded.Indexes;

/// <summary>
/// Chooses a secondary index for a filter: an equality, <c>$in</c> or range on the leading field of an index (at
/// the top level or inside a top-level <c>$and</c>) turns into an index probe that yields candidate records. The
/// candidates are a superset of the matches — the caller still runs the whole filter on each — so a plan only has
/// to be conservative: values whose index semantics differ from the query's (null, arrays, regexes) fall back to a scan.
/// </summary>
internal static class IndexPlanner
{
    /// <summary>Candidate record ids for <paramref name="filter"/>, or false when no index applies. Caller holds the collection lock.</summary>
    public static bool TryGetCandidates(CollectionStore collection, FilterNode filter, out IEnumerable<long> candidates)
    {
        if (TryPlan(collection, filter, out var scan))
        {
            candidates = scan.Drain(collection);
            return true;
        }

        candidates = [];
        return false;
    }

    /// <summary>
    /// A resumable scan of the index that best serves <paramref name="filter"/>, or false when none applies. The scan
    /// yields a superset of the matches; the caller runs the filter on each. Caller holds the collection lock.
    /// </summary>
    public static bool TryPlan(CollectionStore collection, FilterNode filter, out IndexScan scan)
    {
        scan = null!;
        var indexes = collection.Indexes.Secondary;
        if (indexes.Count == 0)
        {
            return false;
        }

        var predicates = new List<PathNode>();
        Flatten(filter, predicates);
        if (predicates.Count == 0)
        {
            return false;
        }

        SecondaryIndex? best = null;
        var bestScore = 0;
        foreach (var index in indexes)
        {
            if (!index.IsPlannable)
            {
                continue;
            }

            var score = Score(index, predicates);
            if (score > bestScore || (score == bestScore && score > 0 && index.Spec.Unique && best?.Spec.Unique != true))
            {
                best = index;
                bestScore = score;
            }
        }

        if (best is null)
        {
            return false;
        }

        best.Accesses++;
        scan = Probe(best, predicates);
        return true;
    }

    /// <summary>
    /// A scan of every entry of an index whose key pattern is exactly <paramref name="sort"/>, so the records come in
    /// the sort's order without a blocking sort. Only a plannable, non-multikey index qualifies: its keys are then the
    /// documents' sort keys (a missing field keyed as null, as it sorts), and ties come in record id order, which is
    /// the natural order a stable sort keeps. Caller holds the collection lock.
    /// </summary>
    public static bool TryPlanSort(CollectionStore collection, SortSpec sort, out IndexScan scan)
    {
        foreach (var index in collection.Indexes.Secondary)
        {
            if (ProvidesSort(index, sort))
            {
                index.Accesses++;
                scan = new IndexScan(index, [SecondaryIndex.All], deduplicate: false) { InKeyOrder = true };
                return true;
            }
        }

        scan = null!;
        return false;
    }

    /// <summary>Whether <paramref name="index"/> walked in key order yields documents in <paramref name="sort"/>'s order.</summary>
    public static bool ProvidesSort(SecondaryIndex index, SortSpec sort)
    {
        var fields = index.Spec.Fields;
        if (!index.IsPlannable || index.IsMultikey || index.Spec.Sparse || fields.Length != sort.Keys.Count)
        {
            return false;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            var (parts, ascending) = sort.Keys[i];
            if (fields[i].Direction != (ascending ? 1 : -1) || !fields[i].Parts.AsSpan().SequenceEqual(parts))
            {
                return false;
            }
        }

        return true;
    }

    private static void Flatten(FilterNode node, List<PathNode> output)
    {
        switch (node)
        {
            case PathNode path:
                output.Add(path);
                break;
            case AndNode and:
                foreach (var child in and.Children)
                {
                    Flatten(child, output);
                }

                break;
        }
    }

    /// <summary>3 for an equality on the leading field, 2 for <c>$in</c>, 1 for a range, 0 when the index does not help.</summary>
    private static int Score(SecondaryIndex index, List<PathNode> predicates)
    {
        var leading = index.Spec.Fields[0].Path;
        var score = 0;
        foreach (var node in predicates)
        {
            if (node.Path != leading)
            {
                continue;
            }

            score = Math.Max(score, node.Predicate switch
            {
                EqualsPredicate eq when IsEqualityKey(eq.Value) => 3,
                InPredicate @in when @in.Values.All(v => IsEqualityKey(v.Value)) => 2,
                ComparisonPredicate cmp when IsRangeKey(cmp.Operand) => 1,
                _ => 0,
            });
        }

        return score;
    }

    private static IndexScan Probe(SecondaryIndex index, List<PathNode> predicates)
    {
        var leading = index.Spec.Fields[0].Path;
        foreach (var node in predicates)
        {
            if (node.Path == leading && node.Predicate is EqualsPredicate eq && IsEqualityKey(eq.Value))
            {
                return new IndexScan(index, [SecondaryIndex.EqualInterval(eq.Value)], index.IsMultikey) { InKeyOrder = true };
            }
        }

        foreach (var node in predicates)
        {
            if (node.Path == leading && node.Predicate is InPredicate @in && AllEqualityKeys(@in))
            {
                // One interval per distinct value, in the index's order, so the scan also yields key order.
                var values = new List<BsonValue>(@in.Values.Count);
                var seen = new HashSet<BsonValue>(BsonKeyEquality.Instance);
                foreach (var value in @in.Values)
                {
                    if (seen.Add(value.Value))
                    {
                        values.Add(value.Value);
                    }
                }

                values.Sort(BsonOrder.Instance);
                if (index.Spec.Fields[0].Direction < 0)
                {
                    values.Reverse();
                }

                var intervals = new IndexInterval[values.Count];
                for (var i = 0; i < intervals.Length; i++)
                {
                    intervals[i] = SecondaryIndex.EqualInterval(values[i]);
                }

                // Distinct values are disjoint intervals: only a multikey index can list one record under two of them.
                return new IndexScan(index, intervals, deduplicate: index.IsMultikey) { InKeyOrder = true };
            }
        }

        return RangeProbe(index, leading, predicates);
    }

    private static bool AllEqualityKeys(InPredicate @in)
    {
        foreach (var value in @in.Values)
        {
            if (!IsEqualityKey(value.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static IndexScan RangeProbe(SecondaryIndex index, string leading, List<PathNode> predicates)
    {
        BsonValue? lower = null, upper = null, bracket = null;
        bool lowerInclusive = false, upperInclusive = false;
        foreach (var node in predicates)
        {
            if (node.Path != leading || node.Predicate is not ComparisonPredicate cmp || !IsRangeKey(cmp.Operand))
            {
                continue;
            }

            var operand = cmp.Operand;
            if (bracket is null)
            {
                bracket = operand;
            }
            else if (BsonOrder.Rank(bracket.BsonType) != BsonOrder.Rank(operand.BsonType))
            {
                if (index.IsMultikey)
                {
                    continue; // different elements of an array may satisfy each bound: keep the first bound only
                }

                return new IndexScan(index, [], deduplicate: false); // one value cannot be of two types
            }

            var isLower = cmp.Operator is ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual;
            var inclusive = cmp.Operator is ComparisonOperator.GreaterThanOrEqual or ComparisonOperator.LessThanOrEqual;

            // On a multikey index "a > 1 and a < 5" may be met by two different elements, so the bounds cannot be intersected.
            if (index.IsMultikey && (lower is not null || upper is not null))
            {
                continue;
            }

            if (isLower)
            {
                var c = lower is null ? 1 : BsonOrder.CompareValues(operand, lower);
                if (c > 0 || (c == 0 && !inclusive))
                {
                    lower = operand;
                    lowerInclusive = inclusive;
                }
            }
            else
            {
                var c = upper is null ? -1 : BsonOrder.CompareValues(operand, upper);
                if (c < 0 || (c == 0 && !inclusive))
                {
                    upper = operand;
                    upperInclusive = inclusive;
                }
            }
        }

        var interval = index.RangeInterval(lower, lowerInclusive, upper, upperInclusive, bracket!);
        return new IndexScan(index, [interval], index.IsMultikey) { InKeyOrder = !interval.Reverse };
    }

    // Null also matches missing fields and arrays match as a whole or by element, so neither maps onto index keys.
    private static bool IsEqualityKey(BsonValue value) => value is not (BsonNull or BsonUndefined or BsonArray or BsonRegularExpression);

    private static bool IsRangeKey(BsonValue value) =>
        value is BsonInt32 or BsonInt64 or BsonDouble or BsonDecimal128 or BsonString or BsonObjectId or BsonDateTime or BsonBoolean
            or BsonTimestamp or BsonBinaryData or BsonDocument;
}

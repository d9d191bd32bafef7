using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Update;

/// <summary>The array operators: <c>$push</c> (with $each/$slice/$sort/$position), <c>$addToSet</c>, <c>$pop</c>, <c>$pull</c>, <c>$pullAll</c>.</summary>
internal static class ArrayUpdates
{
    public static void ValidateModifiers(UpdateOperator op, BsonValue argument)
    {
        if (argument is not BsonDocument spec || !spec.Contains("$each"))
        {
            return;
        }

        var name = op == UpdateOperator.Push ? "$push" : "$addToSet";
        if (spec["$each"] is not BsonArray)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"The argument to $each in {name} must be an array but it was of type: {BsonTypeNames.AliasOf(spec["$each"].BsonType)}");
        }

        foreach (var element in spec)
        {
            var allowed = element.Name == "$each" || (op == UpdateOperator.Push && element.Name is "$slice" or "$sort" or "$position");
            if (!allowed)
            {
                throw new MongoServerException(ErrorCodes.BadValue, $"Unrecognized clause in {name}: {element.Name}");
            }
        }

        if (spec.TryGetValue("$slice", out var slice) && !slice.IsNumeric)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "The value for $slice must be an integer value");
        }

        if (spec.TryGetValue("$position", out var position) && !position.IsNumeric)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "The value for $position must be an integer value");
        }

        if (spec.TryGetValue("$sort", out var sort))
        {
            var valid = (sort.IsNumeric && sort.ToDouble() is 1 or -1) || sort is BsonDocument { ElementCount: > 0 };
            if (!valid)
            {
                throw new MongoServerException(ErrorCodes.BadValue, "The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields");
            }

            if (sort is BsonDocument sortSpec)
            {
                SortSpec.Parse(sortSpec);
            }
        }
    }

    public static void Apply(BsonDocument document, UpdateOperation operation, BsonValue parent, string key, string path, BsonValue? current)
    {
        var argument = operation.Argument;
        switch (operation.Operator)
        {
            case UpdateOperator.Push:
                Push(RequireArray(document, parent, key, path, current, "$push"), argument);
                break;
            case UpdateOperator.AddToSet:
                var set = RequireArray(document, parent, key, path, current, "$addToSet");
                var items = argument is BsonDocument spec && spec.TryGetValue("$each", out var each) ? (BsonArray)each : new BsonArray { argument };
                foreach (var item in items)
                {
                    if (!Contains(set, item))
                    {
                        set.Add(item.DeepClone());
                    }
                }

                break;
            case UpdateOperator.Pop:
                if (current is null)
                {
                    return;
                }

                if (current is not BsonArray popped)
                {
                    throw new MongoServerException(ErrorCodes.TypeMismatch, $"Path '{path}' contains an element of non-array type '{BsonTypeNames.AliasOf(current.BsonType)}'");
                }

                if (popped.Count > 0)
                {
                    popped.RemoveAt(argument.ToDouble() > 0 ? popped.Count - 1 : 0);
                }

                break;
            case UpdateOperator.Pull or UpdateOperator.PullAll:
                if (current is null)
                {
                    return;
                }

                if (current is not BsonArray pulled)
                {
                    throw new MongoServerException(ErrorCodes.BadValue, "Cannot apply $pull to a non-array value");
                }

                for (var i = pulled.Count - 1; i >= 0; i--)
                {
                    if (PullMatches(operation, pulled[i]))
                    {
                        pulled.RemoveAt(i);
                    }
                }

                break;
        }
    }

    private static BsonArray RequireArray(BsonDocument document, BsonValue parent, string key, string path, BsonValue? current, string op)
    {
        switch (current)
        {
            case null:
                var created = new BsonArray();
                DocumentPaths.SetChild(parent, key, created, path);
                return created;
            case BsonArray array:
                return array;
            default:
                throw op == "$push"
                    ? new MongoServerException(ErrorCodes.BadValue, $"The field '{path}' must be an array but is of type {BsonTypeNames.AliasOf(current.BsonType)} in document {{_id: {OperatorUpdate.IdOf(document)}}}")
                    : new MongoServerException(ErrorCodes.BadValue, $"Cannot apply $addToSet to non-array field. Field named '{key}' has non-array type {BsonTypeNames.AliasOf(current.BsonType)}");
        }
    }

    private static void Push(BsonArray array, BsonValue argument)
    {
        if (argument is not BsonDocument spec || !spec.TryGetValue("$each", out var eachValue))
        {
            array.Add(argument.DeepClone());
            return;
        }

        var each = (BsonArray)eachValue;
        var position = array.Count;
        if (spec.TryGetValue("$position", out var positionValue))
        {
            var p = (int)Math.Clamp(positionValue.ToDouble(), int.MinValue, int.MaxValue);
            position = p >= 0 ? Math.Min(p, array.Count) : Math.Max(array.Count + p, 0);
        }

        foreach (var item in each)
        {
            array.Insert(position++, item.DeepClone());
        }

        if (spec.TryGetValue("$sort", out var sort))
        {
            var items = new List<BsonValue>(array);
            if (sort is BsonDocument sortDocument)
            {
                var sortSpec = SortSpec.Parse(sortDocument)!;
                var documents = items.ConvertAll(v => v as BsonDocument ?? new BsonDocument());
                var order = Enumerable.Range(0, items.Count).ToArray();
                Array.Sort(order, (a, b) =>
                {
                    var c = sortSpec.Compare(documents[a], documents[b]);
                    return c != 0 ? c : a.CompareTo(b);
                });
                items = [.. order.Select(i => items[i])];
            }
            else
            {
                var ascending = sort.ToDouble() > 0;
                var order = Enumerable.Range(0, items.Count).ToArray();
                Array.Sort(order, (a, b) =>
                {
                    var c = BsonOrder.CompareValues(items[a], items[b]);
                    return c != 0 ? (ascending ? c : -c) : a.CompareTo(b);
                });
                items = [.. order.Select(i => items[i])];
            }

            array.Clear();
            array.AddRange(items);
        }

        if (spec.TryGetValue("$slice", out var sliceValue))
        {
            var slice = (long)sliceValue.ToDouble();
            if (slice >= 0)
            {
                while (array.Count > slice)
                {
                    array.RemoveAt(array.Count - 1);
                }
            }
            else
            {
                while (array.Count > -slice)
                {
                    array.RemoveAt(0);
                }
            }
        }
    }

    private static bool PullMatches(UpdateOperation operation, BsonValue element)
    {
        if (operation.Operator == UpdateOperator.PullAll)
        {
            return Contains((BsonArray)operation.Argument, element);
        }

        if (operation.PullFilter is null)
        {
            return BsonOrder.AreEqual(element, operation.Argument);
        }

        return operation.PullDocumentMode
            ? element is BsonDocument && operation.PullFilter.Matches(element)
            : operation.PullFilter.Matches(element);
    }

    private static bool Contains(BsonArray array, BsonValue item)
    {
        foreach (var existing in array)
        {
            if (BsonOrder.AreEqual(existing, item))
            {
                return true;
            }
        }

        return false;
    }
}

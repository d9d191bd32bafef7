using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// <c>$unwind</c>: one output document per element of the array at a path. A non-array value passes through as is;
/// null, missing and empty arrays drop the document unless <c>preserveNullAndEmptyArrays</c>.
/// </summary>
internal sealed class UnwindStage(string[] path, string[]? indexField, bool preserve) : Stage
{
    public static UnwindStage Parse(BsonValue spec)
    {
        string? path = null;
        string? index = null;
        var preserve = false;
        switch (spec)
        {
            case BsonString s:
                path = s.Value;
                break;
            case BsonDocument options:
                foreach (var element in options)
                {
                    switch (element.Name)
                    {
                        case "path":
                            path = element.Value is BsonString p ? p.Value : throw new MongoServerException(28808, "expected a string as the path for $unwind stage");
                            break;
                        case "includeArrayIndex":
                            index = element.Value is BsonString i ? i.Value : throw new MongoServerException(28810, "expected a non-empty string for the includeArrayIndex option to $unwind stage");
                            if (index.Length == 0)
                            {
                                throw new MongoServerException(28810, "expected a non-empty string for the includeArrayIndex option to $unwind stage");
                            }

                            if (index.StartsWith('$'))
                            {
                                throw new MongoServerException(28822, $"includeArrayIndex option to $unwind stage should not be prefixed with a '$': {index}");
                            }

                            break;
                        case "preserveNullAndEmptyArrays":
                            preserve = element.Value is BsonBoolean b ? b.Value : throw new MongoServerException(28809, "expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage");
                            break;
                        default:
                            throw new MongoServerException(28811, $"unrecognized option to $unwind stage: {element.Name}");
                    }
                }

                if (path is null)
                {
                    throw new MongoServerException(28812, "no path specified to $unwind stage");
                }

                break;
            default:
                throw new MongoServerException(15981, $"expected either a string or an object as specification for $unwind stage, got {Query.BsonTypeNames.AliasOf(spec.BsonType)}");
        }

        if (!path.StartsWith('$') || path.Length == 1)
        {
            throw new MongoServerException(spec is BsonString ? 28818 : 28818, $"path option to $unwind stage should be prefixed with a '$': {path}");
        }

        return new UnwindStage(path[1..].Split('.'), index?.Split('.'), preserve);
    }

    public override bool IsPerDocument => true;

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var output = new List<BsonDocument>();
        foreach (var document in input)
        {
            var value = CopyOnWritePaths.Get(document, path);
            if (value is BsonArray array && array.Count > 0)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    var unwound = CopyOnWritePaths.With(document, path, array[i]);
                    output.Add(indexField is null ? unwound : CopyOnWritePaths.With(unwound, indexField, new BsonInt64(i)));
                }
            }
            else if (value is BsonArray)
            {
                if (preserve)
                {
                    var without = CopyOnWritePaths.Without(document, path);
                    output.Add(indexField is null ? without : CopyOnWritePaths.With(without, indexField, BsonNull.Value));
                }
            }
            else if (value is null or BsonNull)
            {
                if (preserve)
                {
                    output.Add(indexField is null ? document : CopyOnWritePaths.With(document, indexField, BsonNull.Value));
                }
            }
            else
            {
                output.Add(indexField is null ? document : CopyOnWritePaths.With(document, indexField, BsonNull.Value));
            }
        }

        return output;
    }
}

/// <summary>Copy-on-write path helpers for stage outputs: they return new documents and never change their input.</summary>
internal static class CopyOnWritePaths
{
    /// <summary>The value at a path through documents only (an array on the way means missing), or null.</summary>
    public static BsonValue? Get(BsonDocument document, string[] path)
    {
        BsonValue current = document;
        foreach (var part in path)
        {
            if (current is not BsonDocument d || !d.TryGetValue(part, out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    /// <summary>A copy of <paramref name="document"/> with <paramref name="value"/> at the path, creating or replacing sub-documents.</summary>
    public static BsonDocument With(BsonDocument document, string[] path, BsonValue value, int start = 0)
    {
        var copy = new BsonDocument(document);
        if (start == path.Length - 1)
        {
            copy.Set(path[start], value);
            return copy;
        }

        var child = copy.TryGetValue(path[start], out var existing) && existing is BsonDocument sub ? sub : [];
        copy.Set(path[start], With(child, path, value, start + 1));
        return copy;
    }

    /// <summary>A copy of <paramref name="document"/> without the field at the path.</summary>
    public static BsonDocument Without(BsonDocument document, string[] path, int start = 0)
    {
        var copy = new BsonDocument(document);
        if (start == path.Length - 1)
        {
            copy.Remove(path[start]);
        }
        else if (copy.TryGetValue(path[start], out var existing) && existing is BsonDocument sub)
        {
            copy.Set(path[start], Without(sub, path, start + 1));
        }

        return copy;
    }
}

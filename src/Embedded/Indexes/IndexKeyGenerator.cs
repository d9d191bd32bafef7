using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Indexes;

/// <summary>
/// Computes the keys a document contributes to an index, as mongod does: a missing field is keyed as null, an array
/// contributes each of its elements (an empty array is keyed as undefined), and a compound key is the product of its
/// fields' values. Two fields that reach different arrays cannot be indexed together (error 171).
/// </summary>
internal static class IndexKeyGenerator
{
    /// <summary>The distinct keys of <paramref name="document"/>; empty when a sparse or partial index skips it.</summary>
    /// <exception cref="MongoServerException">Parallel arrays (171).</exception>
    public static List<BsonValue[]> Generate(IndexSpec spec, BsonDocument document, out bool multikey)
    {
        multikey = false;
        var keys = new List<BsonValue[]>(1);
        if (spec.PartialFilter is { } partial && !partial.Matches(document))
        {
            return keys;
        }

        var fields = spec.Fields;
        if (fields.Length == 1)
        {
            var values = new List<BsonValue>(1);
            string? arrayPath = null;
            Collect(document, fields[0].Parts, 0, values, ref arrayPath);
            if (values.Count == 0)
            {
                if (spec.Sparse)
                {
                    return keys;
                }

                values.Add(BsonNull.Value);
            }

            multikey = arrayPath is not null;
            if (values.Count == 1)
            {
                keys.Add([values[0]]);
                return keys;
            }

            var seen = new HashSet<BsonValue>(BsonKeyEquality.Instance);
            foreach (var value in values)
            {
                if (seen.Add(value))
                {
                    keys.Add([value]);
                }
            }

            return keys;
        }

        var perField = new List<BsonValue>[fields.Length];
        string? firstArray = null;
        var anyPresent = false;
        for (var f = 0; f < fields.Length; f++)
        {
            var values = new List<BsonValue>(1);
            string? arrayPath = null;
            Collect(document, fields[f].Parts, 0, values, ref arrayPath);
            if (values.Count == 0)
            {
                values.Add(BsonNull.Value);
            }
            else
            {
                anyPresent = true;
            }

            if (arrayPath is not null)
            {
                multikey = true;
                if (firstArray is null)
                {
                    firstArray = arrayPath;
                }
                else if (firstArray != arrayPath)
                {
                    throw new MongoServerException(ErrorCodes.CannotIndexParallelArrays, $"cannot index parallel arrays [{arrayPath}] [{firstArray}]");
                }
            }

            perField[f] = values;
        }

        if (!anyPresent && spec.Sparse)
        {
            return keys;
        }

        var distinct = new HashSet<BsonValue[]>(IndexKeyEquality.Instance);
        Product(perField, 0, new BsonValue[fields.Length], distinct, keys);
        return keys;
    }

    private static void Product(List<BsonValue>[] perField, int f, BsonValue[] current, HashSet<BsonValue[]> distinct, List<BsonValue[]> output)
    {
        if (f == perField.Length)
        {
            var key = (BsonValue[])current.Clone();
            if (distinct.Add(key))
            {
                output.Add(key);
            }

            return;
        }

        foreach (var value in perField[f])
        {
            current[f] = value;
            Product(perField, f + 1, current, distinct, output);
        }
    }

    /// <summary>Collects the values a path reaches, noting the path of the first array traversed.</summary>
    private static void Collect(BsonValue current, string[] parts, int i, List<BsonValue> output, ref string? arrayPath)
    {
        if (i == parts.Length)
        {
            if (current is BsonArray leaf)
            {
                arrayPath ??= string.Join('.', parts, 0, i);
                if (leaf.Count == 0)
                {
                    output.Add(BsonUndefined.Value);
                }
                else
                {
                    output.AddRange(leaf);
                }
            }
            else
            {
                output.Add(current);
            }

            return;
        }

        switch (current)
        {
            case BsonDocument document:
                if (document.TryGetValue(parts[i], out var child))
                {
                    Collect(child, parts, i + 1, output, ref arrayPath);
                }

                break;
            case BsonArray array:
                arrayPath ??= string.Join('.', parts, 0, i);
                var index = FieldPath.ParseIndex(parts[i]);
                if (index >= 0)
                {
                    if (index < array.Count)
                    {
                        Collect(array[index], parts, i + 1, output, ref arrayPath);
                    }

                    break;
                }

                foreach (var element in array)
                {
                    if (element is BsonDocument)
                    {
                        Collect(element, parts, i, output, ref arrayPath);
                    }
                }

                break;
        }
    }
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>Helpers for dotted field paths.</summary>
internal static class FieldPath
{
    /// <summary>The array index a path component names, or -1 when it is not a plain non-negative integer.</summary>
    public static int ParseIndex(string part)
    {
        if (part.Length is 0 or > 9 || (part.Length > 1 && part[0] == '0'))
        {
            return -1;
        }

        var value = 0;
        foreach (var c in part)
        {
            if (c is < '0' or > '9')
            {
                return -1;
            }

            value = value * 10 + (c - '0');
        }

        return value;
    }

    /// <summary>The value at a dotted path through documents only (and numeric indexes into arrays), or null.</summary>
    public static BsonValue? GetSingle(BsonValue root, string path)
    {
        var current = root;
        var start = 0;
        while (true)
        {
            var dot = path.IndexOf('.', start);
            var part = dot < 0 ? path[start..] : path[start..dot];
            switch (current)
            {
                case BsonDocument document when document.TryGetValue(part, out var child):
                    current = child;
                    break;
                case BsonArray array when ParseIndex(part) is var index && index >= 0 && index < array.Count:
                    current = array[index];
                    break;
                default:
                    return null;
            }

            if (dot < 0)
            {
                return current;
            }

            start = dot + 1;
        }
    }

    /// <summary>
    /// Every value a path reaches, arrays traversed (and, when <paramref name="expandLeafArrays"/>, a final array
    /// replaced by its elements); used for sort keys and distinct.
    /// </summary>
    public static void Collect(BsonValue current, string[] parts, int i, bool expandLeafArrays, List<BsonValue> output)
    {
        if (i == parts.Length)
        {
            if (expandLeafArrays && current is BsonArray leaf)
            {
                foreach (var element in leaf)
                {
                    output.Add(element);
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
                    Collect(child, parts, i + 1, expandLeafArrays, output);
                }

                break;
            case BsonArray array:
                var index = ParseIndex(parts[i]);
                if (index >= 0)
                {
                    if (index < array.Count)
                    {
                        Collect(array[index], parts, i + 1, expandLeafArrays, output);
                    }

                    break;
                }

                foreach (var element in array)
                {
                    if (element is BsonDocument)
                    {
                        Collect(element, parts, i, expandLeafArrays, output);
                    }
                }

                break;
        }
    }
}

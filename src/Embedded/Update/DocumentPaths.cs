using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Update;

/// <summary>Reading and writing concrete (placeholder-free) dotted paths in a document being updated.</summary>
internal static class DocumentPaths
{
    public static BsonValue? Get(BsonValue root, string[] parts)
    {
        var current = root;
        foreach (var part in parts)
        {
            var next = GetChild(current, part);
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static BsonValue? GetChild(BsonValue container, string key) => container switch
    {
        BsonDocument document => document.TryGetValue(key, out var value) ? value : null,
        BsonArray array => FieldPath.ParseIndex(key) is var index && index >= 0 && index < array.Count ? array[index] : null,
        _ => null,
    };

    /// <summary>
    /// The container holding the last component, creating missing documents on the way when <paramref name="create"/>;
    /// null when it does not exist and may not be created. Traversing a scalar is error 28 (PathNotViable).
    /// </summary>
    public static BsonValue? GetParent(BsonDocument root, string[] parts, bool create)
    {
        BsonValue current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var next = GetChild(current, parts[i]);
            if (next is null)
            {
                if (!create)
                {
                    return null;
                }

                next = new BsonDocument();
                SetChild(current, parts[i], next, string.Join('.', parts));
            }
            else if (next is not (BsonDocument or BsonArray))
            {
                if (!create)
                {
                    return null;
                }

                throw new MongoServerException(
                    ErrorCodes.PathNotViable,
                    $"Cannot create field '{parts[i + 1]}' in element {{{parts[i]}: {next}}}");
            }

            current = next;
        }

        return current;
    }

    public static void SetChild(BsonValue container, string key, BsonValue value, string path)
    {
        switch (container)
        {
            case BsonDocument document:
                document.Set(key, value);
                break;
            case BsonArray array:
                var index = FieldPath.ParseIndex(key);
                if (index < 0)
                {
                    throw new MongoServerException(ErrorCodes.PathNotViable, $"Cannot create field '{key}' in element {{{path}: {array}}}");
                }

                // Setting past the end pads with nulls, as mongod does.
                while (array.Count < index)
                {
                    array.Add(BsonNull.Value);
                }

                if (index == array.Count)
                {
                    array.Add(value);
                }
                else
                {
                    array[index] = value;
                }

                break;
        }
    }

    /// <summary>Removes a field; an array element is set to null instead, keeping the other positions.</summary>
    public static bool Remove(BsonValue container, string key)
    {
        switch (container)
        {
            case BsonDocument document:
                return document.Remove(key);
            case BsonArray array:
                var index = FieldPath.ParseIndex(key);
                if (index >= 0 && index < array.Count)
                {
                    array[index] = BsonNull.Value;
                    return true;
                }

                return false;
            default:
                return false;
        }
    }
}

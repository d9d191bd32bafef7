using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// The elements a chained builder (sort, projection, index keys) appended after an optional starting document: an
/// immutable singly linked list, so each step allocates one node and earlier builders stay valid when a later one
/// branches off them.
/// </summary>
internal sealed class ElementChain(ElementChain? previous, string name, BsonValue value)
{
    public ElementChain? Previous { get; } = previous;

    public string Name { get; } = name;

    public BsonValue Value { get; } = value;

    public int Count { get; } = (previous?.Count ?? 0) + 1;

    public static bool Contains(BsonDocument? start, ElementChain? tail, string name)
    {
        for (var node = tail; node is not null; node = node.Previous)
        {
            if (string.Equals(node.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return start is not null && start.Contains(name);
    }

    /// <summary>Appends <paramref name="name"/>; a name given twice would make the server reject the document, so it throws here.</summary>
    public static ElementChain Append(BsonDocument? start, ElementChain? tail, string name, BsonValue value, string builder)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, "field");
        ArgumentNullException.ThrowIfNull(value);
        if (Contains(start, tail, name))
        {
            throw new ArgumentException($"The {builder} already has the field \"{name}\"; each field can appear once.", "field");
        }

        return new ElementChain(tail, name, value);
    }

    public static BsonDocument Render(BsonDocument? start, ElementChain? tail)
    {
        if (tail is null)
        {
            return start ?? new BsonDocument();
        }

        var document = new BsonDocument();
        if (start is not null)
        {
            foreach (var element in start)
            {
                document.Add(element.Name, element.Value);
            }
        }

        var nodes = new ElementChain[tail.Count];
        var i = nodes.Length;
        for (var node = tail; node is not null; node = node.Previous)
        {
            nodes[--i] = node;
        }

        foreach (var node in nodes)
        {
            document.Add(node.Name, node.Value);
        }

        return document;
    }

    public static bool IsEmpty(BsonDocument? start, ElementChain? tail) => tail is null && (start is null || start.ElementCount == 0);
}

using System.Collections.Concurrent;

namespace OpenQuizz.Typed.Embedded.Storage;

/// <summary>A database: a named set of collections. It exists (for listDatabases) while it has collections.</summary>
internal sealed class DatabaseStore(string name)
{
    public string Name { get; } = name;

    public ConcurrentDictionary<string, CollectionStore> Collections { get; } = new(StringComparer.Ordinal);
}

using System.Text;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// A collection of documents of type <typeparamref name="TDocument"/>, encoded with <see cref="Codec"/>. Cheap to create;
/// operations build on <see cref="Database"/>'s client.
/// </summary>
public sealed partial class MongoCollection<TDocument> : IMongoCollection<TDocument>, Cursors.IFindSource<TDocument>
{
    internal MongoCollection(MongoDatabase database, string name, IBsonCodec<TDocument> codec, CollectionOptions? options = null)
    {
        OwnOptions = options;
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(codec);
        MongoCollectionNames.Validate(database.Name, name);
        Database = database;
        Name = name;
        Codec = codec;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The database this collection belongs to.</summary>
    public MongoDatabase Database { get; }

    IMongoDatabase IMongoCollection<TDocument>.Database => Database;

    /// <inheritdoc/>
    public IBsonCodec<TDocument> Codec { get; }

    /// <summary>The namespace, <c>database.collection</c>.</summary>
    public string FullName => $"{Database.Name}.{Name}";

    /// <summary>The live topology, for the operation executor.</summary>
    internal Topology.Cluster Cluster => Database.Cluster;

    /// <inheritdoc/>
    public override string ToString() => $"MongoCollection<{typeof(TDocument).Name}> {{ Namespace = {FullName} }}";
}

/// <summary>The server's rules for collection names (PyMongo's <c>Collection</c> checks plus the namespace length).</summary>
internal static class MongoCollectionNames
{
    /// <summary>A namespace (<c>database.collection</c>) holds at most 255 bytes of UTF-8.</summary>
    public const int MaxNamespaceBytes = 255;

    /// <exception cref="InvalidNameException">The name is empty, holds <c>..</c>, <c>$</c> (outside the server's own
    /// <c>$cmd</c> and <c>oplog.$main</c>) or a null character, starts or ends with a dot, or makes the namespace too long.</exception>
    public static void Validate(string databaseName, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new InvalidNameException("A collection name cannot be empty.");
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            throw new InvalidNameException($"The collection name \"{name}\" contains \"..\"; collection names cannot have empty segments.");
        }

        if (name.Contains('$', StringComparison.Ordinal) && !name.StartsWith("oplog.$main", StringComparison.Ordinal) && !name.StartsWith("$cmd", StringComparison.Ordinal))
        {
            throw new InvalidNameException($"The collection name \"{name}\" contains '$'; collection names cannot contain '$'.");
        }

        if (name[0] == '.' || name[^1] == '.')
        {
            throw new InvalidNameException($"The collection name \"{name}\" starts or ends with '.'; collection names cannot.");
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidNameException("A collection name cannot contain the null character.");
        }

        var bytes = Encoding.UTF8.GetByteCount(databaseName) + 1 + Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxNamespaceBytes)
        {
            throw new InvalidNameException($"The namespace \"{databaseName}.{name}\" is {bytes} bytes long; a namespace (database.collection) must be at most {MaxNamespaceBytes} bytes.");
        }
    }
}

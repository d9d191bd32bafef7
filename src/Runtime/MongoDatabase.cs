using MongoDB.Bson;
using System.Buffers;
using System.Text;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed;

/// <summary>A database of a <see cref="MongoClient"/>. Cheap to create, no I/O until an operation runs.</summary>
public sealed partial class MongoDatabase : IMongoDatabase
{
    /// <summary>Database names are shorter than 64 bytes (UTF-8).</summary>
    public const int MaxNameBytes = 63;

    // The server's rules: no path separators, dots, spaces, quotes, dollars or the characters Windows forbids in file names.
    private static readonly SearchValues<char> InvalidNameCharacters = SearchValues.Create("/\\. \"$*<>:|?\0");

    internal MongoDatabase(MongoClient client, string name, DatabaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ValidateName(name);
        Client = client;
        Name = name;
        OwnOptions = options;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The client this database belongs to.</summary>
    public MongoClient Client { get; }

    IMongoClient IMongoDatabase.Client => Client;

    /// <summary>The live topology, for the operation executor.</summary>
    internal Topology.Cluster Cluster => Client.Cluster;

    /// <summary>The collection named <paramref name="name"/>, with the registered codec of <typeparamref name="TDocument"/> and the client's codec options.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid collection name.</exception>
    /// <exception cref="BsonSerializationException">No codec is registered for <typeparamref name="TDocument"/>.</exception>
    public MongoCollection<TDocument> GetCollection<TDocument>(string name)
    {
        var codec = BsonCodecRegistry.Get<TDocument>();
        var options = CodecOptions;
        return GetCollection(name, codec is IConfigurableBsonCodec<TDocument> configurable && configurable.Options != options ? configurable.WithOptions(options) : codec);
    }

    /// <summary>The collection named <paramref name="name"/>, encoded with <paramref name="codec"/>.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid collection name.</exception>
    public MongoCollection<TDocument> GetCollection<TDocument>(string name, IBsonCodec<TDocument> codec) => new(this, name, codec);

    IMongoCollection<TDocument> IMongoDatabase.GetCollection<TDocument>(string name) => GetCollection<TDocument>(name);

    IMongoCollection<TDocument> IMongoDatabase.GetCollection<TDocument>(string name, IBsonCodec<TDocument> codec) => GetCollection(name, codec);

    /// <inheritdoc/>
    public override string ToString() => $"MongoDatabase {{ Name = {Name} }}";

    /// <summary>Checks a database name by the server's rules (PyMongo's <c>_check_name</c> plus the Windows characters and the length).</summary>
    /// <exception cref="InvalidNameException">The name is empty, too long, or contains a forbidden character.</exception>
    internal static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new InvalidNameException("A database name cannot be empty.");
        }

        var invalid = name.AsSpan().IndexOfAny(InvalidNameCharacters);
        if (invalid >= 0)
        {
            var shown = name[invalid] == '\0' ? "the null character" : $"'{name[invalid]}'";
            throw new InvalidNameException($"The database name \"{name.Replace("\0", "\\0", StringComparison.Ordinal)}\" contains {shown}; database names cannot contain any of / \\ . space \" $ * < > : | ? or the null character.");
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            throw new InvalidNameException($"The database name \"{name}\" is {Encoding.UTF8.GetByteCount(name)} bytes long; database names must be shorter than 64 bytes.");
        }
    }
}

namespace OpenQuizz.Typed;

/// <summary>
/// A MongoDB client: the entry point to databases. One instance per application (it owns the connection pools),
/// safe to share across threads. The runtime's <c>MongoClient</c> implements it.
/// </summary>
public interface IMongoClient
{
    /// <summary>The database named <paramref name="name"/>; cheap, no I/O.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid database name.</exception>
    IMongoDatabase GetDatabase(string name);
}

/// <summary>A database of a client. Cheap to create, no I/O until an operation runs.</summary>
public interface IMongoDatabase
{
    /// <summary>The database name.</summary>
    string Name { get; }

    /// <summary>The client this database belongs to.</summary>
    IMongoClient Client { get; }

    /// <summary>The collection named <paramref name="name"/>, encoded with the registered codec of <typeparamref name="TDocument"/>.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid collection name.</exception>
    IMongoCollection<TDocument> GetCollection<TDocument>(string name);

    /// <summary>The collection named <paramref name="name"/>, encoded with <paramref name="codec"/>.</summary>
    IMongoCollection<TDocument> GetCollection<TDocument>(string name, Bson.IBsonCodec<TDocument> codec);
}

/// <summary>A collection of documents of type <typeparamref name="TDocument"/>.</summary>
public interface IMongoCollection<TDocument>
{
    /// <summary>The collection name.</summary>
    string Name { get; }

    /// <summary>The database this collection belongs to.</summary>
    IMongoDatabase Database { get; }

    /// <summary>The codec that encodes and decodes the documents.</summary>
    Bson.IBsonCodec<TDocument> Codec { get; }
}

/// <summary>A database or collection name that MongoDB does not accept.</summary>
public class InvalidNameException : MongoException
{
    public InvalidNameException(string message) : base(message) { }
}

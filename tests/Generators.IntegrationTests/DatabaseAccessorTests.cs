using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests;

/// <summary>The generated database class opens its database and wires each collection to its name and codec.</summary>
public class DatabaseAccessorTests
{
    [Fact]
    public void Constructor_opens_the_named_database_and_its_collections()
    {
        var client = new FakeClient();
        var db = new QuizzDb(client);
        Assert.Equal("openquizz", db.Database.Name);
        Assert.Equal("openquizz", QuizzDb.DatabaseName);
        Assert.Equal("quizzes", db.Quizzes.Name);
        Assert.Equal("authors", db.Authors.Name);
        Assert.Equal("catalog_items", db.Catalogs.Name);
        Assert.Same(Quiz.OpenQuizzBsonCodec.Default, db.Quizzes.Codec);
        Assert.Same(BsonCodecRegistry.Get<Author>(), db.Authors.Codec);
        Assert.Same(db.Database, db.Quizzes.Database);
    }

    [Fact]
    public void The_database_class_is_registered_for_dependency_injection()
    {
        var registration = Assert.Single(MongoDatabaseRegistry.Registrations, r => r.DatabaseType == typeof(QuizzDb));
        Assert.Equal("openquizz", registration.DatabaseName);
        var db = Assert.IsType<QuizzDb>(registration.FromClient(new FakeClient()));
        Assert.Equal("openquizz", db.Database.Name);
        var other = Assert.IsType<QuizzDb>(registration.FromDatabase(new FakeClient().GetDatabase("other")));
        Assert.Equal("other", other.Database.Name);
    }

    [Fact]
    public void Codecs_can_be_given_other_options()
    {
        var standard = (IConfigurableBsonCodec<Scalars>)BsonCodecRegistry.Get<Scalars>();
        var legacy = standard.WithOptions(new BsonCodecOptions { UuidRepresentation = UuidRepresentation.CSharpLegacy });
        Assert.Same(standard, standard.WithOptions(new BsonCodecOptions()));
        var guid = Guid.NewGuid();
        using var buffer = new PooledByteBufferWriter();
        var writer = new BsonWriter(buffer);
        legacy.Encode(ref writer, new Scalars { Guid = guid });
        var document = BsonDocument.FromBytes(buffer.WrittenSpan);
        Assert.Equal(BsonBinarySubType.UuidLegacy, document["Guid"].AsBsonBinaryData.SubType);
        Assert.Equal(guid.ToByteArray(), document["Guid"].AsBsonBinaryData.Bytes);
    }

    private sealed class FakeClient : IMongoClient
    {
        public IMongoDatabase GetDatabase(string name) => new FakeDatabase(this, name);
    }

    private sealed class FakeDatabase(IMongoClient client, string name) : IMongoDatabase
    {
        public string Name => name;

        public IMongoClient Client => client;

        public IMongoCollection<TDocument> GetCollection<TDocument>(string collectionName) =>
            new FakeCollection<TDocument>(this, collectionName, BsonCodecRegistry.Get<TDocument>());

        public IMongoCollection<TDocument> GetCollection<TDocument>(string collectionName, IBsonCodec<TDocument> codec) =>
            new FakeCollection<TDocument>(this, collectionName, codec);
    }

    private sealed class FakeCollection<TDocument>(IMongoDatabase database, string name, IBsonCodec<TDocument> codec) : IMongoCollection<TDocument>
    {
        public string Name => name;

        public IMongoDatabase Database => database;

        public IBsonCodec<TDocument> Codec => codec;
    }
}

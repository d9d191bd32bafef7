using MongoDB.Bson;
using System.Reflection;
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
        var client = FakeClient.Create();
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
        var db = Assert.IsType<QuizzDb>(registration.FromClient(FakeClient.Create()));
        Assert.Equal("openquizz", db.Database.Name);
        var other = Assert.IsType<QuizzDb>(registration.FromDatabase(FakeClient.Create().GetDatabase("other")));
        Assert.Equal("other", other.Database.Name);
    }

    [Fact]
    public void Codecs_can_be_given_other_options()
    {
        var standard = (IConfigurableBsonCodec<Scalars>)BsonCodecRegistry.Get<Scalars>();
        var legacy = standard.WithOptions(new BsonCodecOptions { GuidRepresentation = GuidRepresentation.CSharpLegacy });
        Assert.Same(standard, standard.WithOptions(new BsonCodecOptions()));
        var guid = Guid.NewGuid();
        using var buffer = new PooledByteBufferWriter();
        var writer = new BsonSpanWriter(buffer);
        legacy.Encode(ref writer, new Scalars { Guid = guid });
        var document = BsonDocument.FromBytes(buffer.WrittenSpan);
        Assert.Equal(BsonBinarySubType.UuidLegacy, document["Guid"].AsBsonBinaryData.SubType);
        Assert.Equal(guid.ToByteArray(), document["Guid"].AsBsonBinaryData.Bytes);
    }

    // The client interfaces are wide; these fakes answer only the members the generated code uses (a dispatch proxy,
    // so adding members to the interfaces does not break this test) and throw for the rest.
    private class FakeClient : DispatchProxy
    {
        public static IMongoClient Create() => Create<IMongoClient, FakeClient>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
        {
            nameof(IMongoClient.GetDatabase) => FakeDatabase.Create((IMongoClient)(object)this, (string)args![0]!),
            _ => throw new NotSupportedException(targetMethod.Name),
        };
    }

    private class FakeDatabase : DispatchProxy
    {
        private IMongoClient _client = null!;
        private string _name = null!;

        public static IMongoDatabase Create(IMongoClient client, string name)
        {
            var database = Create<IMongoDatabase, FakeDatabase>();
            var fake = (FakeDatabase)(object)database;
            fake._client = client;
            fake._name = name;
            return database;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod!.Name)
            {
                case "get_Name":
                    return _name;
                case "get_Client":
                    return _client;
                case nameof(IMongoDatabase.GetCollection) when args!.Length == 2 && args[1] is not CollectionOptions:
                    return FakeCollection.Create(targetMethod.GetGenericArguments()[0], (IMongoDatabase)(object)this, (string)args[0]!, args[1]!);
                case nameof(IMongoDatabase.GetCollection) when args!.Length == 1:
                    var type = targetMethod.GetGenericArguments()[0];
                    var codec = typeof(BsonCodecRegistry).GetMethod(nameof(BsonCodecRegistry.Get))!.MakeGenericMethod(type).Invoke(null, null)!;
                    return FakeCollection.Create(type, (IMongoDatabase)(object)this, (string)args[0]!, codec);
                default:
                    throw new NotSupportedException(targetMethod.Name);
            }
        }
    }

    private class FakeCollection : DispatchProxy
    {
        private IMongoDatabase _database = null!;
        private string _name = null!;
        private object _codec = null!;

        public static object Create(Type documentType, IMongoDatabase database, string name, object codec)
        {
            var collection = Create(typeof(IMongoCollection<>).MakeGenericType(documentType), typeof(FakeCollection));
            var fake = (FakeCollection)collection;
            fake._database = database;
            fake._name = name;
            fake._codec = codec;
            return collection;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
        {
            "get_Name" => _name,
            "get_Database" => _database,
            "get_Codec" => _codec,
            _ => throw new NotSupportedException(targetMethod.Name),
        };
    }
}

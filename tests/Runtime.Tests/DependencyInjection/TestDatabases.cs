using MongoDB.Bson;
using System.Reflection;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed.Tests.DependencyInjection;

/// <summary>A hand-written stand-in for a generated <c>[MongoDatabase]</c> class, registered as its module initializer would.</summary>
public sealed class LibraryDb(IMongoDatabase database)
{
    public const string DatabaseName = "library";

    public LibraryDb(IMongoClient client)
        : this(client.GetDatabase(DatabaseName))
    {
    }

    public IMongoDatabase Database { get; } = database;

    /// <summary>Registers this class in <see cref="MongoDatabaseRegistry"/> (once; later calls do nothing).</summary>
    public static void Register() => MongoDatabaseRegistry.Register(new MongoDatabaseRegistration(
        typeof(LibraryDb), DatabaseName, static client => new LibraryDb(client), static database => new LibraryDb(database)));
}

/// <summary>An <see cref="IMongoClient"/> whose <c>admin</c> database answers <c>RunCommandAsync</c> with <see cref="Reply"/>, for the health check.</summary>
public class FakeClient : DispatchProxy
{
    private Func<BsonDocument, BsonDocument> _reply = null!;

    public static IMongoClient Create(Func<BsonDocument, BsonDocument> reply)
    {
        var client = Create<IMongoClient, FakeClient>();
        ((FakeClient)(object)client)._reply = reply;
        return client;
    }

    public List<BsonDocument> Commands { get; } = [];

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
    {
        nameof(IMongoClient.GetDatabase) => FakeDatabase.Create((string)args![0]!, command =>
        {
            Commands.Add(command);
            return _reply(command);
        }),
        _ => throw new NotSupportedException(targetMethod.Name),
    };
}

public class FakeDatabase : DispatchProxy
{
    private string _name = null!;
    private Func<BsonDocument, BsonDocument> _run = null!;

    public static IMongoDatabase Create(string name, Func<BsonDocument, BsonDocument> run)
    {
        var database = Create<IMongoDatabase, FakeDatabase>();
        var fake = (FakeDatabase)(object)database;
        fake._name = name;
        fake._run = run;
        return database;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
    {
        nameof(IMongoDatabase.Name) or "get_Name" => _name,
        nameof(IMongoDatabase.RunCommandAsync) when _name == "admin" => RunAsync((BsonDocument)args![0]!),
        _ => throw new NotSupportedException(targetMethod.Name),
    };

    private Task<BsonDocument> RunAsync(BsonDocument command)
    {
        try
        {
            return Task.FromResult(_run(command));
        }
        catch (Exception e)
        {
            return Task.FromException<BsonDocument>(e);
        }
    }
}

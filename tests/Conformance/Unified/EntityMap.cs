using System.Globalization;
using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>A client entity: the client, the settings it was built from and the recorder of its events.</summary>
public sealed record ClientEntity(string Id, MongoClient Client, EventRecorder Recorder, MongoClientSettings Settings);

/// <summary>
/// The entities of one test: clients, databases, collections, saved results (BSON values) and event stores. Kinds the
/// client has not built (sessions, GridFS buckets, threads, client encryption) throw <see cref="NotBuiltException"/>.
/// </summary>
public sealed class EntityMap(UnifiedTarget target) : IAsyncDisposable
{
    private readonly Dictionary<string, object> _entities = new(StringComparer.Ordinal);

    public void Add(string id, object entity)
    {
        if (!_entities.TryAdd(id, entity))
        {
            throw new InvalidOperationException($"Entity '{id}' already exists.");
        }
    }

    public T Get<T>(string id) => Get(id) is T t ? t : throw new InvalidOperationException($"Entity '{id}' is a {Get(id).GetType().Name}, not a {typeof(T).Name}.");

    public object Get(string id) => _entities.TryGetValue(id, out var e)
        ? e is NotBuiltEntity notBuilt ? throw new NotBuiltException(notBuilt.Feature) : e
        : throw new InvalidOperationException($"No entity '{id}'.");

    /// <summary>The BSON value of an entity, for <c>$$matchesEntity</c>.</summary>
    public BsonValue? Bson(string id) => _entities.GetValueOrDefault(id) as BsonValue;

    public IEnumerable<ClientEntity> Clients => _entities.Values.OfType<ClientEntity>();

    public void Create(EntityDefinition definition)
    {
        switch (definition.Kind)
        {
            case "client":
                Add(definition.Id, CreateClient(definition));
                break;
            case "database":
                var client = Get<ClientEntity>(definition.Body["client"].AsString);
                var options = definition.Body.GetValue("databaseOptions", null) as BsonDocument;
                var name = definition.Body["databaseName"].AsString;
                Add(definition.Id, options is null ? client.Client.GetDatabase(name) : client.Client.GetDatabase(name, DatabaseOptionsFrom(options)));
                break;
            case "collection":
                var database = Get<IMongoDatabase>(definition.Body["database"].AsString);
                var collection = database.GetCollection<BsonDocument>(definition.Body["collectionName"].AsString);
                if (definition.Body.GetValue("collectionOptions", null) is BsonDocument collectionOptions)
                {
                    var o = DatabaseOptionsFrom(collectionOptions);
                    collection = collection.WithOptions(new CollectionOptions { ReadConcern = o.ReadConcern, ReadPreference = o.ReadPreference, WriteConcern = o.WriteConcern });
                }

                Add(definition.Id, collection);
                break;
            // Defined up front by many files but used by few of their tests: a test fails over to a skip only when it uses one.
            case "session":
                Add(definition.Id, new NotBuiltEntity("explicit sessions (session entities)"));
                break;
            case "bucket":
                Add(definition.Id, new NotBuiltEntity("GridFS (bucket entities)"));
                break;
            case "thread":
                throw new NotBuiltException("thread entities (runOnThread) in this runner");
            case "clientEncryption":
                throw new NotBuiltException("client-side field level encryption");
            default:
                throw new InvalidDataException($"{definition.JsonPath}: unknown entity kind '{definition.Kind}'.");
        }
    }

    private ClientEntity CreateClient(EntityDefinition definition)
    {
        var body = definition.Body;
        foreach (var element in body)
        {
            if (element.Name is not ("id" or "uriOptions" or "useMultipleMongoses" or "observeEvents" or "ignoreCommandMonitoringEvents"
                or "observeSensitiveCommands" or "storeEventsAsEntities" or "serverApi"))
            {
                throw new NotBuiltException($"client entity option '{element.Name}' in this runner");
            }
        }

        var uri = target.ConnectionString;
        if (body.GetValue("uriOptions", null) is BsonDocument uriOptions && uriOptions.ElementCount > 0)
        {
            if (uriOptions.Contains("timeoutMS"))
            {
                throw new NotBuiltException("client-side operation timeouts (timeoutMS)");
            }

            uri = AppendOptions(uri, uriOptions);
        }

        var settings = MongoClientSettings.FromConnectionString(uri);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        if (body.GetValue("serverApi", null) is BsonDocument api)
        {
            settings.ServerApi = new ServerApi(
                (ServerApiVersion)int.Parse(api["version"].AsString, CultureInfo.InvariantCulture),
                api.GetValue("strict", null)?.AsBoolean,
                api.GetValue("deprecationErrors", null)?.AsBoolean);
        }

        var observe = Strings(body, "observeEvents");
        var ignore = Strings(body, "ignoreCommandMonitoringEvents");
        Action<ObservedEvent>? store = null;
        if (body.GetValue("storeEventsAsEntities", null) is BsonArray stores)
        {
            var targets = new List<(BsonArray Array, HashSet<string> Names)>();
            foreach (var s in stores.Cast<BsonDocument>())
            {
                var array = new BsonArray();
                Add(s["id"].AsString, array);
                targets.Add((array, s["events"].AsBsonArray.Select(v => v.AsString).ToHashSet(StringComparer.Ordinal)));
            }

            store = e =>
            {
                foreach (var (array, names) in targets.Where(t => t.Names.Contains(e.Name)))
                {
                    lock (array)
                    {
                        var stored = new BsonDocument { { "name", e.Name }, { "observedAt", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 } };
                        stored.Merge(e.Fields);
                        array.Add(stored);
                    }
                }
            };
        }

        var recorder = new EventRecorder(observe, ignore, body.GetValue("observeSensitiveCommands", false).ToBoolean(), store);
        settings.CommandEventSubscriber = recorder;
        settings.ConnectionPoolEventSubscriber = recorder;
        settings.SdamEventSubscriber = recorder;
        return new ClientEntity(definition.Id, new MongoClient(settings), recorder, settings);
    }

    private static HashSet<string> Strings(BsonDocument body, string name) =>
        (body.GetValue(name, null) as BsonArray ?? []).Select(v => v.AsString).ToHashSet(StringComparer.Ordinal);

    /// <summary>Appends unified <c>uriOptions</c> to a connection string.</summary>
    public static string AppendOptions(string uri, BsonDocument options)
    {
        var parts = new List<string>();
        foreach (var element in options)
        {
            var value = element.Value switch
            {
                BsonBoolean b => b.Value ? "true" : "false",
                BsonDocument d => string.Join(",", d.Select(e => $"{e.Name}:{e.Value}")),
                BsonArray a => null,
                var v => v.ToString(),
            };
            if (value is null)
            {
                foreach (var item in element.Value.AsBsonArray)
                {
                    parts.Add($"{element.Name}={Uri.EscapeDataString(item is BsonDocument tags ? string.Join(",", tags.Select(e => $"{e.Name}:{e.Value}")) : item.ToString()!)}");
                }

                continue;
            }

            parts.Add($"{element.Name}={Uri.EscapeDataString(value)}");
        }

        var query = string.Join("&", parts);
        if (uri.Contains('?', StringComparison.Ordinal))
        {
            return uri + "&" + query;
        }

        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        return uri.IndexOf('/', schemeEnd) >= 0 ? uri + "?" + query : uri + "/?" + query;
    }

    /// <summary>readConcern / writeConcern / readPreference of databaseOptions or collectionOptions.</summary>
    public static DatabaseOptions DatabaseOptionsFrom(BsonDocument options)
    {
        var result = new DatabaseOptions();
        foreach (var element in options)
        {
            result = element.Name switch
            {
                "readConcern" => result with { ReadConcern = Concerns.ReadConcern(element.Value.AsBsonDocument) },
                "writeConcern" => result with { WriteConcern = Concerns.WriteConcern(element.Value.AsBsonDocument) },
                "readPreference" => result with { ReadPreference = Concerns.ReadPreference(element.Value.AsBsonDocument) },
                "timeoutMS" => throw new NotBuiltException("client-side operation timeouts (timeoutMS)"),
                _ => throw new InvalidDataException($"Unknown database/collection option '{element.Name}'."),
            };
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        // The spec closes every cursor entity at the end of the test, before the clients.
        foreach (var cursor in _entities.Values.OfType<CursorEntity>())
        {
            await cursor.DisposeAsync();
        }

        foreach (var client in Clients)
        {
            await client.Client.DisposeAsync();
        }
    }
}

/// <summary>An entity of a kind the client has not built; using it skips the test.</summary>
public sealed record NotBuiltEntity(string Feature);

/// <summary>A feature the client (or this runner) has not built; the case is skipped with this reason.</summary>
public class NotBuiltException : Exception
{
    public NotBuiltException(string feature)
        : base($"Not built: {feature}.")
    {
    }

    protected NotBuiltException(string message, bool _)
        : base(message)
    {
    }
}

/// <summary>An API the client leaves out on purpose (as PyMongo 4 does); the case is skipped with this reason.</summary>
public sealed class AbsentByDesignException(string what) : NotBuiltException($"Absent by design: {what}.", true);

using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>The operations on database and client entities.</summary>
public static class DatabaseOperations
{
    public static async Task<object?> RunAsync(IMongoDatabase db, UnifiedOperation op, Arguments a)
    {
        switch (op.Name)
        {
            case "runCommand":
            {
                var command = a.Document("command");
                a.OptionalString("commandName");
                var options = new RunCommandOptions { ReadPreference = a.OptionalDocument("readPreference") is { } rp ? Concerns.ReadPreference(rp) : null };
                a.EnsureAllRead();
                return await db.RunCommandAsync(command, options);
            }

            case "aggregate":
                var cursor = await db.AggregateAsync<BsonDocument>(CollectionOperations.Pipeline(a), CollectionOperations.AggregateOptions(a));
                return new BsonArray(await cursor.ToListAsync());
            case "listCollections":
            case "listCollectionObjects":
            {
                var options = ListCollectionsOptions(a);
                var collections = await db.ListCollectionsAsync(options);
                return new BsonArray(await collections.ToListAsync());
            }

            case "listCollectionNames":
                return new BsonArray(await db.ListCollectionNamesAsync(ListCollectionsOptions(a)));
            case "createCollection":
            {
                var name = a.String("collection");
                if (a.Has("encryptedFields"))
                {
                    throw new NotBuiltException("queryable encryption (encryptedFields)");
                }

                var options = new CreateCollectionOptions
                {
                    Capped = a.Bool("capped"), Size = a.Long("size"), Max = a.Long("max"), Validator = a.OptionalDocument("validator"),
                    ValidationLevel = a.OptionalString("validationLevel") switch { null => null, "strict" => DocumentValidationLevel.Strict, "moderate" => DocumentValidationLevel.Moderate, _ => DocumentValidationLevel.Off },
                    ValidationAction = a.OptionalString("validationAction") switch { null => null, "error" => DocumentValidationAction.Error, _ => DocumentValidationAction.Warn },
                    Collation = CollectionOperations.Collation(a),
                    TimeSeries = a.OptionalDocument("timeseries") is { } ts
                        ? new TimeSeriesOptions(ts["timeField"].AsString) { MetaField = ts.GetValue("metaField", null)?.AsString, Granularity = ts.GetValue("granularity", null)?.AsString }
                        : null,
                    ClusteredIndex = a.OptionalDocument("clusteredIndex"),
                    ExpireAfter = a.Optional("expireAfterSeconds") is { } e ? TimeSpan.FromSeconds(e.ToInt64()) : null,
                    ViewOn = a.OptionalString("viewOn"),
                    Pipeline = a.Optional("pipeline") is BsonArray p ? p : default(Pipeline),
                    ChangeStreamPreAndPostImages = a.OptionalDocument("changeStreamPreAndPostImages") is { } images ? images["enabled"].ToBoolean() : null,
                    Comment = a.Optional("comment"),
                };
                a.EnsureAllRead();
                await db.CreateCollectionAsync(name, options);
                return db.GetCollection<BsonDocument>(name);
            }

            case "dropCollection":
            {
                var name = a.String("collection");
                a.EnsureAllRead();
                await db.DropCollectionAsync(name);
                return null;
            }

            case "createChangeStream":
                throw new NotBuiltException("change streams");
            case "runCursorCommand":
            case "createCommandCursor":
            {
                var command = a.Document("command");
                a.OptionalString("commandName");
                if (a.OptionalString("cursorType") is not (null or "nonTailable"))
                {
                    throw new NotBuiltException("tailable cursors of runCursorCommand in this runner");
                }

                var options = new RunCursorCommandOptions
                {
                    ReadPreference = a.OptionalDocument("readPreference") is { } rp ? Concerns.ReadPreference(rp) : null,
                    BatchSize = a.Int("batchSize"), MaxAwaitTime = a.Milliseconds("maxTimeMS"), Comment = a.Optional("comment"),
                };
                a.EnsureAllRead();
                var commandCursor = await db.RunCursorCommandAsync(command, options);
                if (op.Name == "createCommandCursor")
                {
                    return new CursorEntity(commandCursor);
                }

                return new BsonArray(await commandCursor.ToListAsync());
            }
            default:
                throw new UnmappedOperationException(op);
        }
    }

    public static async Task<object?> RunAsync(ClientEntity client, UnifiedOperation op, Arguments a)
    {
        switch (op.Name)
        {
            case "listDatabases":
            case "listDatabaseObjects":
            {
                var options = ListDatabasesOptions(a);
                var cursor = await client.Client.ListDatabasesAsync(options);
                return new BsonArray(await cursor.ToListAsync());
            }

            case "listDatabaseNames":
                return new BsonArray(await client.Client.ListDatabaseNamesAsync(ListDatabasesOptions(a)));
            case "createChangeStream":
                throw new NotBuiltException("change streams");
            case "appendMetadata":
            {
                var info = a.Document("driverInfoOptions");
                a.EnsureAllRead();
                client.Client.AppendMetadata(new DriverInfo(info["name"].AsString, info.GetValue("version", null)?.AsString, info.GetValue("platform", null)?.AsString));
                return null;
            }

            case "clientBulkWrite":
                throw new NotBuiltException("client bulk write (MongoClient.BulkWrite)");
            case "startSession":
                throw new NotBuiltException("explicit sessions");
            default:
                throw new UnmappedOperationException(op);
        }
    }

    private static ListCollectionsOptions ListCollectionsOptions(Arguments a)
    {
        var options = new ListCollectionsOptions
        {
            Filter = a.OptionalDocument("filter"), NameOnly = a.Bool("nameOnly"), AuthorizedCollections = a.Bool("authorizedCollections"),
            BatchSize = a.Int("batchSize"), Comment = a.Optional("comment"),
        };
        a.EnsureAllRead();
        return options;
    }

    private static ListDatabasesOptions ListDatabasesOptions(Arguments a)
    {
        var options = new ListDatabasesOptions
        {
            Filter = a.OptionalDocument("filter"), NameOnly = a.Bool("nameOnly"), AuthorizedDatabases = a.Bool("authorizedDatabases"), Comment = a.Optional("comment"),
        };
        a.EnsureAllRead();
        return options;
    }
}

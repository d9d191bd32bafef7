using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Protocol;
using OpenQuizz.Typed.Embedded.Query;
using OpenQuizz.Typed.Embedded.Storage;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>listCollections with filter, nameOnly and a cursor.</summary>
internal sealed class ListCollectionsCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["listCollections", "listcollections"];

    public BsonDocument Execute(CommandContext context)
    {
        var filter = FilterParser.Parse(Arguments.Document(context, "filter"));
        var nameOnly = Arguments.Bool(context, "nameOnly");
        var batchSize = CursorOptions.BatchSize(context);
        var results = new List<BsonDocument>();
        if (context.Server.Storage.TryGetDatabase(context.Database) is { } database)
        {
            foreach (var collection in database.Collections.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var entry = nameOnly
                    ? new BsonDocument { { "name", collection.Name }, { "type", "collection" } }
                    : Describe(collection);
                if (filter.Matches(entry))
                {
                    results.Add(entry);
                }
            }
        }

        return CursorOptions.FirstBatch(context, context.Database + ".$cmd.listCollections", results, batchSize, null);
    }

    private static BsonDocument Describe(CollectionStore collection) => new()
    {
        { "name", collection.Name },
        { "type", "collection" },
        { "options", collection.Options },
        { "info", new BsonDocument { { "readOnly", false }, { "uuid", BsonBinaryData.FromGuid(collection.Uuid, UuidRepresentation.Standard) } } },
        { "idIndex", IdIndex() },
    };

    public static BsonDocument IdIndex() => new() { { "v", 2 }, { "key", new BsonDocument("_id", 1) }, { "name", "_id_" } };
}

internal sealed class CreateCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["create"];

    private static void RefuseUnbuilt(BsonDocument options, string option, string feature, Func<BsonValue, bool> isSet)
    {
        if (options.TryGetValue(option, out var value) && isSet(value))
        {
            throw new MongoServerException(ErrorCodes.NotImplemented, $"{feature} ('{option}') are not supported by the embedded server yet");
        }
    }

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        if (Arguments.String(context, "viewOn") is not null)
        {
            throw new MongoServerException(ErrorCodes.NotImplemented, "views are not supported by the embedded server yet");
        }

        var options = new BsonDocument();
        foreach (var element in context.Command)
        {
            if (element.Name is not ("create" or "$db" or "lsid" or "txnNumber" or "writeConcern" or "$clusterTime" or "$readPreference" or "apiVersion" or "apiStrict" or "apiDeprecationErrors" or "comment"))
            {
                options.Add(element.Name, element.Value);
            }
        }

        // Options that change which writes the server accepts or keeps are refused until they are built: accepting
        // them and ignoring them would apply writes that mongod refuses, or keep documents it would remove.
        RefuseUnbuilt(options, "capped", "capped collections", static v => v.IsBoolean ? v.AsBoolean : v.IsNumeric && v.ToDouble() != 0);
        RefuseUnbuilt(options, "validator", "document validation", static v => v is not BsonDocument { ElementCount: 0 });
        RefuseUnbuilt(options, "timeseries", "time series collections", static _ => true);
        RefuseUnbuilt(options, "encryptedFields", "queryable encryption", static _ => true);

        context.Server.Storage.GetOrCreateCollection(context.Database, name, out var created, options);
        if (!created)
        {
            throw new MongoServerException(ErrorCodes.NamespaceExists, $"Collection {context.Database}.{name} already exists.");
        }

        return Replies.Ok();
    }
}

internal sealed class DropCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["drop"];

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var ns = context.Database + "." + name;

        // Since 7.0 dropping a missing collection succeeds.
        var indexes = context.Server.Storage.TryGetCollection(context.Database, name)?.Indexes.Count ?? 1;
        return context.Server.Storage.DropCollection(context.Database, name)
            ? new BsonDocument { { "nIndexesWas", indexes }, { "ns", ns }, { "ok", 1.0 } }
            : Replies.Ok();
    }
}

internal sealed class RenameCollectionCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["renameCollection", "renamecollection"];

    public BsonDocument Execute(CommandContext context)
    {
        Arguments.RequireAdmin(context, "renameCollection");

        var from = context.CommandValue is BsonString f ? f.Value : throw Arguments.WrongType(context, "renameCollection", context.CommandValue, "string");
        var to = Arguments.String(context, "to") ?? throw new MongoServerException(ErrorCodes.FailedToParse, "BSON field 'renameCollection.to' is missing but a required field");
        var (fromDb, fromColl) = Split(from);
        var (toDb, toColl) = Split(to);
        context.Server.Storage.Rename(fromDb, fromColl, toDb, toColl, Arguments.Bool(context, "dropTarget"));
        return Replies.Ok();
    }

    private static (string Db, string Collection) Split(string ns)
    {
        var dot = ns.IndexOf('.');
        if (dot <= 0 || dot == ns.Length - 1)
        {
            throw new MongoServerException(ErrorCodes.InvalidNamespace, $"Invalid namespace specified '{ns}'");
        }

        return (ns[..dot], ns[(dot + 1)..]);
    }
}

internal sealed class CollStatsCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["collStats", "collstats"];

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var collection = context.Server.Storage.TryGetCollection(context.Database, name)
            ?? throw new MongoServerException(ErrorCodes.NamespaceNotFound, $"Collection [{context.Database}.{name}] not found.");
        var (count, size, indexSizes) = collection.Statistics();

        return new BsonDocument
        {
            { "ns", collection.FullName },
            { "size", size },
            { "count", count },
            { "avgObjSize", count == 0 ? 0 : size / count },
            { "storageSize", size },
            { "nindexes", indexSizes.ElementCount },
            { "totalIndexSize", 0 },
            { "indexSizes", indexSizes },
            { "capped", false },
            { "ok", 1.0 },
        };
    }
}

/// <summary>The cursor options shared by find, listCollections and the rest.</summary>
internal static class CursorOptions
{
    public static int BatchSize(CommandContext context)
    {
        if (Arguments.Document(context, "cursor") is { } cursor && cursor.TryGetValue("batchSize", out var value))
        {
            if (!value.IsNumeric || value.ToDouble() < 0)
            {
                throw new MongoServerException(ErrorCodes.IdlBadValue, $"BSON field 'batchSize' value must be >= 0, actual value '{value}'");
            }

            return (int)Math.Min(value.ToDouble(), int.MaxValue);
        }

        return 0;
    }

    /// <summary>
    /// Answers with the first batch and, when results remain, registers a cursor for getMore.
    /// <paramref name="batchSize"/> 0 means "as many as fit", as for commands without a batch size.
    /// </summary>
    public static BsonDocument FirstBatch(CommandContext context, string ns, IReadOnlyList<BsonDocument> results, int batchSize, Func<int, BsonDocument>? transform, bool singleBatch = false)
    {
        // Most results fit in the first batch: read it through an unregistered cursor, and register one (with a fresh
        // id and its owners) only when documents remain for getMore.
        var first = new Cursors.ServerCursor(0, ns, results, 0, transform);
        var batch = first.NextBatch(batchSize, WireLimits.MaxBsonObjectSize);
        long id = 0;
        if (!first.IsExhausted && !singleBatch)
        {
            id = context.Server.Cursors.Open(ns, results, first.Position, transform, context.CursorOrigin()).Id;
        }

        return Replies.Cursor("firstBatch", batch, id, ns);
    }

    /// <summary>
    /// Answers with the first batch pulled from <paramref name="pull"/> (null when done) and, when documents remain,
    /// registers a streaming cursor that goes on pulling: nothing beyond the batch is materialised.
    /// <paramref name="batchSize"/> 0 opens the cursor without reading.
    /// </summary>
    public static BsonDocument StreamingFirstBatch(CommandContext context, string ns, Func<BsonDocument?> pull, int batchSize, bool singleBatch = false)
    {
        var origin = context.CursorOrigin();
        if (batchSize == 0)
        {
            var opened = context.Server.Cursors.Open(ns, pull, origin);
            if (opened.IsExhausted)
            {
                context.Server.Cursors.Kill(opened.Id);
                return Replies.Cursor("firstBatch", [], 0, ns);
            }

            return Replies.Cursor("firstBatch", [], opened.Id, ns);
        }

        var first = new Cursors.ServerCursor(0, ns, pull);
        var batch = first.NextBatch(batchSize, WireLimits.MaxBsonObjectSize);
        long id = 0;
        if (!singleBatch && !first.IsExhausted)
        {
            // The document the first cursor read ahead (to learn it was not exhausted) is the next one's first.
            var carried = first.DetachPeeked();
            id = context.Server.Cursors.Open(ns, () =>
            {
                var next = carried ?? pull();
                carried = null;
                return next;
            }, origin).Id;
        }

        return Replies.Cursor("firstBatch", batch, id, ns);
    }
}

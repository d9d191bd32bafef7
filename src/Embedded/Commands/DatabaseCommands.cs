using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>listDatabases: databases that hold at least one collection, with filter and nameOnly.</summary>
internal sealed class ListDatabasesCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["listDatabases", "listdatabases"];

    public BsonDocument Execute(CommandContext context)
    {
        Arguments.RequireAdmin(context, "listDatabases");

        var filter = FilterParser.Parse(Arguments.Document(context, "filter"));
        var nameOnly = Arguments.Bool(context, "nameOnly");
        var visible = context.Server.Authentication.ListableDatabases(context, context.Command.Contains("authorizedDatabases") ? Arguments.Bool(context, "authorizedDatabases") : null);
        var databases = new BsonArray();
        long total = 0;
        foreach (var database in context.Server.Storage.Databases.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (database.Collections.IsEmpty || !visible(database.Name))
            {
                continue;
            }

            long size = 0;
            foreach (var collection in database.Collections.Values)
            {
                size += collection.DataSize;
            }

            var entry = nameOnly
                ? new BsonDocument("name", database.Name)
                : new BsonDocument { { "name", database.Name }, { "sizeOnDisk", size }, { "empty", false } };
            if (filter.Matches(entry))
            {
                databases.Add(entry);
                total += size;
            }
        }

        var reply = new BsonDocument("databases", databases);
        if (!nameOnly)
        {
            reply.Add("totalSize", total);
            reply.Add("totalSizeMb", total / (1024 * 1024));
        }

        reply.Add("ok", 1.0);
        return reply;
    }
}

internal sealed class DropDatabaseCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["dropDatabase", "dropdatabase"];

    public BsonDocument Execute(CommandContext context)
    {
        if (context.Server.Storage.TryGetDatabase(context.Database) is { } database)
        {
            foreach (var name in database.Collections.Keys.ToList())
            {
                context.Server.Storage.DropCollection(context.Database, name);
            }

            context.Server.Storage.DropDatabase(context.Database);
        }

        return new BsonDocument { { "dropped", context.Database }, { "ok", 1.0 } };
    }
}

internal sealed class DbStatsCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["dbStats", "dbstats"];

    public BsonDocument Execute(CommandContext context)
    {
        var database = context.Server.Storage.TryGetDatabase(context.Database);
        long objects = 0, dataSize = 0;
        var collections = 0;
        if (database is not null)
        {
            foreach (var collection in database.Collections.Values)
            {
                lock (collection.SyncRoot)
                {
                    objects += collection.Count;
                    dataSize += collection.DataSize;
                }

                collections++;
            }
        }

        return new BsonDocument
        {
            { "db", context.Database },
            { "collections", collections },
            { "views", 0 },
            { "objects", objects },
            { "avgObjSize", objects == 0 ? 0.0 : (double)dataSize / objects },
            { "dataSize", (double)dataSize },
            { "storageSize", (double)dataSize },
            { "indexes", collections },
            { "indexSize", 0.0 },
            { "totalSize", (double)dataSize },
            { "scaleFactor", 1 },
            { "ok", 1.0 },
        };
    }
}

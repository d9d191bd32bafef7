using System.Collections.Concurrent;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Storage.Persistence;

namespace OpenQuizz.Typed.Embedded.Storage;

/// <summary>
/// The catalog of databases and collections. Catalog changes (create, drop, rename) are serialised by one lock;
/// document operations take only their collection's lock.
/// </summary>
internal sealed class StorageEngine
{
    private readonly ConcurrentDictionary<string, DatabaseStore> _databases = new(StringComparer.Ordinal);
    private readonly Lock _catalog = new();

    public IEnumerable<DatabaseStore> Databases => _databases.Values;

    /// <summary>Where catalog changes are recorded when the server persists to a data directory (null in memory).</summary>
    public Journal? Journal { get; set; }

    /// <summary>Runs <paramref name="action"/> with the catalog and every collection locked, so nothing changes meanwhile.</summary>
    public void RunExclusive(Action action)
    {
        var spin = new SpinWait();
        while (true)
        {
            lock (_catalog)
            {
                var locked = new List<CollectionStore>();
                try
                {
                    // Collection locks are only tried: a retryable write keeps its collection's lock until its journal
                    // group is appended (see JournalGroup) and may need the catalog meanwhile; waiting for it while
                    // holding the catalog could deadlock, so back off and try again instead.
                    var all = true;
                    foreach (var database in _databases.Values)
                    {
                        foreach (var collection in database.Collections.Values)
                        {
                            if (!collection.SyncRoot.TryEnter())
                            {
                                all = false;
                                break;
                            }

                            locked.Add(collection);
                        }

                        if (!all)
                        {
                            break;
                        }
                    }

                    if (all)
                    {
                        action();
                        return;
                    }
                }
                finally
                {
                    foreach (var collection in locked)
                    {
                        collection.SyncRoot.Exit();
                    }
                }
            }

            spin.SpinOnce(sleep1Threshold: 20);
        }
    }

    /// <summary>Runs <paramref name="action"/> under the catalog lock, which a snapshot holds for its whole length.</summary>
    public void RunUnderCatalog(Action action)
    {
        lock (_catalog)
        {
            action();
        }
    }

    public DatabaseStore? TryGetDatabase(string name) => _databases.TryGetValue(name, out var database) ? database : null;

    public CollectionStore? TryGetCollection(string database, string collection) =>
        _databases.TryGetValue(database, out var db) && db.Collections.TryGetValue(collection, out var store) ? store : null;

    /// <summary>
    /// The collection, created (implicitly, as inserts and upserts do) when missing. <paramref name="uuid"/> is given
    /// when replaying the journal, so a collection keeps its UUID across restarts as in mongod.
    /// </summary>
    public CollectionStore GetOrCreateCollection(string database, string collection, out bool created, BsonDocument? options = null, Guid? uuid = null)
    {
        created = false;
        if (TryGetCollection(database, collection) is { } existing)
        {
            return existing;
        }

        NamespaceRules.ValidateDatabase(database);
        NamespaceRules.ValidateCollection(collection);
        lock (_catalog)
        {
            var db = _databases.GetOrAdd(database, static name => new DatabaseStore(name));
            if (db.Collections.TryGetValue(collection, out existing))
            {
                return existing;
            }

            var store = new CollectionStore(database, collection, options, uuid) { Journal = Journal };
            db.Collections[collection] = store;
            created = true;
            Journal?.Create(store.FullName, store.Options, store.Uuid);
            return store;
        }
    }

    /// <summary>
    /// Raised after a collection (database and name) or a whole database (name null) was dropped or renamed away, so
    /// that what still refers to it — open cursors — goes with it, as in mongod.
    /// </summary>
    public event Action<string, string?>? Dropped;

    public bool DropCollection(string database, string collection)
    {
        lock (_catalog)
        {
            if (!_databases.TryGetValue(database, out var db) || !db.Collections.TryGetValue(collection, out var store))
            {
                return false;
            }

            // Removed only once its lock is held: a write holding it (a journal group) still finds its collection.
            lock (store.SyncRoot)
            {
                db.Collections.TryRemove(collection, out _);
                store.Truncate();
            }

            Journal?.Drop(database + "." + collection);
        }

        Dropped?.Invoke(database, collection);
        return true;
    }

    public bool DropDatabase(string database)
    {
        lock (_catalog)
        {
            if (!_databases.TryRemove(database, out _))
            {
                return false;
            }

            Journal?.DropDatabase(database);
        }

        Dropped?.Invoke(database, null);
        return true;
    }

    /// <summary>Moves a collection to a new namespace, replacing the target when <paramref name="dropTarget"/> allows.</summary>
    public void Rename(string fromDb, string fromColl, string toDb, string toColl, bool dropTarget)
    {
        NamespaceRules.ValidateDatabase(toDb);
        NamespaceRules.ValidateCollection(toColl);
        lock (_catalog)
        {
            if (!_databases.TryGetValue(fromDb, out var source) || !source.Collections.TryGetValue(fromColl, out var store))
            {
                throw new MongoServerException(ErrorCodes.NamespaceNotFound, "Source collection " + fromDb + "." + fromColl + " does not exist");
            }

            if (fromDb == toDb && fromColl == toColl)
            {
                throw new MongoServerException(ErrorCodes.IllegalOperation, "Can't rename a collection to itself");
            }

            var target = _databases.GetOrAdd(toDb, static name => new DatabaseStore(name));
            if (target.Collections.ContainsKey(toColl))
            {
                if (!dropTarget)
                {
                    throw new MongoServerException(ErrorCodes.NamespaceExists, "target namespace exists");
                }

                target.Collections.TryRemove(toColl, out _);
            }

            lock (store.SyncRoot)
            {
                source.Collections.TryRemove(fromColl, out _);
                store.Rename(toDb, toColl);
            }

            target.Collections[toColl] = store;
            Journal?.Rename(fromDb + "." + fromColl, toDb + "." + toColl, dropTarget);
        }

        // The cursors of both namespaces end: the source's documents moved, the target's (if any) were dropped.
        Dropped?.Invoke(fromDb, fromColl);
        Dropped?.Invoke(toDb, toColl);
    }
}

/// <summary>mongod's rules for database and collection names.</summary>
internal static class NamespaceRules
{
    public static void ValidateDatabase(string name)
    {
        if (name.Length == 0 || name.Length >= 64 || name.AsSpan().IndexOfAny("/\\. \"$*<>:|?\0") >= 0)
        {
            throw new MongoServerException(ErrorCodes.InvalidNamespace, $"Invalid database name: '{name}'");
        }
    }

    public static void ValidateCollection(string name)
    {
        if (name.Length == 0 || name.Contains('\0') || name.Contains('$') || name.StartsWith('.'))
        {
            throw new MongoServerException(ErrorCodes.InvalidNamespace, $"Invalid collection name: {name}");
        }
    }
}

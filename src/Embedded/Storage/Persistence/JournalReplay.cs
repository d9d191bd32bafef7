using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Indexes;

namespace OpenQuizz.Typed.Embedded.Storage.Persistence;

/// <summary>
/// Applies journal and snapshot records to a storage engine that has no journal attached (so nothing is logged twice).
/// Documents are named by <c>_id</c>, not record id, because record ids are not kept across restarts.
/// </summary>
internal static class JournalReplay
{
    /// <summary>Applies one record; retry records (alone or with the writes of their group) go to <paramref name="sessions"/>.</summary>
    public static void Apply(StorageEngine storage, BsonDocument record, Sessions.SessionRegistry? sessions)
    {
        var op = record["op"].AsString;
        if (op is "txn" or "ge")
        {
            // A retry record: alone, or ending the group of the write it records (see DataDirectory.Replay).
            if (record.TryGetValue("txn", out var txn))
            {
                sessions?.Load(txn.AsBsonDocument);
            }

            return;
        }

        var ns = record["ns"].AsString;
        if (op == "dd")
        {
            if (storage.TryGetDatabase(ns) is { } database)
            {
                foreach (var name in database.Collections.Keys.ToList())
                {
                    storage.DropCollection(ns, name);
                }

                storage.DropDatabase(ns);
            }

            return;
        }

        var (db, coll) = Split(ns);
        switch (op)
        {
            case "c":
                // Journals written before UUIDs were recorded have none: the collection gets a new one, as it did before.
                Guid? uuid = record.GetValue("uuid", null) is BsonBinaryData binary ? binary.ToGuid(UuidRepresentation.Standard) : null;
                storage.GetOrCreateCollection(db, coll, out _, record["o"].AsBsonDocument, uuid);
                break;
            case "drop":
                storage.DropCollection(db, coll);
                break;
            case "ren":
                var (toDb, toColl) = Split(record["to"].AsString);
                storage.Rename(db, coll, toDb, toColl, record["dropTarget"].AsBoolean);
                break;
            case "i":
            {
                var collection = storage.GetOrCreateCollection(db, coll, out _);
                var document = record["o"].AsBsonDocument;
                lock (collection.SyncRoot)
                {
                    collection.Insert(document, document.GetEncodedSize());
                }

                break;
            }

            case "u":
            {
                var collection = Existing(storage, db, coll);
                var document = record["o"].AsBsonDocument;
                lock (collection.SyncRoot)
                {
                    if (collection.TryGetById(document["_id"], out var recordId, out _))
                    {
                        collection.Replace(recordId, document, document.GetEncodedSize());
                    }
                }

                break;
            }

            case "d":
            {
                var collection = Existing(storage, db, coll);
                lock (collection.SyncRoot)
                {
                    if (collection.TryGetById(record["id"], out var recordId, out _))
                    {
                        collection.Delete(recordId);
                    }
                }

                break;
            }

            case "ci":
            {
                var collection = storage.GetOrCreateCollection(db, coll, out _);
                var spec = IndexSpec.Parse(record["o"]);
                lock (collection.SyncRoot)
                {
                    collection.Indexes.Drop(spec.Name);
                    collection.Indexes.Add(IndexCatalog.Build(spec, Documents(collection), collection.FullName));
                }

                break;
            }

            case "di":
            {
                var collection = Existing(storage, db, coll);
                lock (collection.SyncRoot)
                {
                    collection.Indexes.Drop(record["name"].AsString);
                }

                break;
            }

            default:
                throw new InvalidDataException($"unknown journal operation '{op}'");
        }
    }

    /// <summary>The documents of a collection by record id, for building an index. Caller holds the collection lock.</summary>
    public static IEnumerable<KeyValuePair<long, BsonDocument>> Documents(CollectionStore collection)
    {
        foreach (var (recordId, stored) in collection.Scan())
        {
            yield return new KeyValuePair<long, BsonDocument>(recordId, stored.Document);
        }
    }

    public static (string Database, string Collection) Split(string ns)
    {
        var dot = ns.IndexOf('.');
        return dot <= 0 ? throw new InvalidDataException($"bad namespace '{ns}' in journal") : (ns[..dot], ns[(dot + 1)..]);
    }

    private static CollectionStore Existing(StorageEngine storage, string db, string coll) =>
        storage.TryGetCollection(db, coll) ?? throw new InvalidDataException($"journal names a missing collection {db}.{coll}");
}

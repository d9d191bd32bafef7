using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Indexes;
using OpenQuizz.Typed.Embedded.Query;
using OpenQuizz.Typed.Embedded.Storage;
using OpenQuizz.Typed.Embedded.Storage.Persistence;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>
/// createIndexes: builds every requested index over the existing documents, all or none; an index identical to an
/// existing one is a no-op, a conflicting one is error 85 (IndexOptionsConflict) or 86 (IndexKeySpecsConflict).
/// </summary>
internal sealed class CreateIndexesCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["createIndexes", "createindexes"];

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var requested = Arguments.Array(context, "indexes")
            ?? throw new MongoServerException(40414, "BSON field 'createIndexes.indexes' is missing but a required field");
        if (requested.Count == 0)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "Must specify at least one index to create");
        }

        var specs = new List<IndexSpec>(requested.Count);
        foreach (var value in requested)
        {
            specs.Add(IndexSpec.Parse(value));
        }

        var collection = context.Server.Storage.GetOrCreateCollection(context.Database, name, out var created);
        int before, after;
        lock (collection.SyncRoot)
        {
            before = collection.Indexes.Count;
            var toBuild = new List<IndexSpec>();
            foreach (var spec in specs)
            {
                if (IsAlreadyPresent(collection, spec, toBuild))
                {
                    continue;
                }

                toBuild.Add(spec);
            }

            var built = new List<SecondaryIndex>(toBuild.Count);
            foreach (var spec in toBuild)
            {
                built.Add(IndexCatalog.Build(spec, JournalReplay.Documents(collection), collection.FullName));
            }

            foreach (var index in built)
            {
                collection.Indexes.Add(index);
                collection.Journal?.CreateIndex(collection.FullName, index.Spec.Document);
            }

            after = collection.Indexes.Count;
        }

        var reply = new BsonDocument
        {
            { "numIndexesBefore", before },
            { "numIndexesAfter", after },
            { "createdCollectionAutomatically", created },
        };
        if (before == after)
        {
            reply.Add("note", "all indexes already exist");
        }

        reply.Add("ok", 1.0);
        return reply;
    }

    /// <summary>True when an identical index exists; throws when the spec conflicts with an existing or an earlier requested one.</summary>
    private static bool IsAlreadyPresent(CollectionStore collection, IndexSpec spec, List<IndexSpec> pending)
    {
        foreach (var existing in collection.Indexes.Specs.Concat(pending))
        {
            var sameKey = BsonOrder.CompareValues(existing.Key, spec.Key) == 0;
            var sameIdentity = sameKey && BsonOrder.CompareValues(
                (BsonValue?)existing.PartialFilterExpression ?? BsonNull.Value,
                (BsonValue?)spec.PartialFilterExpression ?? BsonNull.Value) == 0;
            if (existing.Name == spec.Name)
            {
                if (!sameKey)
                {
                    throw new MongoServerException(
                        ErrorCodes.IndexKeySpecsConflict,
                        $"An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: {spec.Document}, existing index: {existing.Document}");
                }

                if (spec.IsId || existing.SameKeyAndOptions(spec))
                {
                    return true;
                }

                throw new MongoServerException(
                    ErrorCodes.IndexOptionsConflict,
                    $"An equivalent index already exists with the same name but different options. Requested index: {spec.Document}, existing index: {existing.Document}");
            }

            if (sameIdentity)
            {
                throw new MongoServerException(ErrorCodes.IndexOptionsConflict, $"Index already exists with a different name: {existing.Name}");
            }
        }

        return false;
    }
}

/// <summary>listIndexes: every index of the collection as its spec was given (v, key, name, then the options).</summary>
internal sealed class ListIndexesCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["listIndexes", "listindexes"];

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var collection = context.Server.Storage.TryGetCollection(context.Database, name)
            ?? throw new MongoServerException(ErrorCodes.NamespaceNotFound, $"ns does not exist: {context.Database}.{name}");
        List<BsonDocument> specs;
        lock (collection.SyncRoot)
        {
            specs = collection.Indexes.Specs.Select(s => (BsonDocument)s.Document.DeepClone()).ToList();
        }

        return CursorOptions.FirstBatch(context, context.Database + "." + name, specs, CursorOptions.BatchSize(context), null);
    }
}

/// <summary>dropIndexes: by name, by key pattern, a list of names, or "*" for all but <c>_id_</c>, which can never be dropped.</summary>
internal sealed class DropIndexesCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["dropIndexes", "dropindexes", "deleteIndexes", "deleteindexes"];

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var target = context.Command.GetValue("index", null)
            ?? throw new MongoServerException(40414, $"BSON field '{context.CommandName}.index' is missing but a required field");
        var collection = context.Server.Storage.TryGetCollection(context.Database, name)
            ?? throw new MongoServerException(ErrorCodes.NamespaceNotFound, $"ns not found {context.Database}.{name}");
        lock (collection.SyncRoot)
        {
            var indexes = collection.Indexes;
            var before = indexes.Count;
            var names = new List<string>();
            switch (target)
            {
                case BsonString { Value: "*" }:
                    names.AddRange(indexes.Secondary.Select(i => i.Name));
                    break;
                case BsonString { Value: var single }:
                    names.Add(ResolveName(indexes, single));
                    break;
                case BsonArray list:
                    foreach (var item in list)
                    {
                        var itemName = item is BsonString s ? s.Value : throw Arguments.WrongType(context, "index", item, "string");
                        if (itemName == "*")
                        {
                            throw new MongoServerException(ErrorCodes.BadValue, "'*' cannot be used together with other index names");
                        }

                        names.Add(ResolveName(indexes, itemName));
                    }

                    break;
                case BsonDocument key:
                    if (BsonOrder.CompareValues(key, IndexSpec.IdIndex.Key) == 0)
                    {
                        throw CannotDropId();
                    }

                    var byKey = indexes.Secondary.Where(i => BsonOrder.CompareValues(i.Spec.Key, key) == 0).ToList();
                    if (byKey.Count == 0)
                    {
                        throw new MongoServerException(ErrorCodes.IndexNotFound, $"can't find index with key: {key}");
                    }

                    if (byKey.Count > 1)
                    {
                        throw new MongoServerException(
                            ErrorCodes.AmbiguousIndexKeyPattern,
                            $"{byKey.Count} indexes found for key: {key}, identify by name instead. Conflicting indexes: {string.Join(", ", byKey.Select(i => i.Spec.Document.ToString()))}");
                    }

                    names.Add(byKey[0].Name);
                    break;
                default:
                    throw Arguments.WrongType(context, "index", target, "[string, object]");
            }

            foreach (var dropped in names)
            {
                indexes.Drop(dropped);
                collection.Journal?.DropIndex(collection.FullName, dropped);
            }

            var reply = new BsonDocument("nIndexesWas", before);
            if (target is BsonString { Value: "*" })
            {
                reply.Add("msg", "non-_id indexes dropped for collection");
            }

            reply.Add("ok", 1.0);
            return reply;
        }
    }

    private static string ResolveName(IndexCatalog indexes, string name)
    {
        if (name == IndexSpec.IdIndexName)
        {
            throw CannotDropId();
        }

        return indexes.Find(name) is null
            ? throw new MongoServerException(ErrorCodes.IndexNotFound, $"index not found with name [{name}]")
            : name;
    }

    private static MongoServerException CannotDropId() => new(ErrorCodes.InvalidOptions, "cannot drop _id index");
}

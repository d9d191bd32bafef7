using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;
using OpenQuizz.Typed.Embedded.Update;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>insert: stores each document, reporting per-document failures in <c>writeErrors</c>; ordered stops at the first.</summary>
internal sealed class InsertCommand : ICommandHandler
{
    // What an executed insert statement records: nothing beyond having happened (never mutated; retries clone it).
    private static readonly BsonDocument Inserted = [];

    public IEnumerable<string> Names => ["insert"];

    public bool IsRetryableWrite => true;

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var documents = Arguments.Array(context, "documents")
            ?? throw new MongoServerException(40414, "BSON field 'insert.documents' is missing but a required field");
        WriteSupport.CheckBatchSize(context, documents);
        var ordered = Arguments.Bool(context, "ordered", true);
        var collection = context.Server.Storage.GetOrCreateCollection(context.Database, name, out _);
        var n = 0;
        var errors = new BsonArray();
        lock (collection.SyncRoot)
        {
            for (var i = 0; i < documents.Count; i++)
            {
                try
                {
                    if (context.Retry?.PriorResult(i) is not null)
                    {
                        n++; // executed by an earlier attempt of this retryable write
                        continue;
                    }

                    var document = documents[i] as BsonDocument
                        ?? throw new MongoServerException(ErrorCodes.TypeMismatch, "BSON field 'insert.documents' contains a value that is not an object");
                    WriteSupport.InsertNew(collection, document, fromUpdate: false);
                    context.Retry?.Record(i, Inserted);
                    n++;
                }
                catch (MongoServerException ex)
                {
                    errors.Add(Replies.WriteError(i, ex));
                    if (ordered)
                    {
                        break;
                    }
                }
            }
        }

        Interlocked.Add(ref context.Server.Statistics.Inserts, n);
        var reply = new BsonDocument("n", n);
        if (errors.Count > 0)
        {
            reply.Add("writeErrors", errors);
        }

        reply.Add("ok", 1.0);
        return reply;
    }
}

/// <summary>update: each statement with q, u, upsert, multi and arrayFilters.</summary>
internal sealed class UpdateCommand : ICommandHandler
{
    // The fields of an update statement in mongod 7.0 (its IDL); "sort" came in 8.0.
    private static readonly HashSet<string> StatementFields =
        ["q", "u", "c", "arrayFilters", "hint", "multi", "upsert", "upsertSupplied", "collation", "sampleId", "$_allowShardKeyUpdatesWithoutFullShardKeyInQuery"];

    public IEnumerable<string> Names => ["update"];

    public bool IsRetryableWrite => true;

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var statements = Arguments.Array(context, "updates")
            ?? throw new MongoServerException(40414, "BSON field 'update.updates' is missing but a required field");
        WriteSupport.CheckBatchSize(context, statements);
        CheckStatementFields(statements);
        var ordered = Arguments.Bool(context, "ordered", true);
        var now = context.Server.Time.GetUtcNow();
        int n = 0, modified = 0;
        var upserted = new BsonArray();
        var errors = new BsonArray();
        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                if (context.Retry?.PriorResult(i) is { } prior)
                {
                    Add(prior, i);
                    continue;
                }

                if (statements[i] is not BsonDocument statement)
                {
                    throw new MongoServerException(ErrorCodes.TypeMismatch, "BSON field 'update.updates' contains a value that is not an object");
                }

                var query = statement.GetValue("q", null) as BsonDocument
                    ?? throw new MongoServerException(40414, "BSON field 'update.updates.q' is missing but a required field");
                var u = statement.GetValue("u", null)
                    ?? throw new MongoServerException(40414, "BSON field 'update.updates.u' is missing but a required field");
                var multi = ExpressionValues.IsTruthy(statement.GetValue("multi", null));
                if (multi && context.Retry is not null)
                {
                    // As mongod: one record per statement cannot describe a write to many documents.
                    throw new MongoServerException(ErrorCodes.InvalidOptions, "Cannot use (or request) retryable writes with multi=true");
                }

                var upsert = ExpressionValues.IsTruthy(statement.GetValue("upsert", null));
                var spec = UpdateSpec.Parse(u, statement.GetValue("arrayFilters", null) as BsonArray);
                if (multi && spec.IsReplacement)
                {
                    throw new MongoServerException(ErrorCodes.FailedToParse, "multi update is not supported for replacement-style update");
                }

                var filter = FilterParser.Parse(query);
                var collection = upsert
                    ? context.Server.Storage.GetOrCreateCollection(context.Database, name, out _)
                    : context.Server.Storage.TryGetCollection(context.Database, name);
                var outcome = new BsonDocument { { "n", 0 }, { "nModified", 0 } };
                if (collection is not null)
                {
                    WriteSupport.UpdateResult result;
                    lock (collection.SyncRoot)
                    {
                        result = WriteSupport.ApplyUpdate(collection, filter, query, spec, multi, upsert, sort: null, now);
                    }

                    outcome = new BsonDocument { { "n", result.Matched + (result.UpsertedId is null ? 0 : 1) }, { "nModified", result.Modified } };
                    if (result.UpsertedId is not null)
                    {
                        outcome.Add("upserted", result.UpsertedId);
                    }
                }

                context.Retry?.Record(i, outcome);
                Add(outcome, i);
            }
            catch (MongoServerException ex)
            {
                errors.Add(Replies.WriteError(i, ex));
                if (ordered)
                {
                    break;
                }
            }
        }

        Interlocked.Add(ref context.Server.Statistics.Updates, statements.Count);

        // One statement's outcome, applied now or recorded by an earlier attempt, into the command's counts.
        void Add(BsonDocument outcome, int index)
        {
            n += outcome["n"].ToInt32();
            modified += outcome["nModified"].ToInt32();
            if (outcome.TryGetValue("upserted", out var id))
            {
                upserted.Add(new BsonDocument { { "index", index }, { "_id", id } });
            }
        }

        var reply = new BsonDocument { { "n", n }, { "nModified", modified } };
        if (upserted.Count > 0)
        {
            reply.Add("upserted", upserted);
        }

        if (errors.Count > 0)
        {
            reply.Add("writeErrors", errors);
        }

        reply.Add("ok", 1.0);
        return reply;
    }

    // As mongod parses the whole command before running it: an unknown statement field fails the command, nothing written.
    private static void CheckStatementFields(BsonArray statements)
    {
        foreach (var statement in statements)
        {
            if (statement is BsonDocument document)
            {
                foreach (var element in document)
                {
                    if (!StatementFields.Contains(element.Name))
                    {
                        throw new MongoServerException(40415, $"BSON field 'update.updates.{element.Name}' is an unknown field.");
                    }
                }
            }
        }
    }
}

/// <summary>delete: each statement with q and limit (0 = all matches, 1 = the first).</summary>
internal sealed class DeleteCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["delete"];

    public bool IsRetryableWrite => true;

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var statements = Arguments.Array(context, "deletes")
            ?? throw new MongoServerException(40414, "BSON field 'delete.deletes' is missing but a required field");
        WriteSupport.CheckBatchSize(context, statements);
        var ordered = Arguments.Bool(context, "ordered", true);
        var collection = context.Server.Storage.TryGetCollection(context.Database, name);
        var n = 0;
        var errors = new BsonArray();
        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                if (context.Retry?.PriorResult(i) is { } prior)
                {
                    n += prior["n"].ToInt32();
                    continue;
                }

                if (statements[i] is not BsonDocument statement)
                {
                    throw new MongoServerException(ErrorCodes.TypeMismatch, "BSON field 'delete.deletes' contains a value that is not an object");
                }

                var query = statement.GetValue("q", null) as BsonDocument
                    ?? throw new MongoServerException(40414, "BSON field 'delete.deletes.q' is missing but a required field");
                var limitValue = statement.GetValue("limit", null)
                    ?? throw new MongoServerException(40414, "BSON field 'delete.deletes.limit' is missing but a required field");
                var limit = limitValue.IsNumeric ? limitValue.ToDouble() : -1;
                if (limit is not (0 or 1))
                {
                    throw new MongoServerException(ErrorCodes.FailedToParse, $"The limit field in delete objects must be 0 or 1. Got {limitValue}");
                }

                if (limit == 0 && context.Retry is not null)
                {
                    throw new MongoServerException(ErrorCodes.InvalidOptions, "Cannot use (or request) retryable writes with limit=0");
                }

                var filter = FilterParser.Parse(query);
                var deleted = 0;
                if (collection is not null)
                {
                    lock (collection.SyncRoot)
                    {
                        var matches = QueryExecutor.FindMatches(collection, filter, needDetails: false, stopAfter: limit == 1 ? 1 : int.MaxValue);
                        foreach (var match in matches)
                        {
                            collection.Delete(match.RecordId);
                        }

                        deleted = matches.Count;
                    }
                }

                context.Retry?.Record(i, new BsonDocument("n", deleted));
                n += deleted;
            }
            catch (MongoServerException ex)
            {
                errors.Add(Replies.WriteError(i, ex));
                if (ordered)
                {
                    break;
                }
            }
        }

        Interlocked.Add(ref context.Server.Statistics.Deletes, n);
        var reply = new BsonDocument("n", n);
        if (errors.Count > 0)
        {
            reply.Add("writeErrors", errors);
        }

        reply.Add("ok", 1.0);
        return reply;
    }
}

/// <summary>findAndModify: update, replace or remove one document (the first in sort order) and return it.</summary>
internal sealed class FindAndModifyCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["findAndModify", "findandmodify"];

    public bool IsRetryableWrite => true;

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var query = Arguments.Document(context, "query");
        var sort = SortSpec.Parse(Arguments.Document(context, "sort"));
        var projection = Projection.Parse(Arguments.Document(context, "fields"));
        var remove = Arguments.Bool(context, "remove");
        var returnNew = Arguments.Bool(context, "new");
        var upsert = Arguments.Bool(context, "upsert");
        var update = context.Command.GetValue("update", null);
        if (remove && update is not null)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "Cannot specify both an update and remove=true");
        }

        if (!remove && update is null)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "Either an update or remove=true must be specified");
        }

        if (remove && upsert)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "Cannot specify both upsert=true and remove=true ");
        }

        if (remove && returnNew)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
        }

        if (context.Retry?.PriorResult(0) is { } prior)
        {
            prior.Add("ok", 1.0); // answered as the first attempt was, without applying it again
            return prior;
        }

        var filter = FilterParser.Parse(query);
        var spec = update is null ? null : UpdateSpec.Parse(update, Arguments.Array(context, "arrayFilters"));
        var collection = upsert
            ? context.Server.Storage.GetOrCreateCollection(context.Database, name, out _)
            : context.Server.Storage.TryGetCollection(context.Database, name);
        var lastError = new BsonDocument("n", 0);
        BsonDocument? value = null;
        if (collection is not null)
        {
            lock (collection.SyncRoot)
            {
                if (remove)
                {
                    var matches = QueryExecutor.SortSkipLimit(QueryExecutor.FindMatches(collection, filter, needDetails: true, stopAfter: sort is null ? 1 : int.MaxValue), sort, 0, 1);
                    if (matches.Count == 1)
                    {
                        collection.Delete(matches[0].RecordId);
                        value = matches[0].Document;
                        lastError["n"] = 1;
                        Interlocked.Increment(ref context.Server.Statistics.Deletes);
                    }
                }
                else
                {
                    var result = WriteSupport.ApplyUpdate(collection, filter, query, spec!, multi: false, upsert, sort, context.Server.Time.GetUtcNow());
                    Interlocked.Increment(ref context.Server.Statistics.Updates);
                    if (result.UpsertedId is not null)
                    {
                        lastError = new BsonDocument { { "n", 1 }, { "updatedExisting", false }, { "upserted", result.UpsertedId } };
                        value = returnNew ? result.After : null;
                    }
                    else
                    {
                        lastError = new BsonDocument { { "n", result.Matched }, { "updatedExisting", result.Matched > 0 } };
                        value = returnNew ? result.After : result.Before;
                    }
                }
            }
        }
        else if (!remove)
        {
            lastError.Add("updatedExisting", false);
        }

        if (value is not null && projection is not null)
        {
            value = projection.Apply(value, null);
        }

        var reply = new BsonDocument { { "lastErrorObject", lastError }, { "value", (BsonValue?)value ?? BsonNull.Value } };
        context.Retry?.Record(0, (BsonDocument)reply.DeepClone());
        reply.Add("ok", 1.0);
        return reply;
    }
}

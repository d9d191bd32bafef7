using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>The operations on a collection entity, mapped onto <see cref="IMongoCollection{TDocument}"/>.</summary>
public static class CollectionOperations
{
    public static async Task<object?> RunAsync(IMongoCollection<BsonDocument> c, UnifiedOperation op, Arguments a)
    {
        switch (op.Name)
        {
            case "find":
            case "findOne":
            {
                var fluent = Find(c, a, op.Name == "findOne");
                if (op.Name == "findOne")
                {
                    return await fluent.FirstOrDefaultAsync() is { } one ? one : BsonNull.Value;
                }

                return new BsonArray(await fluent.ToListAsync());
            }

            case "countDocuments":
                return (BsonValue)await c.CountDocumentsAsync(a.Document("filter"), new CountOptions
                {
                    Skip = a.Long("skip"), Limit = a.Long("limit"), Hint = a.Optional("hint"), Collation = Collation(a), MaxTime = a.Milliseconds("maxTimeMS"), Comment = a.Optional("comment"),
                    RawData = a.Bool("rawData"),
                });
            case "estimatedDocumentCount":
                return (BsonValue)await c.EstimatedDocumentCountAsync(new EstimatedDocumentCountOptions { MaxTime = a.Milliseconds("maxTimeMS"), Comment = a.Optional("comment"), RawData = a.Bool("rawData") });
            case "distinct":
                var values = await c.DistinctAsync<BsonValue>(a.String("fieldName"), a.Document("filter"), new DistinctOptions
                {
                    Collation = Collation(a), Hint = a.Optional("hint"), MaxTime = a.Milliseconds("maxTimeMS"), Comment = a.Optional("comment"),
                    RawData = a.Bool("rawData"),
                });
                return new BsonArray(values);
            case "aggregate":
                var cursor = await c.AggregateAsync<BsonDocument>(Pipeline(a), AggregateOptions(a));
                return new BsonArray(await cursor.ToListAsync());
            case "insertOne":
                var inserted = await c.InsertOneAsync(a.Document("document"), new InsertOneOptions { BypassDocumentValidation = a.Bool("bypassDocumentValidation"), Comment = a.Optional("comment"), RawData = a.Bool("rawData") });
                return inserted.IsAcknowledged ? new BsonDocument("insertedId", inserted.InsertedId) : Unacknowledged();
            case "insertMany":
                var many = await c.InsertManyAsync(a.Documents("documents")!, new InsertManyOptions
                {
                    IsOrdered = a.Bool("ordered") ?? true, BypassDocumentValidation = a.Bool("bypassDocumentValidation"), Comment = a.Optional("comment"),
                    RawData = a.Bool("rawData"),
                });
                return many.IsAcknowledged ? new BsonDocument("insertedIds", Indexed(many.InsertedIds)) : Unacknowledged();
            case "updateOne":
            case "updateMany":
            {
                var options = new UpdateOptions
                {
                    IsUpsert = a.Bool("upsert") ?? false, ArrayFilters = a.Documents("arrayFilters"), BypassDocumentValidation = a.Bool("bypassDocumentValidation"),
                    Collation = Collation(a), Hint = a.Optional("hint"), Let = a.OptionalDocument("let"), Comment = a.Optional("comment"),
                    Sort = a.OptionalDocument("sort"), RawData = a.Bool("rawData"),
                };
                var filter = a.Document("filter");
                var update = Update(a.Required("update"));
                a.EnsureAllRead();
                var result = op.Name == "updateOne" ? await c.UpdateOneAsync(filter, update, options) : await c.UpdateManyAsync(filter, update, options);
                return UpdateResult(result);
            }

            case "replaceOne":
            {
                var options = new ReplaceOptions
                {
                    IsUpsert = a.Bool("upsert") ?? false, BypassDocumentValidation = a.Bool("bypassDocumentValidation"),
                    Collation = Collation(a), Hint = a.Optional("hint"), Let = a.OptionalDocument("let"), Comment = a.Optional("comment"),
                    Sort = a.OptionalDocument("sort"), RawData = a.Bool("rawData"),
                };
                var filter = a.Document("filter");
                var replacement = a.Document("replacement");
                a.EnsureAllRead();
                return UpdateResult(await c.ReplaceOneAsync(filter, replacement, options));
            }

            case "deleteOne":
            case "deleteMany":
            {
                var options = new DeleteOptions { Collation = Collation(a), Hint = a.Optional("hint"), Let = a.OptionalDocument("let"), Comment = a.Optional("comment"), RawData = a.Bool("rawData") };
                var filter = a.Document("filter");
                a.EnsureAllRead();
                var result = op.Name == "deleteOne" ? await c.DeleteOneAsync(filter, options) : await c.DeleteManyAsync(filter, options);
                return result.IsAcknowledged ? new BsonDocument("deletedCount", result.DeletedCount) : Unacknowledged();
            }

            case "findOneAndUpdate":
            {
                var options = new FindOneAndUpdateOptions<BsonDocument>
                {
                    ReturnDocument = ReturnDocument(a), Projection = a.OptionalDocument("projection") ?? [], Sort = a.OptionalDocument("sort") ?? [],
                    IsUpsert = a.Bool("upsert") ?? false, ArrayFilters = a.Documents("arrayFilters"), BypassDocumentValidation = a.Bool("bypassDocumentValidation"),
                    Collation = Collation(a), Hint = a.Optional("hint"), Let = a.OptionalDocument("let"), MaxTime = a.Milliseconds("maxTimeMS"), Comment = a.Optional("comment"),
                    RawData = a.Bool("rawData"),
                };
                var filter = a.Document("filter");
                var update = Update(a.Required("update"));
                a.EnsureAllRead();
                return await c.FindOneAndUpdateAsync(filter, update, options) ?? (BsonValue)BsonNull.Value;
            }

            case "findOneAndReplace":
            {
                var options = new FindOneAndReplaceOptions<BsonDocument>
                {
                    ReturnDocument = ReturnDocument(a), Projection = a.OptionalDocument("projection") ?? [], Sort = a.OptionalDocument("sort") ?? [],
                    IsUpsert = a.Bool("upsert") ?? false, BypassDocumentValidation = a.Bool("bypassDocumentValidation"),
                    Collation = Collation(a), Hint = a.Optional("hint"), Let = a.OptionalDocument("let"), MaxTime = a.Milliseconds("maxTimeMS"), Comment = a.Optional("comment"),
                    RawData = a.Bool("rawData"),
                };
                var filter = a.Document("filter");
                var replacement = a.Document("replacement");
                a.EnsureAllRead();
                return await c.FindOneAndReplaceAsync(filter, replacement, options) ?? (BsonValue)BsonNull.Value;
            }

            case "findOneAndDelete":
            {
                var options = new FindOneAndDeleteOptions<BsonDocument>
                {
                    Projection = a.OptionalDocument("projection") ?? [], Sort = a.OptionalDocument("sort") ?? [],
                    Collation = Collation(a), Hint = a.Optional("hint"), Let = a.OptionalDocument("let"), MaxTime = a.Milliseconds("maxTimeMS"), Comment = a.Optional("comment"),
                    RawData = a.Bool("rawData"),
                };
                var filter = a.Document("filter");
                a.EnsureAllRead();
                return await c.FindOneAndDeleteAsync(filter, options) ?? (BsonValue)BsonNull.Value;
            }

            case "bulkWrite":
            {
                var requests = a.Required("requests").AsBsonArray.Select(r => WriteModel(r.AsBsonDocument, op)).ToArray();
                var options = new BulkWriteOptions
                {
                    IsOrdered = a.Bool("ordered") ?? true, BypassDocumentValidation = a.Bool("bypassDocumentValidation"), Let = a.OptionalDocument("let"), Comment = a.Optional("comment"),
                    RawData = a.Bool("rawData"),
                };
                a.EnsureAllRead();
                return BulkResult(await c.BulkWriteAsync(requests, options));
            }

            case "createIndex":
            {
                var keys = a.Document("keys");
                var index = new CreateIndexOptions
                {
                    Name = a.OptionalString("name"), Unique = a.Bool("unique"), Sparse = a.Bool("sparse"),
                    ExpireAfter = a.Optional("expireAfterSeconds") is { } e ? TimeSpan.FromSeconds(e.ToInt64()) : null,
                    PartialFilterExpression = a.OptionalDocument("partialFilterExpression"), Hidden = a.Bool("hidden"), Collation = Collation(a),
                };
                var options = new IndexOperationOptions { MaxTime = a.Milliseconds("maxTimeMS"), CommitQuorum = a.Optional("commitQuorum"), Comment = a.Optional("comment"), RawData = a.Bool("rawData") };
                a.EnsureAllRead();
                return (BsonValue)await c.Indexes.CreateOneAsync(keys, index, options);
            }

            case "listIndexes":
            {
                // listIndexes takes any OperationOptions; IndexOperationOptions carries rawData.
                var options = new IndexOperationOptions { Comment = a.Optional("comment"), RawData = a.Bool("rawData") };
                a.EnsureAllRead();
                var indexes = await c.Indexes.ListAsync(options);
                return new BsonArray(await indexes.ToListAsync());
            }

            case "listIndexNames":
            {
                a.EnsureAllRead();
                var indexes = await c.Indexes.ListAsync();
                return new BsonArray((await indexes.ToListAsync()).Select(i => i["name"]));
            }

            case "mapReduce":
                throw new AbsentByDesignException("mapReduce (as in PyMongo 4; use aggregate)");
            case "dropIndex":
            {
                var name = a.String("name");
                var options = new IndexOperationOptions { MaxTime = a.Milliseconds("maxTimeMS"), Comment = a.Optional("comment"), RawData = a.Bool("rawData") };
                a.EnsureAllRead();
                await c.Indexes.DropOneAsync(name, options);
                return null;
            }

            case "dropIndexes":
            {
                var options = new IndexOperationOptions { MaxTime = a.Milliseconds("maxTimeMS"), Comment = a.Optional("comment"), RawData = a.Bool("rawData") };
                a.EnsureAllRead();
                await c.Indexes.DropAllAsync(options);
                return null;
            }

            case "rename":
            {
                var to = a.String("to");
                var options = new RenameCollectionOptions { DropTarget = a.Bool("dropTarget"), Comment = a.Optional("comment") };
                a.EnsureAllRead();
                await c.RenameAsync(to, options);
                return null;
            }

            case "drop":
                a.EnsureAllRead();
                await c.DropAsync();
                return null;
            case "count":
                throw new AbsentByDesignException("the deprecated count helper (as in PyMongo 4; countDocuments and estimatedDocumentCount replace it)");
            case "createChangeStream":
            case "watch":
                throw new NotBuiltException("change streams");
            case "createFindCursor":
                return new CursorEntity(await Find(c, a, one: false).ToCursorAsync());
            case "listSearchIndexes":
            case "createSearchIndex":
            case "createSearchIndexes":
            case "dropSearchIndex":
            case "updateSearchIndex":
                throw new NotBuiltException("Atlas search index helpers");
            default:
                throw new UnmappedOperationException(op);
        }
    }

    private static IFindFluent<BsonDocument, BsonDocument> Find(IMongoCollection<BsonDocument> c, Arguments a, bool one)
    {
        var options = new FindOptions<BsonDocument>
        {
            Sort = a.OptionalDocument("sort") ?? [], Skip = a.Int("skip"), Limit = one ? 1 : a.Int("limit"), BatchSize = a.Int("batchSize"),
            Collation = Collation(a), Hint = a.Optional("hint"), MaxTime = a.Milliseconds("maxTimeMS"), MaxAwaitTime = a.Milliseconds("maxAwaitTimeMS"),
            AllowDiskUse = a.Bool("allowDiskUse"), Let = a.OptionalDocument("let"), Min = a.OptionalDocument("min"), Max = a.OptionalDocument("max"),
            ReturnKey = a.Bool("returnKey"), ShowRecordId = a.Bool("showRecordId"), NoCursorTimeout = a.Bool("noCursorTimeout"),
            AllowPartialResults = a.Bool("allowPartialResults"), Comment = a.Optional("comment"), RawData = a.Bool("rawData"),
            CursorType = a.OptionalString("cursorType") switch
            {
                null or "nonTailable" => CursorType.NonTailable,
                "tailable" => CursorType.Tailable,
                "tailableAwait" => CursorType.TailableAwait,
                var other => throw new InvalidDataException($"Unknown cursorType '{other}'."),
            },
        };
        var filter = a.Document("filter");
        var projection = a.OptionalDocument("projection");
        a.EnsureAllRead();
        var fluent = c.Find(filter, options);
        return projection is null ? fluent : fluent.Project(projection);
    }

    public static Pipeline Pipeline(Arguments a) => (BsonArray)a.Required("pipeline");

    public static AggregateOptions AggregateOptions(Arguments a)
    {
        var options = new AggregateOptions
        {
            AllowDiskUse = a.Bool("allowDiskUse"), BatchSize = a.Int("batchSize"), BypassDocumentValidation = a.Bool("bypassDocumentValidation"),
            Collation = Collation(a), Hint = a.Optional("hint"), Let = a.OptionalDocument("let"), MaxTime = a.Milliseconds("maxTimeMS"),
            MaxAwaitTime = a.Milliseconds("maxAwaitTimeMS"), Comment = a.Optional("comment"), RawData = a.Bool("rawData"),
        };
        a.EnsureAllRead();
        return options;
    }

    public static Collation? Collation(Arguments a)
    {
        if (a.OptionalDocument("collation") is not { } d)
        {
            return null;
        }

        var collation = new Collation(d["locale"].AsString);
        foreach (var e in d)
        {
            collation = e.Name switch
            {
                "locale" => collation,
                "strength" => collation with { Strength = (CollationStrength)e.Value.ToInt32() },
                "caseLevel" => collation with { CaseLevel = e.Value.ToBoolean() },
                "numericOrdering" => collation with { NumericOrdering = e.Value.ToBoolean() },
                "backwards" => collation with { Backwards = e.Value.ToBoolean() },
                "normalization" => collation with { Normalization = e.Value.ToBoolean() },
                "caseFirst" => collation with { CaseFirst = e.Value.AsString switch { "upper" => CollationCaseFirst.Upper, "lower" => CollationCaseFirst.Lower, _ => CollationCaseFirst.Off } },
                "alternate" => collation with { Alternate = e.Value.AsString == "shifted" ? CollationAlternate.Shifted : CollationAlternate.NonIgnorable },
                "maxVariable" => collation with { MaxVariable = e.Value.AsString == "space" ? CollationMaxVariable.Space : CollationMaxVariable.Punctuation },
                _ => throw new InvalidDataException($"Unknown collation field '{e.Name}'."),
            };
        }

        return collation;
    }

    private static ReturnDocument ReturnDocument(Arguments a) =>
        a.OptionalString("returnDocument") is "After" or "after" ? Typed.ReturnDocument.After : Typed.ReturnDocument.Before;

    private static Update<BsonDocument> Update(BsonValue update) => update switch
    {
        BsonArray pipeline => pipeline,
        var d => d.AsBsonDocument,
    };

    private static WriteModel<BsonDocument> WriteModel(BsonDocument request, UnifiedOperation op)
    {
        var kind = request.GetElement(0).Name;
        var body = request[0].AsBsonDocument;
        var known = new HashSet<string>(StringComparer.Ordinal);
        BsonDocument Doc(string name)
        {
            known.Add(name);
            return body.GetValue(name, null) as BsonDocument ?? throw new InvalidDataException($"{op.JsonPath}: {kind} needs the document '{name}'.");
        }

        BsonValue Value(string name)
        {
            known.Add(name);
            return body.GetValue(name, null) ?? throw new InvalidDataException($"{op.JsonPath}: {kind} needs '{name}'.");
        }

        T Read<T>(string name, Func<BsonValue, T> convert, T fallback)
        {
            known.Add(name);
            return body.GetValue(name, null) is { } v ? convert(v) : fallback;
        }

        Collation? ReadCollation()
        {
            known.Add("collation");
            if (body.GetValue("collation", null) is not BsonDocument d)
            {
                return null;
            }

            var fake = new UnifiedOperation("collation", "", new BsonDocument("collation", d), null, null, null, false, op.JsonPath);
            return Collation(new Arguments(fake));
        }

        WriteModel<BsonDocument> model = kind switch
        {
            "insertOne" => new InsertOneModel<BsonDocument>(Doc("document")),
            "updateOne" => new UpdateOneModel<BsonDocument>(Doc("filter"), Update(Value("update")))
            {
                IsUpsert = Read("upsert", v => v.ToBoolean(), false), ArrayFilters = Read<IReadOnlyList<BsonDocument>?>("arrayFilters", v => v.AsBsonArray.Select(x => x.AsBsonDocument).ToArray(), null),
                Collation = ReadCollation(), Hint = Read<BsonValue?>("hint", v => v, null), Sort = Read<BsonDocument>("sort", v => v.AsBsonDocument, []),
            },
            "updateMany" => new UpdateManyModel<BsonDocument>(Doc("filter"), Update(Value("update")))
            {
                IsUpsert = Read("upsert", v => v.ToBoolean(), false), ArrayFilters = Read<IReadOnlyList<BsonDocument>?>("arrayFilters", v => v.AsBsonArray.Select(x => x.AsBsonDocument).ToArray(), null),
                Collation = ReadCollation(), Hint = Read<BsonValue?>("hint", v => v, null),
            },
            "replaceOne" => new ReplaceOneModel<BsonDocument>(Doc("filter"), Doc("replacement"))
            {
                IsUpsert = Read("upsert", v => v.ToBoolean(), false), Collation = ReadCollation(), Hint = Read<BsonValue?>("hint", v => v, null),
                Sort = Read<BsonDocument>("sort", v => v.AsBsonDocument, []),
            },
            "deleteOne" => new DeleteOneModel<BsonDocument>(Doc("filter")) { Collation = ReadCollation(), Hint = Read<BsonValue?>("hint", v => v, null) },
            "deleteMany" => new DeleteManyModel<BsonDocument>(Doc("filter")) { Collation = ReadCollation(), Hint = Read<BsonValue?>("hint", v => v, null) },
            _ => throw new InvalidDataException($"{op.JsonPath}: unknown bulk write request '{kind}'."),
        };
        var unread = body.Names.Where(n => !known.Contains(n)).ToArray();
        if (unread.Length > 0)
        {
            throw new UnmappedArgumentException(op, unread.Select(n => $"requests[].{kind}.{n}").ToArray());
        }

        return model;
    }

    private static BsonDocument Unacknowledged() => new("acknowledged", false);

    private static BsonDocument Indexed(IEnumerable<BsonValue> values)
    {
        var d = new BsonDocument();
        var i = 0;
        foreach (var v in values)
        {
            d.Add((i++).ToString(System.Globalization.CultureInfo.InvariantCulture), v);
        }

        return d;
    }

    private static BsonDocument UpdateResult(UpdateResult result)
    {
        if (!result.IsAcknowledged)
        {
            return Unacknowledged();
        }

        var d = new BsonDocument { { "matchedCount", result.MatchedCount }, { "modifiedCount", result.ModifiedCount }, { "upsertedCount", result.UpsertedId is null ? 0 : 1 } };
        if (result.UpsertedId is { } id)
        {
            d.Add("upsertedId", id);
        }

        return d;
    }

    /// <summary>A bulk write result as the unified format spells it (also the partial result of a bulk write error).</summary>
    public static BsonDocument BulkResult(BulkWriteResult result)
    {
        if (!result.IsAcknowledged)
        {
            return Unacknowledged();
        }

        var upserted = new BsonDocument();
        foreach (var u in result.Upserts)
        {
            upserted.Add(u.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Id);
        }

        return new BsonDocument
        {
            { "deletedCount", result.DeletedCount }, { "insertedCount", result.InsertedCount },
            { "matchedCount", result.MatchedCount }, { "modifiedCount", result.ModifiedCount }, { "upsertedCount", result.UpsertedCount },
            { "upsertedIds", upserted },
        };
    }
}

/// <summary>An operation the runner does not map onto the client (a gap: the case fails, naming it).</summary>
public sealed class UnmappedOperationException(UnifiedOperation op)
    : Exception($"{op.JsonPath}: the operation '{op.Name}' on '{op.Object}' has no counterpart in the client API or this runner.");

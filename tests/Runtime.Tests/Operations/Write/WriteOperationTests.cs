using MongoDB.Bson;
using System.Buffers.Binary;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Operations.Write;

namespace OpenQuizz.Typed.Tests.Operations.Write;

/// <summary>The commands and document sequences the write operations produce.</summary>
public sealed class WriteOperationTests
{
    [Fact]
    public void Insert_sends_its_documents_as_a_documents_sequence_and_keeps_codec_ids()
    {
        var docs = new List<BsonDocument> { new() { { "_id", 7 }, { "a", 1 } }, new() { { "_id", "x" } } };
        var ids = new InsertIds(2);
        var op = new InsertOperation<BsonDocument>("db", "c", docs, BsonDocumentCodec.Instance, ids, new BatchCursor(0, 2), new WriteCommandSettings(IsOrdered: false, BypassDocumentValidation: true, Comment: "hi"));

        var sent = WriteWire.Send(op, WriteWire.Context());

        Assert.Equal(Json.Doc("{ insert: 'c', ordered: false, bypassDocumentValidation: true, comment: 'hi', $db: 'db' }"), sent.Body);
        var documents = sent.Sequences["documents"];
        Assert.Equal(docs[0].ToBytes(), documents[0]);
        Assert.Equal(docs[1].ToBytes(), documents[1]);
        Assert.Equal(new BsonInt32(7), ids[0]);
        Assert.Equal(new BsonString("x"), ids[1]);
        Assert.Equal(2, op.Cursor.Count);
    }

    [Fact]
    public void A_typed_document_without_id_gets_an_ObjectId_prepended_in_the_buffer()
    {
        var ids = new InsertIds(1);
        var op = new InsertOperation<Note>("db", "notes", [new Note("hello", 3)], NoteCodec.Instance, ids, new BatchCursor(0, 1), WriteCommandSettings.Default);

        var bytes = WriteWire.Send(op, WriteWire.Context()).Sequences["documents"][0];

        Assert.Equal(bytes.Length, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        Assert.Equal((byte)BsonType.ObjectId, bytes[4]);
        Assert.Equal("_id\0"u8.ToArray(), bytes[5..9]);
        var document = BsonDocument.FromBytes(bytes);
        Assert.Equal(["_id", "title", "stars"], document.Names);
        Assert.Equal(ids[0], document["_id"]);
        Assert.Equal("hello", document["title"].AsString);
        var plain = BsonCodecs.Serialize(new BsonDocument { { "title", "hello" }, { "stars", 3 } });
        Assert.Equal(plain.Length + 17, bytes.Length);
    }

    [Fact]
    public void A_retry_re_encodes_the_same_generated_id_and_the_same_batch()
    {
        var ids = new InsertIds(3);
        var cursor = new BatchCursor(0, 3);
        var notes = new List<Note> { new("a"), new("b"), new("c") };
        var op = new InsertOperation<Note>("db", "notes", notes, NoteCodec.Instance, ids, cursor, WriteCommandSettings.Default);

        var first = WriteWire.Send(op, WriteWire.Context());
        var firstIds = ids.Slice(0, 3);
        var retry = WriteWire.Send(op, WriteWire.Context(maxWriteBatchSize: 100));

        Assert.Equal(firstIds, ids.Slice(0, 3));
        Assert.Equal(first.Sequences["documents"], retry.Sequences["documents"]);
    }

    [Fact]
    public void A_DOM_document_without_id_gets_one_first_in_place()
    {
        var document = new BsonDocument("a", 1);
        InsertIds.EnsureDomId(document);
        Assert.Equal("_id", document.GetElement(0).Name);
        Assert.True(document["_id"].IsObjectId);
    }

    [Fact]
    public void Update_sends_statements_with_every_option_and_let_at_top_level()
    {
        var statement = UpdateStatement.ForUpdate(
            Filter<BsonDocument>.Eq("a", 1),
            Update<BsonDocument>.Set("b.$[e]", 2),
            multi: true,
            upsert: true,
            [Json.Doc("{ e: { $gt: 1 } }")],
            "a_1",
            new Collation("fr"));
        var op = new UpdateOperation("db", "c", [statement], new BatchCursor(0, 1), new WriteCommandSettings(true, null, Json.Doc("{ v: 1 }")));

        var sent = WriteWire.Send(op, WriteWire.Context());

        Assert.Equal(Json.Doc("{ update: 'c', ordered: true, let: { v: 1 }, $db: 'db' }"), sent.Body);
        Assert.Equal(
            Json.Doc("{ q: { a: 1 }, u: { $set: { 'b.$[e]': 2 } }, upsert: true, multi: true, arrayFilters: [{ e: { $gt: 1 } }], hint: 'a_1', collation: { locale: 'fr' } }"),
            BsonDocument.FromBytes(sent.Sequences["updates"][0]));
        Assert.False(op.Traits.HasFlag(OpenQuizz.Typed.Operations.OperationTraits.RetryableWrite));
    }

    [Fact]
    public void A_pipeline_update_is_sent_as_an_array()
    {
        var statement = UpdateStatement.ForUpdate(Filter<BsonDocument>.Empty, (Update<BsonDocument>)new BsonArray { new BsonDocument("$set", new BsonDocument("x", 1)) }, false, false, null, null, null);
        var op = new UpdateOperation("db", "c", [statement], new BatchCursor(0, 1), WriteCommandSettings.Default);

        var u = BsonDocument.FromBytes(WriteWire.Send(op, WriteWire.Context()).Sequences["updates"][0])["u"];

        Assert.Equal(BsonType.Array, u.BsonType);
        Assert.True(op.Traits.HasFlag(OpenQuizz.Typed.Operations.OperationTraits.RetryableWrite));
    }

    [Fact]
    public void A_sort_is_sent_in_a_single_document_update_or_replacement_and_refused_for_a_multi_update()
    {
        var sort = new BsonDocument("_id", -1);
        var update = (Update<BsonDocument>)new BsonDocument("$inc", new BsonDocument("x", 1));
        var one = UpdateStatement.ForUpdate(Filter<BsonDocument>.Empty, update, false, false, null, null, null, sort);
        var replace = UpdateStatement.ForReplacement(Filter<BsonDocument>.Empty, new BsonDocument("x", 1), BsonDocumentCodec.Instance, false, null, null, sort);
        var op = new UpdateOperation("db", "c", [one, replace], new BatchCursor(0, 2), WriteCommandSettings.Default);

        var updates = WriteWire.Send(op, WriteWire.Context()).Sequences["updates"];
        Assert.Equal(sort, BsonDocument.FromBytes(updates[0])["sort"]);
        Assert.Equal(sort, BsonDocument.FromBytes(updates[1])["sort"]);
        Assert.False(BsonDocument.FromBytes(WriteWire.Send(new UpdateOperation("db", "c", [UpdateStatement.ForUpdate(Filter<BsonDocument>.Empty, update, false, false, null, null, null)], new BatchCursor(0, 1), WriteCommandSettings.Default), WriteWire.Context()).Sequences["updates"][0]).Contains("sort"));
        Assert.Throws<ArgumentException>(() => UpdateStatement.ForUpdate(Filter<BsonDocument>.Empty, update, true, false, null, null, null, sort));
    }

    [Fact]
    public void A_replacement_with_an_operator_is_refused_before_anything_is_sent()
    {
        var error = Assert.Throws<ArgumentException>(() => UpdateStatement.ForReplacement(Filter<BsonDocument>.Empty, Json.Doc("{ $set: { a: 1 } }"), BsonDocumentCodec.Instance, false, null, null));
        Assert.Contains("$set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_update_is_refused()
    {
        Assert.Throws<ArgumentException>(() => UpdateStatement.ForUpdate(Filter<BsonDocument>.Empty, default(Update<BsonDocument>), false, false, null, null, null));
    }

    [Fact]
    public void A_replacement_is_encoded_with_the_codec()
    {
        var statement = UpdateStatement.ForReplacement(Filter<Note>.Eq("title", "a"), new Note("b", 5), NoteCodec.Instance, upsert: true, null, null);
        var op = new UpdateOperation("db", "notes", [statement], new BatchCursor(0, 1), WriteCommandSettings.Default);

        var sent = BsonDocument.FromBytes(WriteWire.Send(op, WriteWire.Context()).Sequences["updates"][0]);

        Assert.Equal(Json.Doc("{ q: { title: 'a' }, u: { title: 'b', stars: 5 }, upsert: true }"), sent);
    }

    [Fact]
    public void Delete_sends_limit_one_or_zero()
    {
        var op = new DeleteOperation("db", "c", [DeleteStatement.Create(Filter<BsonDocument>.Eq("a", 1), false, Json.Doc("{ a: 1 }"), null), DeleteStatement.Create(Filter<BsonDocument>.Empty, true, null, null)], new BatchCursor(0, 2), WriteCommandSettings.Default);

        var sent = WriteWire.Send(op, WriteWire.Context());

        Assert.Equal(Json.Doc("{ q: { a: 1 }, limit: 1, hint: { a: 1 } }"), BsonDocument.FromBytes(sent.Sequences["deletes"][0]));
        Assert.Equal(Json.Doc("{ q: {}, limit: 0 }"), BsonDocument.FromBytes(sent.Sequences["deletes"][1]));
    }

    [Fact]
    public void FindAndModify_writes_its_fields()
    {
        var spec = new FindAndModifySpec
        {
            Kind = FindAndModifyKind.Update,
            Query = Json.Doc("{ a: 1 }"),
            Update = Json.Doc("{ $inc: { n: 1 } }"),
            Sort = Json.Doc("{ a: -1 }"),
            Fields = Json.Doc("{ n: 1 }"),
            ReturnNew = true,
            Upsert = true,
            Let = Json.Doc("{ v: 1 }"),
            MaxTime = TimeSpan.FromSeconds(2),
        };
        var op = new FindAndModifyOperation<BsonDocument>("db", "c", spec, BsonDocumentCodec.Instance);

        var sent = WriteWire.Send(op, WriteWire.Context());

        Assert.Equal(
            Json.Doc("{ findAndModify: 'c', query: { a: 1 }, sort: { a: -1 }, update: { $inc: { n: 1 } }, new: true, upsert: true, fields: { n: 1 }, let: { v: 1 }, maxTimeMS: { $numberLong: '2000' }, $db: 'db' }"),
            sent.Body);
        var remove = WriteWire.Send(new FindAndModifyOperation<BsonDocument>("db", "c", new FindAndModifySpec { Kind = FindAndModifyKind.Remove, Query = [] }, BsonDocumentCodec.Instance), WriteWire.Context());
        Assert.Equal(Json.Doc("{ findAndModify: 'c', query: {}, remove: true, $db: 'db' }"), remove.Body);
    }

    [Fact]
    public void Admin_commands_have_their_documented_shapes()
    {
        var create = new CreateIndexesOperation("db", "c", [IndexSpec.From(new CreateIndexModel<BsonDocument>(IndexKeys<BsonDocument>.Ascending("a").Descending("b"), new CreateIndexOptions { Unique = true, ExpireAfter = TimeSpan.FromHours(1) }))], new IndexOperationOptions { CommitQuorum = "majority" });
        Assert.Equal(
            Json.Doc("{ createIndexes: 'c', indexes: [{ key: { a: 1, b: -1 }, name: 'a_1_b_-1', unique: true, expireAfterSeconds: { $numberLong: '3600' } }], commitQuorum: 'majority', $db: 'db' }"),
            WriteWire.Send(create, WriteWire.Context()).Body);

        Assert.Equal(Json.Doc("{ dropIndexes: 'c', index: '*', $db: 'db' }"), WriteWire.Send(new DropIndexesOperation("db", "c", "*", null), WriteWire.Context()).Body);
        Assert.Equal(Json.Doc("{ renameCollection: 'db.a', to: 'db.b', dropTarget: true, $db: 'admin' }"), WriteWire.Send(new RenameCollectionOperation("db", "a", "b", true, null), WriteWire.Context()).Body);
        Assert.Equal(Json.Doc("{ drop: 'c', $db: 'db' }"), WriteWire.Send(new DropCollectionOperation("db", "c", null), WriteWire.Context()).Body);
        Assert.Equal(Json.Doc("{ dropDatabase: 1, $db: 'db' }"), WriteWire.Send(new DropDatabaseOperation("db", null), WriteWire.Context()).Body);
        Assert.Equal(
            Json.Doc("{ create: 'c', capped: true, size: { $numberLong: '4096' }, validationLevel: 'moderate', $db: 'db' }"),
            WriteWire.Send(new CreateCollectionOperation("db", "c", new CreateCollectionOptions { Capped = true, Size = 4096, ValidationLevel = DocumentValidationLevel.Moderate }), WriteWire.Context()).Body);
    }

    [Fact]
    public void A_reply_is_parsed_into_counts_upserts_and_errors()
    {
        var reply = Json.Doc("""
            { ok: 1, n: 3, nModified: 1, upserted: [{ index: 2, _id: 9 }],
              writeErrors: [{ index: 1, code: 11000, codeName: 'DuplicateKey', errmsg: 'dup', errInfo: { k: 1 } }],
              writeConcernError: { code: 64, codeName: 'WriteConcernFailed', errmsg: 'wc', errInfo: { w: 2 }, errorLabels: ['RetryableWriteError'] } }
            """);

        var result = WriteCommandResult.Parse(reply, 3, WriteWire.Address);

        Assert.Equal(3, result.N);
        Assert.Equal(1, result.NModified);
        Assert.Equal(new BulkWriteUpsert(2, 9), Assert.Single(result.Upserted));
        var error = Assert.Single(result.WriteErrors);
        Assert.Equal((1, 11000, "DuplicateKey", "dup", WriteErrorCategory.DuplicateKey), (error.Index, error.Code, error.CodeName, error.Message, error.Category));
        Assert.Equal(Json.Doc("{ k: 1 }"), error.Details);
        Assert.Equal((64, "WriteConcernFailed", "wc"), (result.WriteConcernError!.Code, result.WriteConcernError.CodeName, result.WriteConcernError.Message));
        Assert.Equal(["RetryableWriteError"], result.WriteConcernError.ErrorLabels);
    }
}

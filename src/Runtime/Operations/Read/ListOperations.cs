using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Read;

/// <summary>The <c>listDatabases</c> command (on <c>admin</c>): one document per database, from a single reply.</summary>
internal sealed class ListDatabasesOperation(ListDatabasesOptions? options) : IOperation<List<BsonDocument>>
{
    public string CommandName => "listDatabases";

    public string DatabaseName => "admin";

    public OperationTraits Traits => OperationTraits.Read | OperationTraits.RetryableRead | OperationTraits.SupportsSession;

    public CommandRequest CreateCommand(OperationContext context) =>
        new("admin", new DelegateCommandBody<ListDatabasesOptions?>("listDatabases", options, static (ref BsonSpanWriter writer, ListDatabasesOptions? o) =>
        {
            writer.WriteName("listDatabases"u8);
            writer.WriteInt32(1);
            CommandFields.Document(ref writer, "filter"u8, o?.Filter);
            CommandFields.Boolean(ref writer, "nameOnly"u8, o?.NameOnly);
            CommandFields.Boolean(ref writer, "authorizedDatabases"u8, o?.AuthorizedDatabases);
            CommandFields.Value(ref writer, "comment"u8, o?.Comment);
        }));

    public List<BsonDocument> HandleReply(ReplyMessage reply, OperationContext context)
    {
        var document = reply.ToBsonDocument();
        var list = new List<BsonDocument>();
        if (document.TryGetValue("databases", out var databases) && databases is BsonArray array)
        {
            foreach (var item in array)
            {
                if (item is BsonDocument database)
                {
                    list.Add(database);
                }
            }
        }

        return list;
    }
}

/// <summary>The <c>listCollections</c> command: a cursor over collection descriptions.</summary>
internal sealed class ListCollectionsOperation(string databaseName, ListCollectionsOptions? options) : IOperation<CursorBatch<BsonDocument>>
{
    public string CommandName => "listCollections";

    public string DatabaseName => databaseName;

    public OperationTraits Traits => OperationTraits.Read | OperationTraits.RetryableRead | OperationTraits.SupportsSession | OperationTraits.CreatesCursor;

    public CommandRequest CreateCommand(OperationContext context) =>
        new(databaseName, new DelegateCommandBody<ListCollectionsOptions?>("listCollections", options, static (ref BsonSpanWriter writer, ListCollectionsOptions? o) =>
        {
            writer.WriteName("listCollections"u8);
            writer.WriteInt32(1);
            CommandFields.Document(ref writer, "filter"u8, o?.Filter);
            CommandFields.Boolean(ref writer, "nameOnly"u8, o?.NameOnly);
            CommandFields.Boolean(ref writer, "authorizedCollections"u8, o?.AuthorizedCollections);
            writer.WriteName("cursor"u8);
            writer.WriteStartDocument();
            CommandFields.Int32(ref writer, "batchSize"u8, o?.BatchSize);
            writer.WriteEndDocument();
            CommandFields.Value(ref writer, "comment"u8, o?.Comment);
        }));

    public CursorBatch<BsonDocument> HandleReply(ReplyMessage reply, OperationContext context) =>
        CursorReplyReader.Read(reply.Body, BsonDocumentCodec.Instance, new CollectionNamespace(databaseName, "$cmd.listCollections"), context);
}

/// <summary>The <c>listIndexes</c> command: a cursor over index descriptions; a missing collection has none.</summary>
internal sealed class ListIndexesOperation(CollectionNamespace ns, int? batchSize, BsonValue? comment) : IOperation<CursorBatch<BsonDocument>>
{
    private const int NamespaceNotFound = 26;

    public string CommandName => "listIndexes";

    public string DatabaseName => ns.DatabaseName;

    public OperationTraits Traits => OperationTraits.Read | OperationTraits.RetryableRead | OperationTraits.SupportsSession | OperationTraits.CreatesCursor;

    /// <summary>True for the error of a collection that does not exist, which lists no indexes rather than failing.</summary>
    public static bool IsNamespaceNotFound(Exception error) => error is MongoCommandException { Code: NamespaceNotFound };

    public CommandRequest CreateCommand(OperationContext context) =>
        new(ns.DatabaseName, new DelegateCommandBody<ListIndexesOperation>("listIndexes", this, static (ref BsonSpanWriter writer, ListIndexesOperation op) => op.Write(ref writer)));

    public CursorBatch<BsonDocument> HandleReply(ReplyMessage reply, OperationContext context) =>
        CursorReplyReader.Read(reply.Body, BsonDocumentCodec.Instance, ns, context);

    private void Write(ref BsonSpanWriter writer)
    {
        writer.WriteName("listIndexes"u8);
        writer.WriteString(ns.CollectionName);
        writer.WriteName("cursor"u8);
        writer.WriteStartDocument();
        CommandFields.Int32(ref writer, "batchSize"u8, batchSize);
        writer.WriteEndDocument();
        CommandFields.Value(ref writer, "comment"u8, comment);
    }
}

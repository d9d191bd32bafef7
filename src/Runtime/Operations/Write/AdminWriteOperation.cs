using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Write;

/// <summary>
/// The shape the administrative write commands share (create, drop, dropDatabase, renameCollection, createIndexes,
/// dropIndexes): a body built from a few options, a reply whose only news besides <c>ok</c> may be a write concern error.
/// Each command is a sealed subclass that writes its body.
/// </summary>
internal abstract class AdminWriteOperation : IOperation<BsonDocument>, ICommandBody
{
    protected AdminWriteOperation(string databaseName, BsonValue? comment)
    {
        DatabaseName = databaseName;
        Comment = comment;
    }

    public abstract string CommandName { get; }

    public string DatabaseName { get; }

    public virtual OperationTraits Traits => OperationTraits.SupportsWriteConcern | OperationTraits.SupportsSession;

    protected BsonValue? Comment { get; }

    public CommandRequest CreateCommand(OperationContext context) => new(DatabaseName, this);

    public void WriteElements(ref BsonSpanWriter writer)
    {
        WriteCommand(ref writer);
        CommandFields.Value(ref writer, "comment"u8, Comment);
    }

    /// <summary>Writes the command's own elements, its name first.</summary>
    protected abstract void WriteCommand(ref BsonSpanWriter writer);

    public BsonDocument HandleReply(ReplyMessage reply, OperationContext context)
    {
        var document = reply.ToBsonDocument();
        WriteCommandResult.ThrowIfWriteConcernError(document, CommandName, context.Connection.Address);
        return document;
    }

    public BsonDocument HandleUnacknowledged(OperationContext context) => new();
}

/// <summary><c>create</c>: a collection, capped, time-series, clustered or a view, with its validator and collation.</summary>
internal sealed class CreateCollectionOperation(string databaseName, string collectionName, CreateCollectionOptions? options)
    : AdminWriteOperation(databaseName, options?.Comment)
{
    public override string CommandName => "create";

    protected override void WriteCommand(ref BsonSpanWriter writer)
    {
        writer.WriteName("create"u8);
        writer.WriteString(collectionName);
        if (options is null)
        {
            return;
        }

        CommandFields.Boolean(ref writer, "capped"u8, options.Capped);
        CommandFields.Int64(ref writer, "size"u8, options.Size);
        CommandFields.Int64(ref writer, "max"u8, options.Max);
        CommandFields.Document(ref writer, "validator"u8, options.Validator);
        if (options.ValidationLevel is { } level)
        {
            writer.WriteName("validationLevel"u8);
            writer.WriteString(level switch { DocumentValidationLevel.Moderate => "moderate", DocumentValidationLevel.Off => "off", _ => "strict" });
        }

        if (options.ValidationAction is { } action)
        {
            writer.WriteName("validationAction"u8);
            writer.WriteString(action == DocumentValidationAction.Warn ? "warn" : "error");
        }

        CommandFields.Collation(ref writer, options.Collation);
        if (options.TimeSeries is { } timeSeries)
        {
            writer.WriteName("timeseries"u8);
            writer.WriteStartDocument();
            writer.WriteName("timeField"u8);
            writer.WriteString(timeSeries.TimeField);
            if (timeSeries.MetaField is { } meta)
            {
                writer.WriteName("metaField"u8);
                writer.WriteString(meta);
            }

            if (timeSeries.Granularity is { } granularity)
            {
                writer.WriteName("granularity"u8);
                writer.WriteString(granularity);
            }

            writer.WriteEndDocument();
        }

        CommandFields.Document(ref writer, "clusteredIndex"u8, options.ClusteredIndex);
        if (options.ExpireAfter is { } expire)
        {
            writer.WriteName("expireAfterSeconds"u8);
            writer.WriteInt64((long)expire.TotalSeconds);
        }

        if (options.ViewOn is { } viewOn)
        {
            writer.WriteName("viewOn"u8);
            writer.WriteString(viewOn);
            writer.WriteName("pipeline"u8);
            BsonValueCodec.Instance.Encode(ref writer, options.Pipeline.Render());
        }

        if (options.ChangeStreamPreAndPostImages is { } images)
        {
            writer.WriteName("changeStreamPreAndPostImages"u8);
            writer.WriteStartDocument();
            writer.WriteName("enabled"u8);
            writer.WriteBoolean(images);
            writer.WriteEndDocument();
        }
    }
}

/// <summary><c>drop</c>: a collection and its indexes. The caller treats NamespaceNotFound (26) as success.</summary>
internal sealed class DropCollectionOperation(string databaseName, string collectionName, BsonValue? comment)
    : AdminWriteOperation(databaseName, comment)
{
    /// <summary>The server's code for a missing collection, which a drop ignores.</summary>
    public const int NamespaceNotFound = 26;

    public override string CommandName => "drop";

    protected override void WriteCommand(ref BsonSpanWriter writer)
    {
        writer.WriteName("drop"u8);
        writer.WriteString(collectionName);
    }
}

/// <summary><c>dropDatabase</c>.</summary>
internal sealed class DropDatabaseOperation(string databaseName, BsonValue? comment) : AdminWriteOperation(databaseName, comment)
{
    public override string CommandName => "dropDatabase";

    protected override void WriteCommand(ref BsonSpanWriter writer)
    {
        writer.WriteName("dropDatabase"u8);
        writer.WriteInt32(1);
    }
}

/// <summary><c>renameCollection</c>, which runs on <c>admin</c> with full namespaces.</summary>
internal sealed class RenameCollectionOperation(string databaseName, string oldName, string newName, bool? dropTarget, BsonValue? comment)
    : AdminWriteOperation("admin", comment)
{
    public override string CommandName => "renameCollection";

    protected override void WriteCommand(ref BsonSpanWriter writer)
    {
        writer.WriteName("renameCollection"u8);
        writer.WriteString($"{databaseName}.{oldName}");
        writer.WriteName("to"u8);
        writer.WriteString($"{databaseName}.{newName}");
        CommandFields.Boolean(ref writer, "dropTarget"u8, dropTarget);
    }
}

/// <summary>A command given whole, for the deprecated fsync/unlock/isLocked helpers.</summary>
internal sealed class AdminCommandOperation(BsonDocument command, OperationTraits traits) : AdminWriteOperation("admin", null)
{
    public override string CommandName => command.GetElement(0).Name;

    public override OperationTraits Traits => traits;

    protected override void WriteCommand(ref BsonSpanWriter writer)
    {
        foreach (var element in command)
        {
            writer.WriteName(element.Name);
            BsonValueCodec.Instance.Encode(ref writer, element.Value);
        }
    }
}

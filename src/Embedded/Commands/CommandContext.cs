using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Hosting;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>One command being executed: its document, target database, connection and server.</summary>
internal sealed class CommandContext(ServerContext server, ConnectionState connection, string database, BsonDocument command)
{
    public ServerContext Server { get; } = server;

    public ConnectionState Connection { get; } = connection;

    /// <summary>The database named by <c>$db</c> (or by the OP_QUERY namespace).</summary>
    public string Database { get; } = database;

    public BsonDocument Command { get; } = command;

    /// <summary>The <c>lsid</c> of the command's session, or null when it runs outside one.</summary>
    public BsonValue? SessionId => Command.GetValue("lsid", null);

    /// <summary>The command name as the client spelled it (the first field).</summary>
    public string CommandName => Command.GetElement(0).Name;

    /// <summary>The value of the first field (the collection name for CRUD commands).</summary>
    public BsonValue CommandValue => Command[0];

    /// <summary>Whether the request came as legacy OP_QUERY (hello then answers with <c>ismaster</c>).</summary>
    public bool IsLegacy { get; init; }

    /// <summary>The session the command runs in (its <c>lsid</c> and owner), or null when it names none.</summary>
    public Sessions.OperationSession? Session { get; set; }

    /// <summary>For a retryable write (a txnNumber was given): which statements were already executed, and where to record new ones.</summary>
    public Sessions.RetryableWrite? Retry { get; set; }

    /// <summary>The privileges checked before the command ran (empty without authentication); cursors keep them for getMore.</summary>
    public IReadOnlyList<Auth.PrivilegeCheck> Privileges { get; set; } = [];

    /// <summary>Who opens a cursor for this command: its users, its session, the privileges it needed.</summary>
    public Cursors.CursorOrigin CursorOrigin() => new([.. Connection.Authentication.Users], Session?.Key, Privileges);

    /// <summary>The collection named by the first field, validated as a string.</summary>
    public string CollectionName()
    {
        if (CommandValue is not BsonString { Value: var name })
        {
            throw new MongoServerException(ErrorCodes.InvalidNamespace, $"collection name has invalid type {Query.BsonTypeNames.AliasOf(CommandValue.BsonType)}");
        }

        if (name.Length == 0)
        {
            throw new MongoServerException(ErrorCodes.InvalidNamespace, $"Invalid namespace specified '{Database}.'");
        }

        return name;
    }
}

/// <summary>A command (or a family of commands sharing code). Handlers are stateless and shared by all connections.</summary>
internal interface ICommandHandler
{
    /// <summary>The command names handled, in the case mongod documents; the dispatcher matches them case-insensitively.</summary>
    IEnumerable<string> Names { get; }

    /// <summary>
    /// Whether the command is a retryable write (insert, update, delete, findAndModify): with a txnNumber it runs
    /// through <see cref="CommandContext.Retry"/>, skipping the statements its session already executed.
    /// </summary>
    bool IsRetryableWrite => false;

    BsonDocument Execute(CommandContext context);
}

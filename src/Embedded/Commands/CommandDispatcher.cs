using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Hosting;
using OpenQuizz.Typed.Embedded.Protocol;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>
/// Routes a decoded request to its handler by lower-cased command name, resolves its session and applies the
/// retryable-write rule (see CommandDispatcher.Sessions.cs), and turns every failure into mongod's error shape.
/// </summary>
internal sealed partial class CommandDispatcher
{
    private readonly Dictionary<string, ICommandHandler> _handlers = new(StringComparer.Ordinal);
    private readonly ServerContext _server;

    public CommandDispatcher(ServerContext server, IEnumerable<ICommandHandler> handlers)
    {
        _server = server;
        foreach (var handler in handlers)
        {
            foreach (var name in handler.Names)
            {
                _handlers[name.ToLowerInvariant()] = handler;
            }
        }
    }

    /// <summary>The handlers of this first part of the server; later parts (aggregate, indexes, auth) add theirs here.</summary>
    public static IEnumerable<ICommandHandler> DefaultHandlers() =>
    [
        new HelloCommand(),
        new PingCommand(),
        new BuildInfoCommand(),
        new HostInfoCommand(),
        new GetParameterCommand(),
        new SetParameterCommand(),
        new SearchIndexCommands(),
        new ReplSetGetStatusCommand(),
        new ServerStatusCommand(),
        new ConnectionStatusCommand(),
        new WhatsMyUriCommand(),
        new ListDatabasesCommand(),
        new DropDatabaseCommand(),
        new DbStatsCommand(),
        new ListCollectionsCommand(),
        new CreateCommand(),
        new DropCommand(),
        new RenameCollectionCommand(),
        new CollStatsCommand(),
        new ListIndexesCommand(),
        new InsertCommand(),
        new UpdateCommand(),
        new DeleteCommand(),
        new FindAndModifyCommand(),
        new FindCommand(),
        new AggregateCommand(),
        new GetMoreCommand(),
        new KillCursorsCommand(),
        new CountCommand(),
        new DistinctCommand(),
        new StartSessionCommand(),
        new EndSessionsCommand(),
        new RefreshSessionsCommand(),
        new TransactionCommands(),
        new CreateIndexesCommand(),
        new DropIndexesCommand(),
        new ConfigureFailPointCommand(),
        .. Auth.AuthCommandHandlers.All(),
    ];

    /// <summary>
    /// The Stable API fields of a command, checked as mongod checks them before running anything: only version "1"
    /// exists, and apiStrict / apiDeprecationErrors mean something only with a version.
    /// </summary>
    private static void ValidateApiParameters(BsonDocument command, string name)
    {
        var version = command.GetValue("apiVersion", null);
        var strict = command.GetValue("apiStrict", null);
        var deprecationErrors = command.GetValue("apiDeprecationErrors", null);
        if (version is not null)
        {
            if (version is not BsonString text)
            {
                throw new MongoServerException(ErrorCodes.TypeMismatch, $"BSON field 'apiVersion' is the wrong type '{Query.BsonTypeNames.AliasOf(version.BsonType)}', expected type 'string'");
            }

            if (text.Value != "1")
            {
                throw new MongoServerException(ErrorCodes.APIVersionError, $"Don't know how to handle API version: {text.Value}");
            }
        }

        foreach (var (field, value) in new[] { ("apiStrict", strict), ("apiDeprecationErrors", deprecationErrors) })
        {
            if (value is not null && value.BsonType != BsonType.Boolean)
            {
                throw new MongoServerException(ErrorCodes.TypeMismatch, $"BSON field '{field}' is the wrong type '{Query.BsonTypeNames.AliasOf(value.BsonType)}', expected type 'bool'");
            }
        }

        if (version is null && strict is not null)
        {
            throw new MongoServerException(4886600, "Provided apiStrict without passing apiVersion");
        }

        if (version is null && deprecationErrors is not null)
        {
            throw new MongoServerException(4886601, "Provided apiDeprecationErrors without passing apiVersion");
        }

        if (strict is BsonBoolean { Value: true } && !ApiVersion1Commands.Contains(name))
        {
            throw new MongoServerException(ErrorCodes.APIStrictError,
                $"Provided apiStrict:true, but the command {name} is not in API Version 1. Information on supported commands and migrations in API Version 1 can be found at https://dochub.mongodb.org/core/manual-versioned-api");
        }
    }

    /// <summary>The commands of Stable API version 1 (mongod 7.0), which apiStrict allows.</summary>
    private static readonly HashSet<string> ApiVersion1Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        "abortTransaction", "aggregate", "authenticate", "collMod", "commitTransaction", "count", "create", "createIndexes",
        "delete", "drop", "dropDatabase", "dropIndexes", "endSessions", "explain", "find", "findAndModify", "getMore", "hello",
        "insert", "killCursors", "listCollections", "listDatabases", "listIndexes", "ping", "refreshSessions", "update",
        "saslStart", "saslContinue",
    };


    public BsonDocument Execute(WireRequest request, ConnectionState connection)
    {
        var reply = ExecuteCommand(request, connection);
        try
        {
            // Acknowledged writes reach the OS before the reply, and the disk too when the write concern asks for j.
            _server.Persistence?.Commit(Storage.Persistence.Durability.RequestsJournal(request.Command));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The journal could not be written: say so to this command instead of acknowledging what may be lost.
            _server.Log($"journal write failed: {ex.Message}");
            return Replies.Error(ErrorCodes.InternalError, "journal write failed: " + ex.Message);
        }

        return reply;
    }

    private BsonDocument ExecuteCommand(WireRequest request, ConnectionState connection)
    {
        var command = request.Command;
        Interlocked.Increment(ref _server.Statistics.Commands);
        try
        {
            if (command.ElementCount == 0)
            {
                throw new MongoServerException(ErrorCodes.FailedToParse, "Empty command");
            }

            var name = command.GetElement(0).Name;
            string database;
            if (request.OpCode == OpCode.Query)
            {
                var ns = request.LegacyNamespace ?? string.Empty;
                var lower = name.ToLowerInvariant();
                if (!ns.EndsWith(".$cmd", StringComparison.Ordinal) || lower is not ("hello" or "ismaster"))
                {
                    throw new MongoServerException(
                        ErrorCodes.UnsupportedOpQueryCommand,
                        $"Unsupported OP_QUERY command: {name}. The client driver may require an upgrade. For more details see https://dochub.mongodb.org/core/legacy-opcode-removal");
                }

                database = ns[..^5];
            }
            else
            {
                database = command.TryGetValue("$db", out var db) && db is BsonString s
                    ? s.Value
                    : throw new MongoServerException(40571, "OP_MSG requests require a $db argument");
            }

            if (!_handlers.TryGetValue(name.ToLowerInvariant(), out var handler))
            {
                throw new MongoServerException(ErrorCodes.CommandNotFound, $"no such command: '{name}'");
            }

            ValidateApiParameters(command, name);
            var context = new CommandContext(_server, connection, database, command) { IsLegacy = request.OpCode == OpCode.Query };
            _server.Authentication.Authorize(context);
            using var limits = OperationLimits.Enter(_server.Parameters.MaxMemoryPerStageBytes, MaxTime(command, name), _server.Time);

            // As in mongod, commands that need no authentication (the handshake) do not take part in sessions.
            context.Session = Auth.CommandPrivileges.RequiresAuthentication(name) ? Sessions.SessionFields.Read(context) : null;
            var failPoint = _server.FailPoints.Evaluate(context);
            BsonDocument reply;
            if (failPoint?.ErrorReply is { } failed)
            {
                reply = failed;
            }
            else
            {
                using var variables = CommandVariables.Bind(context);
                reply = ExecuteInSession(handler, context);
            }

            if (failPoint is not null)
            {
                FailPoints.FailPointRegistry.Decorate(failPoint, reply, context);
            }

            if (_server.Options.ReplicaSetName is not null)
            {
                ClusterTime.Decorate(reply, _server);
            }

            return reply;
        }
        catch (MongoServerException ex)
        {
            var error = Replies.Error(ex);
            if (_server.Options.ReplicaSetName is not null)
            {
                ClusterTime.Decorate(error, _server);
            }

            return error;
        }
        catch (InsufficientExecutionStackException)
        {
            return Replies.Error(ErrorCodes.Overflow, "the operation nests values too deeply to evaluate");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in a handler must not take the connection down; report it as mongod reports internal errors.
            _server.Log($"command failed unexpectedly: {ex}");
            return Replies.Error(ErrorCodes.InternalError, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>
    /// The command's <c>maxTimeMS</c> (0 or absent: no limit). getMore's is the await time of tailable cursors, not a
    /// limit on the command, as in mongod.
    /// </summary>
    private static TimeSpan? MaxTime(BsonDocument command, string name)
    {
        if (!command.TryGetValue("maxTimeMS", out var value) || name is "getMore" or "getmore")
        {
            return null;
        }

        if (!value.IsNumeric || value.ToDouble() is var ms && (ms < 0 || ms > int.MaxValue || Math.Floor(ms) != ms))
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"maxTimeMS must be a non-negative integer no greater than {int.MaxValue}, not {value}");
        }

        return ms == 0 ? null : TimeSpan.FromMilliseconds(ms);
    }
}

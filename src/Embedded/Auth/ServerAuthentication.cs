using System.Net;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Commands;
using OpenQuizz.Typed.Embedded.Hosting;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// Authentication and authorization of one server: its users, the SASL exchanges (saslStart/saslContinue and
/// hello's speculativeAuthenticate), hello's saslSupportedMechs, and the check run before every command when
/// <see cref="EmbeddedServerOptions.RequireAuthentication"/> is on.
/// </summary>
internal sealed class ServerAuthentication
{
    private readonly ServerContext _server;

    public ServerAuthentication(ServerContext server, IUserStore? users = null)
    {
        _server = server;
        Users = users ?? (server.Options.DataDirectory is { } directory ? FileUserStore.Open(directory) : new InMemoryUserStore());
        Required = server.Options.RequireAuthentication;
        if (server.Options.InitialUser is { } initial && Users.Find(initial.Database, initial.Name) is null)
        {
            try
            {
                var roles = BuiltInRoles.Parse([.. initial.Roles.Select(r => (BsonValue)r)], initial.Database);
                Users.TryAdd(UserCommands.NewUser(initial.Database, initial.Name, initial.Password, roles, ScramMechanism.All, customData: null));
            }
            catch (MongoServerException ex)
            {
                throw new ArgumentException($"{nameof(EmbeddedServerOptions.InitialUser)} {initial}: {ex.Message}", nameof(server), ex);
            }
        }
    }

    public IUserStore Users { get; }

    public bool Required { get; }

    /// <summary>Throws Unauthorized (13) with mongod's messages when the connection may not run the command.</summary>
    public void Authorize(CommandContext context)
    {
        if (!Required)
        {
            return;
        }

        var connection = context.Connection.Authentication;
        var checks = CommandPrivileges.Of(context, connection.Users);
        if (checks is null)
        {
            return;
        }

        var grants = GrantsOf(connection, out var authenticated);
        if (!authenticated)
        {
            if (IsLocalhostException(context))
            {
                return;
            }

            throw new MongoServerException(ErrorCodes.Unauthorized, $"command {context.CommandName} requires authentication");
        }

        Check(context, grants, checks);
        context.Privileges = checks;
    }

    /// <summary>
    /// Checks again, for getMore, the privileges of the command that opened a cursor: roles are read at each
    /// command, so a role revoked meanwhile stops the cursor.
    /// </summary>
    public void AuthorizeAgain(CommandContext context, IReadOnlyList<PrivilegeCheck> privileges)
    {
        if (Required && privileges.Count > 0)
        {
            Check(context, GrantsOf(context.Connection.Authentication, out _), privileges);
        }
    }

    private static void Check(CommandContext context, List<RoleGrant> grants, IReadOnlyList<PrivilegeCheck> checks)
    {
        foreach (var check in checks)
        {
            if ((BuiltInRoles.On(grants, check.Database) & check.AnyOf) == 0)
            {
                throw new MongoServerException(ErrorCodes.Unauthorized, $"not authorized on {check.Database} to execute command {Describe(context)}");
            }
        }
    }

    /// <summary>
    /// Which databases <c>listDatabases</c> shows this connection. Users who may list every database (a cluster
    /// privilege on admin, as root has) see all unless they ask for <c>authorizedDatabases: true</c>; others see the
    /// databases they hold any privilege on, and asking for <c>authorizedDatabases: false</c> is refused, as in mongod.
    /// </summary>
    public Func<string, bool> ListableDatabases(CommandContext context, bool? authorizedDatabases)
    {
        if (!Required)
        {
            return static _ => true;
        }

        var grants = GrantsOf(context.Connection.Authentication, out _);
        var mayListAll = (BuiltInRoles.On(grants, "admin") & Privileges.Cluster) != 0;
        if (mayListAll && authorizedDatabases != true)
        {
            return static _ => true;
        }

        if (authorizedDatabases == false)
        {
            throw new MongoServerException(ErrorCodes.Unauthorized, $"not authorized on admin to execute command {Describe(context)}");
        }

        return database => BuiltInRoles.On(grants, database) != Privileges.None;
    }

    // Roles are read at each command, so dropping a user or changing its roles applies to open connections.
    private List<RoleGrant> GrantsOf(ConnectionAuthentication connection, out bool authenticated)
    {
        var grants = new List<RoleGrant>();
        authenticated = false;
        foreach (var (database, name) in connection.Users)
        {
            if (Users.Find(database, name) is { } user)
            {
                authenticated = true;
                grants.AddRange(user.Roles);
            }
        }

        return grants;
    }

    /// <summary>Adds <c>saslSupportedMechs</c> and <c>speculativeAuthenticate</c> to a hello reply when asked for.</summary>
    public void AddHelloFields(CommandContext context, BsonDocument reply)
    {
        if (context.Command.TryGetValue("saslSupportedMechs", out var asked) && asked is BsonString { Value: var qualified }
            && qualified.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot
            && Users.Find(qualified[..dot], qualified[(dot + 1)..]) is { } user)
        {
            reply.Add("saslSupportedMechs", user.MechanismNames());
        }

        if (context.Command.TryGetValue("speculativeAuthenticate", out var speculative) && speculative is BsonDocument start
            && start.TryGetValue("db", out var db) && db is BsonString { Value: var database })
        {
            try
            {
                var first = SaslStart(context, start, database);
                first.Remove("ok");
                reply.Add("speculativeAuthenticate", first);
            }
            catch (MongoServerException)
            {
                // mongod leaves the field out when speculative authentication fails; the client then authenticates
                // explicitly and gets the error there.
            }
        }
    }

    /// <summary>connectionStatus's <c>authInfo</c>: the users authenticated on the connection and their roles.</summary>
    public BsonDocument AuthInfo(ConnectionAuthentication connection)
    {
        var users = new BsonArray();
        var roles = new BsonArray();
        foreach (var (database, name) in connection.Users)
        {
            if (Users.Find(database, name) is not { } user)
            {
                continue;
            }

            users.Add(new BsonDocument { { "user", user.Name }, { "db", user.Database } });
            foreach (var role in user.Roles)
            {
                roles.Add(role.ToDocument());
            }
        }

        return new BsonDocument { { "authenticatedUsers", users }, { "authenticatedUserRoles", roles } };
    }

    /// <summary>saslStart (or hello's speculative form): checks the mechanism, answers server-first.</summary>
    public BsonDocument SaslStart(CommandContext context, BsonDocument command, string database)
    {
        var connection = context.Connection.Authentication;
        connection.EndConversation();
        var mechanismName = command.TryGetValue("mechanism", out var m) && m is BsonString s
            ? s.Value
            : throw new MongoServerException(ErrorCodes.BadValue, "Auth mechanism not specified");
        if (ScramMechanism.Find(mechanismName) is not { } mechanism || database == "$external")
        {
            throw new MongoServerException(AuthErrors.MechanismUnavailable, $"Received authentication for mechanism {mechanismName} which is unknown or not enabled");
        }

        var (payload, asString) = Payload(command);
        var conversation = new ScramServerConversation(mechanism, database, name => Users.Find(database, name))
        {
            SkipEmptyExchange = SkipsEmptyExchange(command),
        };
        byte[] serverFirst;
        try
        {
            serverFirst = conversation.Start(payload);
        }
        catch (MongoServerException ex) when (ex.Code == AuthErrors.AuthenticationFailed)
        {
            _server.Log($"connection {context.Connection.Id}: authentication with {mechanism.Name} on {database} failed: unknown user or no {mechanism.Name} credentials");
            throw;
        }

        var id = connection.BeginConversation(conversation);
        return new BsonDocument
        {
            { "conversationId", id },
            { "done", false },
            { "payload", Wrap(serverFirst, asString) },
            { "ok", 1.0 },
        };
    }

    public BsonDocument SaslContinue(CommandContext context)
    {
        var connection = context.Connection.Authentication;
        var command = context.Command;
        if (connection.Conversation is not { } conversation
            || !command.TryGetValue("conversationId", out var idValue) || !idValue.IsNumeric || idValue.ToInt64() != connection.ConversationId)
        {
            throw new MongoServerException(ErrorCodes.ProtocolError, "No SASL session state found");
        }

        if (conversation.Database != context.Database)
        {
            connection.EndConversation();
            throw new MongoServerException(ErrorCodes.ProtocolError, "Attempt to switch database target during SASL authentication.");
        }

        var (payload, asString) = Payload(command);
        var id = connection.ConversationId;
        byte[] reply;
        bool done;
        try
        {
            // The skip request travels on saslStart; hello's speculative form and later rounds may repeat it.
            reply = conversation.Continue(payload, SkipsEmptyExchange(command) || conversation.SkipEmptyExchange, out done);
        }
        catch (MongoServerException ex)
        {
            connection.EndConversation();
            _server.Log($"connection {context.Connection.Id}: authentication with {conversation.Mechanism.Name} on {conversation.Database} failed: {ex.Message}");
            throw;
        }

        if (done)
        {
            connection.EndConversation();
            if (conversation.User is { } user)
            {
                connection.Authenticated(user);
                _server.Log($"connection {context.Connection.Id}: authenticated as {user.Name}@{user.Database} with {conversation.Mechanism.Name}");
            }
        }

        return new BsonDocument
        {
            { "conversationId", id },
            { "done", done },
            { "payload", Wrap(reply, asString) },
            { "ok", 1.0 },
        };
    }

    private static bool SkipsEmptyExchange(BsonDocument command) =>
        command.TryGetValue("options", out var o) && o is BsonDocument options
        && options.TryGetValue("skipEmptyExchange", out var skip) && Query.ExpressionValues.IsTruthy(skip);

    private bool IsLocalhostException(CommandContext context)
    {
        if (context.Database != "admin" || !string.Equals(context.CommandName, "createUser", StringComparison.OrdinalIgnoreCase) || !Users.IsEmpty)
        {
            return false;
        }

        var remote = context.Connection.RemoteAddress;
        return remote.StartsWith("unix:", StringComparison.Ordinal) || (IPEndPoint.TryParse(remote, out var endPoint) && IPAddress.IsLoopback(endPoint.Address));
    }

    // mongod prints the command it refused; only its name, target and database here, so that no argument
    // (a password in createUser, say) reaches a client's error message or a log.
    private static string Describe(CommandContext context)
    {
        var value = context.CommandValue is BsonString { Value: var s } ? "\"" + s + "\"" : context.CommandValue.ToString();
        return $"{{ {context.CommandName}: {value}, $db: \"{context.Database}\" }}";
    }

    /// <summary>The payload as bytes; drivers send BinData, the legacy shell a base64 string (answered the same way).</summary>
    private static (byte[] Bytes, bool AsString) Payload(BsonDocument command)
    {
        if (!command.TryGetValue("payload", out var payload))
        {
            throw new MongoServerException(ErrorCodes.BadValue, "Missing required field payload");
        }

        return payload switch
        {
            BsonBinaryData binary => (binary.Bytes, false),
            BsonString { Value: var text } => (DecodeBase64(text), true),
            _ => throw new MongoServerException(ErrorCodes.BadValue, "payload must be BinData or a base64 string"),
        };
    }

    private static byte[] DecodeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "payload is not valid base64");
        }
    }

    private static BsonValue Wrap(byte[] bytes, bool asString) => asString ? Convert.ToBase64String(bytes) : new BsonBinaryData(bytes);
}

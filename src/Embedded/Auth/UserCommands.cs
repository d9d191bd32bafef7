using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Commands;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>createUser, updateUser, dropUser, dropAllUsersFromDatabase, grantRolesToUser and revokeRolesFromUser.</summary>
internal sealed class UserCommands : ICommandHandler
{
    public IEnumerable<string> Names => ["createUser", "updateUser", "dropUser", "dropAllUsersFromDatabase", "grantRolesToUser", "revokeRolesFromUser"];

    public BsonDocument Execute(CommandContext context)
    {
        var users = context.Server.Authentication.Users;
        switch (context.CommandName.ToLowerInvariant())
        {
            case "createuser":
                Create(context, users);
                return Replies.Ok();
            case "updateuser":
                Update(context, users);
                return Replies.Ok();
            case "dropuser":
                var name = UserName(context);
                if (!users.Remove(context.Database, name))
                {
                    throw NotFound(name, context.Database);
                }

                return Replies.Ok();
            case "dropallusersfromdatabase":
                return new BsonDocument { { "n", users.RemoveAll(context.Database) }, { "ok", 1.0 } };
            default:
                ChangeRoles(context, users, grant: string.Equals(context.CommandName, "grantRolesToUser", StringComparison.OrdinalIgnoreCase));
                return Replies.Ok();
        }
    }

    /// <summary>A new user with credentials for each mechanism; the password is used for key derivation only.</summary>
    public static StoredUser NewUser(string database, string name, string password, IReadOnlyList<RoleGrant> roles, IEnumerable<ScramMechanism> mechanisms, BsonDocument? customData, bool digestPassword = true) =>
        new(database, name, Guid.NewGuid(), roles, Credentials(name, password, mechanisms, digestPassword), customData);

    /// <summary>
    /// The users a usersInfo value names: "name", <c>{user, db}</c> or an array of those; null for <c>1</c> (every
    /// user of the database).
    /// </summary>
    public static List<(string Database, string Name)>? NamedUsers(BsonValue value, string database)
    {
        switch (value)
        {
            case BsonString { Value: var name }:
                return [(database, name)];
            case BsonDocument document:
                return [One(document)];
            case BsonArray array:
                var result = new List<(string, string)>();
                foreach (var item in array)
                {
                    result.Add(item switch
                    {
                        BsonString { Value: var n } => (database, n),
                        BsonDocument d => One(d),
                        _ => throw new MongoServerException(ErrorCodes.BadValue, "User name must be either a string or an object"),
                    });
                }

                return result;
            case { IsNumeric: true }:
                return null;
            default:
                throw new MongoServerException(ErrorCodes.BadValue, "User name must be either a string or an object");
        }

        static (string, string) One(BsonDocument document) =>
            document.TryGetValue("user", out var u) && u is BsonString user && document.TryGetValue("db", out var d) && d is BsonString db
                ? (db.Value, user.Value)
                : throw new MongoServerException(ErrorCodes.BadValue, "User name must contain 'user' and 'db' fields");
    }

    private static void Create(CommandContext context, IUserStore users)
    {
        var name = UserName(context);
        if (context.Database == "$external")
        {
            throw new MongoServerException(ErrorCodes.BadValue, "Users on $external (x.509, LDAP, Kerberos) are not supported by the embedded server");
        }

        var password = Arguments.String(context, "pwd")
            ?? throw new MongoServerException(ErrorCodes.BadValue, "Must provide a 'pwd' field for all user documents, except those with '$external' as the user's source db");
        var roles = BuiltInRoles.Parse(Arguments.Array(context, "roles")
            ?? throw new MongoServerException(40414, "BSON field 'createUser.roles' is missing but a required field"), context.Database);
        var mechanisms = Mechanisms(context) ?? ScramMechanism.All;
        var digestPassword = Arguments.Bool(context, "digestPassword", defaultValue: true);
        var user = NewUser(context.Database, name, password, roles, mechanisms, Arguments.Document(context, "customData"), digestPassword);
        if (!users.TryAdd(user))
        {
            throw new MongoServerException(AuthErrors.UserAlreadyExists, $"User \"{name}@{context.Database}\" already exists");
        }
    }

    private static void Update(CommandContext context, IUserStore users)
    {
        var name = UserName(context);
        var user = users.Find(context.Database, name) ?? throw NotFound(name, context.Database);
        var mechanisms = Mechanisms(context);
        var password = Arguments.String(context, "pwd");
        var credentials = user.Credentials;
        if (password is not null)
        {
            credentials = Credentials(name, password, mechanisms ?? user.Credentials.Select(c => c.Mechanism), Arguments.Bool(context, "digestPassword", defaultValue: true));
        }
        else if (mechanisms is not null)
        {
            // Without a new password only existing credentials can be kept, so mechanisms can only shrink.
            if (mechanisms.Any(m => user.CredentialFor(m) is null))
            {
                throw new MongoServerException(ErrorCodes.BadValue, "mechanisms field must be a subset of previously set mechanisms");
            }

            credentials = [.. user.Credentials.Where(c => mechanisms.Contains(c.Mechanism))];
        }

        var roles = Arguments.Array(context, "roles") is { } array ? BuiltInRoles.Parse(array, context.Database) : user.Roles;
        var customData = context.Command.Contains("customData") ? Arguments.Document(context, "customData") : user.CustomData;
        if (!users.TryReplace(user with { Credentials = credentials, Roles = roles, CustomData = customData }))
        {
            throw NotFound(name, context.Database);
        }
    }

    private static void ChangeRoles(CommandContext context, IUserStore users, bool grant)
    {
        var name = UserName(context);
        var user = users.Find(context.Database, name) ?? throw NotFound(name, context.Database);
        var changed = BuiltInRoles.Parse(Arguments.Array(context, "roles") ?? throw new MongoServerException(ErrorCodes.BadValue, "roles must be an array"), context.Database);
        var roles = grant ? [.. user.Roles.Concat(changed).Distinct()] : user.Roles.Where(r => !changed.Contains(r)).ToList();
        if (!users.TryReplace(user with { Roles = roles }))
        {
            throw NotFound(name, context.Database);
        }
    }

    private static List<ScramCredential> Credentials(string name, string password, IEnumerable<ScramMechanism> mechanisms, bool digestPassword)
    {
        if (password.Length == 0)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "Password cannot be empty");
        }

        var credentials = new List<ScramCredential>();
        foreach (var mechanism in mechanisms)
        {
            if (!digestPassword && ReferenceEquals(mechanism, ScramMechanism.Sha256))
            {
                throw new MongoServerException(ErrorCodes.BadValue, "Use of SCRAM-SHA-256 requires undigested passwords");
            }

            try
            {
                credentials.Add(ScramCredential.Create(mechanism, name, password, alreadyDigested: !digestPassword));
            }
            catch (FormatException ex)
            {
                throw new MongoServerException(ErrorCodes.BadValue, "Unable to prepare the password for SCRAM-SHA-256: " + ex.Message);
            }
        }

        return credentials;
    }

    private static List<ScramMechanism>? Mechanisms(CommandContext context)
    {
        if (Arguments.Array(context, "mechanisms") is not { } array)
        {
            return null;
        }

        if (array.Count == 0)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "mechanisms field must not be empty");
        }

        var result = new List<ScramMechanism>();
        foreach (var value in array)
        {
            var mechanism = value is BsonString { Value: var name } && ScramMechanism.Find(name) is { } found
                ? found
                : throw new MongoServerException(ErrorCodes.BadValue, $"Unknown auth mechanism '{(value is BsonString s ? s.Value : value.ToString())}'");
            if (!result.Contains(mechanism))
            {
                result.Add(mechanism);
            }
        }

        return result;
    }

    private static string UserName(CommandContext context) =>
        context.CommandValue is BsonString { Value: { Length: > 0 } name }
            ? name
            : throw new MongoServerException(ErrorCodes.BadValue, $"{context.CommandName} requires a non-empty user name");

    private static MongoServerException NotFound(string name, string database) =>
        new(AuthErrors.UserNotFound, $"Could not find user \"{name}\" for db \"{database}\"");
}

/// <summary>usersInfo: user documents without credentials unless <c>showCredentials: true</c>.</summary>
internal sealed class UsersInfoCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["usersInfo"];

    public BsonDocument Execute(CommandContext context)
    {
        var store = context.Server.Authentication.Users;
        var showCredentials = Arguments.Bool(context, "showCredentials");
        IEnumerable<StoredUser> found;
        if (context.CommandValue is BsonDocument { ElementCount: > 0 } all && all.TryGetValue("forAllDBs", out var forAll) && Query.ExpressionValues.IsTruthy(forAll))
        {
            found = store.List(null);
        }
        else if (UserCommands.NamedUsers(context.CommandValue, context.Database) is { } named)
        {
            found = named.Select(n => store.Find(n.Database, n.Name)).OfType<StoredUser>();
        }
        else
        {
            found = store.List(context.Database);
        }

        var users = new BsonArray();
        foreach (var user in found)
        {
            users.Add(user.ToUsersInfoDocument(showCredentials));
        }

        return new BsonDocument { { "users", users }, { "ok", 1.0 } };
    }
}

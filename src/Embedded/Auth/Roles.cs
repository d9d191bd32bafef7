using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>Coarse privileges: what a built-in role allows on a database, and what a command needs there.</summary>
[Flags]
internal enum Privileges
{
    None = 0,

    /// <summary>Read documents and metadata (find, getMore, count, listCollections, …).</summary>
    Read = 1,

    /// <summary>Change documents and collections (insert, update, delete, create, drop, …).</summary>
    Write = 2,

    /// <summary>Schema and statistics work without reading documents (dbAdmin: indexes, collStats, dropDatabase, …).</summary>
    DbAdmin = 4,

    /// <summary>Manage the users of the database.</summary>
    UserAdmin = 8,

    /// <summary>Server-wide administration (serverStatus, failpoints, parameters); granted only by admin roles.</summary>
    Cluster = 16,

    All = Read | Write | DbAdmin | UserAdmin | Cluster,
}

/// <summary>A built-in role granted to a user on a database (<c>{role, db}</c>).</summary>
internal sealed record RoleGrant(string Role, string Database)
{
    public BsonDocument ToDocument() => new() { { "role", Role }, { "db", Database } };
}

/// <summary>The built-in roles the embedded server knows and what each grants.</summary>
internal static class BuiltInRoles
{
    /// <summary>Roles defined in every database.</summary>
    private static readonly Dictionary<string, Privileges> DatabaseRoles = new(StringComparer.Ordinal)
    {
        ["read"] = Privileges.Read,
        ["readWrite"] = Privileges.Read | Privileges.Write,
        ["dbAdmin"] = Privileges.DbAdmin,
        ["userAdmin"] = Privileges.UserAdmin,
        ["dbOwner"] = Privileges.Read | Privileges.Write | Privileges.DbAdmin | Privileges.UserAdmin,
    };

    /// <summary>Roles defined only in admin; they apply to every database.</summary>
    private static readonly Dictionary<string, Privileges> AnyDatabaseRoles = new(StringComparer.Ordinal)
    {
        ["readAnyDatabase"] = Privileges.Read,
        ["readWriteAnyDatabase"] = Privileges.Read | Privileges.Write,
        ["dbAdminAnyDatabase"] = Privileges.DbAdmin,
        ["userAdminAnyDatabase"] = Privileges.UserAdmin,
        ["clusterMonitor"] = Privileges.Cluster,
        ["clusterAdmin"] = Privileges.Cluster,
        ["root"] = Privileges.All,
    };

    /// <summary>Parses createUser's <c>roles</c>: names (on the command's database) or <c>{role, db}</c> documents.</summary>
    /// <exception cref="MongoServerException">A role is malformed (BadValue) or not defined on its database (RoleNotFound).</exception>
    public static List<RoleGrant> Parse(BsonArray roles, string commandDatabase)
    {
        var grants = new List<RoleGrant>();
        foreach (var value in roles)
        {
            RoleGrant grant = value switch
            {
                BsonString { Value: var name } => new RoleGrant(name, commandDatabase),
                BsonDocument doc when doc.TryGetValue("role", out var r) && r is BsonString role && doc.TryGetValue("db", out var d) && d is BsonString db
                    => new RoleGrant(role.Value, db.Value),
                _ => throw new MongoServerException(ErrorCodes.BadValue, "Role names must be either strings or objects with 'role' and 'db' fields"),
            };
            if (!IsDefined(grant))
            {
                throw new MongoServerException(AuthErrors.RoleNotFound, $"Could not find role: {grant.Role}@{grant.Database}");
            }

            if (!grants.Contains(grant))
            {
                grants.Add(grant);
            }
        }

        return grants;
    }

    public static bool IsDefined(RoleGrant grant) =>
        DatabaseRoles.ContainsKey(grant.Role) || (grant.Database == "admin" && AnyDatabaseRoles.ContainsKey(grant.Role));

    /// <summary>What the grants allow on <paramref name="database"/>.</summary>
    public static Privileges On(IEnumerable<RoleGrant> grants, string database)
    {
        var result = Privileges.None;
        foreach (var grant in grants)
        {
            if (grant.Database == database && DatabaseRoles.TryGetValue(grant.Role, out var own))
            {
                result |= own;
            }

            if (grant.Database == "admin" && AnyDatabaseRoles.TryGetValue(grant.Role, out var any))
            {
                // Cluster privileges exist only on the admin database: asking for them elsewhere finds none.
                result |= database == "admin" ? any : any & ~Privileges.Cluster;
            }
        }

        return result;
    }
}

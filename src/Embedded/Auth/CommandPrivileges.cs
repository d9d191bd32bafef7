using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Commands;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>One privilege check: any of <see cref="AnyOf"/> must be granted on <see cref="Database"/>.</summary>
internal readonly record struct PrivilegeCheck(string Database, Privileges AnyOf);

/// <summary>
/// What each command needs, by lower-cased name: nothing (the handshake and SASL commands), just an
/// authenticated user, or privileges on one or more databases. Commands not listed need cluster privileges,
/// so a command added later is closed until it is classified here.
/// </summary>
internal static class CommandPrivileges
{
    private static readonly HashSet<string> WithoutAuthentication = new(StringComparer.Ordinal)
    {
        "hello", "ismaster", "ping", "buildinfo", "saslstart", "saslcontinue", "getnonce", "logout", "authenticate", "connectionstatus",
    };

    private static readonly HashSet<string> AnyAuthenticatedUser = new(StringComparer.Ordinal)
    {
        "listdatabases", "whatsmyuri", "startsession", "endsessions", "refreshsessions", "killsessions", "committransaction",
        "aborttransaction", "listcommands", "getlasterror", "features", "getdefaultrwconcern",
    };

    /// <summary>
    /// Server administration and diagnostics that mongod grants only through cluster roles (clusterMonitor,
    /// clusterAdmin, hostManager, root). Unlisted commands need the same, so this list documents rather than opens.
    /// </summary>
    private static readonly HashSet<string> ClusterOnly = new(StringComparer.Ordinal)
    {
        "serverstatus", "hostinfo", "getlog", "getcmdlineopts", "currentop", "killop", "setparameter", "getparameter",
        "shutdown", "fsync", "fsyncunlock", "configurefailpoint", "top", "logrotate", "replsetgetstatus",
    };

    private static readonly Dictionary<string, Privileges> OnCommandDatabase = new(StringComparer.Ordinal)
    {
        ["find"] = Privileges.Read,
        ["getmore"] = Privileges.Read,
        ["killcursors"] = Privileges.Read,
        ["count"] = Privileges.Read,
        ["distinct"] = Privileges.Read,
        ["explain"] = Privileges.Read,
        ["datasize"] = Privileges.Read | Privileges.DbAdmin,
        ["listcollections"] = Privileges.Read | Privileges.DbAdmin,
        ["listindexes"] = Privileges.Read | Privileges.DbAdmin,
        ["collstats"] = Privileges.Read | Privileges.DbAdmin,
        ["dbstats"] = Privileges.Read | Privileges.DbAdmin,
        ["insert"] = Privileges.Write,
        ["update"] = Privileges.Write,
        ["delete"] = Privileges.Write,
        ["findandmodify"] = Privileges.Write,
        ["create"] = Privileges.Write | Privileges.DbAdmin,
        ["drop"] = Privileges.Write | Privileges.DbAdmin,
        ["createindexes"] = Privileges.Write | Privileges.DbAdmin,
        ["dropindexes"] = Privileges.Write | Privileges.DbAdmin,
        ["deleteindexes"] = Privileges.Write | Privileges.DbAdmin,
        ["collmod"] = Privileges.DbAdmin,
        ["compact"] = Privileges.DbAdmin,
        ["validate"] = Privileges.DbAdmin,
        ["reindex"] = Privileges.DbAdmin,
        ["profile"] = Privileges.DbAdmin,
        ["dropdatabase"] = Privileges.DbAdmin,
        ["createuser"] = Privileges.UserAdmin,
        ["updateuser"] = Privileges.UserAdmin,
        ["dropuser"] = Privileges.UserAdmin,
        ["dropallusersfromdatabase"] = Privileges.UserAdmin,
        ["grantrolestouser"] = Privileges.UserAdmin,
        ["revokerolesfromuser"] = Privileges.UserAdmin,
    };

    /// <summary>Whether the command needs an authenticated user when authentication is on (all but the handshake and SASL ones).</summary>
    public static bool RequiresAuthentication(string commandName) => !WithoutAuthentication.Contains(commandName.ToLowerInvariant());

    /// <summary>The checks of a command; null when it needs no authentication at all, empty when any user will do.</summary>
    public static IReadOnlyList<PrivilegeCheck>? Of(CommandContext context, IReadOnlyList<(string Database, string Name)> self)
    {
        var name = context.CommandName.ToLowerInvariant();
        if (WithoutAuthentication.Contains(name))
        {
            return null;
        }

        if (AnyAuthenticatedUser.Contains(name))
        {
            return [];
        }

        if (ClusterOnly.Contains(name))
        {
            return [new PrivilegeCheck("admin", Privileges.Cluster)];
        }

        if (OnCommandDatabase.TryGetValue(name, out var privileges))
        {
            return [new PrivilegeCheck(context.Database, privileges)];
        }

        return name switch
        {
            "aggregate" => Aggregate(context),
            "renamecollection" => Rename(context),
            "usersinfo" => UsersInfo(context, self),
            _ => [new PrivilegeCheck("admin", Privileges.Cluster)],
        };
    }

    // A pipeline reads its database, and whatever its stages read or write at any depth (see PipelinePrivileges).
    private static List<PrivilegeCheck> Aggregate(CommandContext context)
    {
        // As in mongod, a pipeline that starts with $collStats or $indexStats needs that action, not find: the
        // stage adds its own check (collStats: read or dbAdmin; indexStats: dbAdmin).
        var pipeline = context.Command.GetValue("pipeline", null);
        var checks = new List<PrivilegeCheck>();
        if (!(pipeline is BsonArray { Count: > 0 } stages && stages[0] is BsonDocument { ElementCount: > 0 } first && first.GetElement(0).Name is "$collStats" or "$indexStats"))
        {
            checks.Add(new PrivilegeCheck(context.Database, Privileges.Read));
        }

        PipelinePrivileges.Collect(pipeline, context.Database, checks);
        return checks;
    }

    private static List<PrivilegeCheck> Rename(CommandContext context)
    {
        var checks = new List<PrivilegeCheck>();
        foreach (var field in new[] { "renameCollection", "to" })
        {
            if (context.Command.TryGetValue(field, out var value) && value is BsonString { Value: var ns } && ns.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot)
            {
                checks.Add(new PrivilegeCheck(ns[..dot], Privileges.Write | Privileges.DbAdmin));
            }
        }

        return checks.Count > 0 ? checks : [new PrivilegeCheck(context.Database, Privileges.Write | Privileges.DbAdmin)];
    }

    // Anyone may look at their own user; anything more needs userAdmin where the users live.
    private static List<PrivilegeCheck> UsersInfo(CommandContext context, IReadOnlyList<(string Database, string Name)> self)
    {
        var value = context.CommandValue;
        if (value is BsonDocument { ElementCount: > 0 } all && all.TryGetValue("forAllDBs", out var forAll) && Query.ExpressionValues.IsTruthy(forAll))
        {
            return [new PrivilegeCheck("admin", Privileges.UserAdmin)];
        }

        var asked = UserCommands.NamedUsers(value, context.Database);
        if (asked is null)
        {
            return [new PrivilegeCheck(context.Database, Privileges.UserAdmin)];
        }

        var checks = new List<PrivilegeCheck>();
        foreach (var (database, name) in asked)
        {
            if (!self.Contains((database, name)))
            {
                checks.Add(new PrivilegeCheck(database, Privileges.UserAdmin));
            }
        }

        return checks;
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>
/// The Stable API's strict mode as mongod 7.0 applies it: with <c>apiStrict: true</c>, a command outside API Version 1
/// fails with APIStrictError before it runs.
/// </summary>
internal static class StableApi
{
    // The commands of API Version 1 (mongod 7.0), with the authentication commands a strict client needs to connect.
    private static readonly HashSet<string> Version1 = new(StringComparer.OrdinalIgnoreCase)
    {
        "abortTransaction", "aggregate", "authenticate", "collMod", "commitTransaction", "count", "create", "createIndexes",
        "delete", "drop", "dropDatabase", "dropIndexes", "endSessions", "explain", "find", "findAndModify", "getMore",
        "hello", "insert", "killCursors", "listCollections", "listDatabases", "listIndexes", "ping", "refreshSessions",
        "saslContinue", "saslStart", "update",
    };

    /// <exception cref="MongoServerException">apiStrict is true and the command is not in API Version 1.</exception>
    public static void Check(CommandContext context)
    {
        if (context.Command.TryGetValue("apiStrict", out var strict) && ExpressionValues.IsTruthy(strict) && !Version1.Contains(context.CommandName))
        {
            throw new MongoServerException(
                ErrorCodes.ApiStrictError,
                $"Provided apiStrict:true, but the command {context.CommandName} is not in API Version 1. Information on supported commands and migrations in API Version 1 can be found at https://dochub.mongodb.org/core/manual-versioned-api");
        }
    }
}

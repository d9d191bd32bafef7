using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Sessions;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// <c>$listLocalSessions</c>: the logical sessions in this server's cache, as <c>{ _id: { id, uid }, lastUse }</c>:
/// by default the current user's (the unauthenticated digest when authentication is off), <c>{ users: [...] }</c>
/// for the named users, or <c>{ allUsers: true }</c> for every one. It must be the first stage of a collectionless
/// aggregate; authorization (a cluster role) is checked before the pipeline runs, see PipelinePrivileges.
/// </summary>
internal sealed class ListLocalSessionsStage(bool allUsers, IReadOnlyList<(string Database, string Name)>? users) : Stage
{
    public static ListLocalSessionsStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument options)
        {
            throw new MongoServerException(ErrorCodes.TypeMismatch, "$listLocalSessions must take a nested object");
        }

        var allUsers = false;
        List<(string, string)>? users = null;
        foreach (var element in options)
        {
            switch (element.Name)
            {
                case "allUsers":
                    if (element.Value is not BsonBoolean flag)
                    {
                        throw new MongoServerException(ErrorCodes.TypeMismatch, "BSON field '$listLocalSessions.allUsers' is the wrong type, expected type 'bool'");
                    }

                    allUsers = flag.Value;
                    break;
                case "users":
                    if (element.Value is not BsonArray list)
                    {
                        throw new MongoServerException(ErrorCodes.TypeMismatch, "BSON field '$listLocalSessions.users' is the wrong type, expected type 'array'");
                    }

                    users = [];
                    foreach (var user in list)
                    {
                        if (user is not BsonDocument { } named || named.GetValue("user", null) is not BsonString name || named.GetValue("db", null) is not BsonString db)
                        {
                            throw new MongoServerException(ErrorCodes.TypeMismatch, "each user of $listLocalSessions.users must be { user: <name>, db: <database> }");
                        }

                        users.Add((db.Value, name.Value));
                    }

                    break;
                default:
                    throw new MongoServerException(ErrorCodes.IdlUnknownField, $"BSON field '$listLocalSessions.{element.Name}' is an unknown field.");
            }
        }

        if (allUsers && users is not null)
        {
            throw new MongoServerException(ErrorCodes.InvalidOptions, "$listLocalSessions: allUsers and users cannot be specified together");
        }

        return new ListLocalSessionsStage(allUsers, users);
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        if (runtime.Collection is not null)
        {
            throw new MongoServerException(ErrorCodes.InvalidNamespace, "$listLocalSessions must be run against the database with {aggregate: 1}, not against a collection");
        }

        HashSet<string>? uids = null;
        if (!allUsers)
        {
            uids = new HashSet<string>(StringComparer.Ordinal);
            var named = users ?? runtime.Users;
            if (named.Count == 0)
            {
                uids.Add(SessionKey.NoAuthUid);
            }

            foreach (var (database, name) in named)
            {
                uids.Add(SessionKey.UidOf(database, name));
            }
        }

        var output = new List<BsonDocument>();
        foreach (var session in runtime.Server.Sessions.All())
        {
            if (uids is null || uids.Contains(session.Key.Uid))
            {
                output.Add(new BsonDocument { { "_id", session.Key.ToDocument() }, { "lastUse", new BsonDateTime(session.LastUse) } });
            }
        }

        return output;
    }
}

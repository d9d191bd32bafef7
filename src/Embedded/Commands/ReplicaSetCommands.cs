using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>
/// replSetGetStatus: in replica-set mode, the status of the one-member set as mongod reports it (this member, the
/// primary, healthy since the server started); on a standalone, NoReplicationEnabled (76) as mongod answers.
/// </summary>
internal sealed class ReplSetGetStatusCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["replSetGetStatus", "replsetgetstatus"];

    public BsonDocument Execute(CommandContext context)
    {
        Arguments.RequireAdmin(context, "replSetGetStatus");
        var server = context.Server;
        if (server.Options.ReplicaSetName is not { } setName)
        {
            throw new MongoServerException(ErrorCodes.NoReplicationEnabled, "not running with --replSet");
        }

        var now = server.Time.GetUtcNow();
        var opTime = new BsonDocument { { "ts", ClusterTime.Now(server) }, { "t", 1L } };
        var uptime = (long)(now - server.StartTime).TotalSeconds;
        var member = new BsonDocument
        {
            { "_id", 0 },
            { "name", server.HostAndPort },
            { "health", 1.0 },
            { "state", 1 },
            { "stateStr", "PRIMARY" },
            { "uptime", uptime },
            { "optime", opTime },
            { "optimeDate", new BsonDateTime(now) },
            { "lastAppliedWallTime", new BsonDateTime(now) },
            { "lastDurableWallTime", new BsonDateTime(now) },
            { "syncSourceHost", "" },
            { "syncSourceId", -1 },
            { "infoMessage", "" },
            { "electionTime", new BsonTimestamp((ulong)server.StartTime.ToUnixTimeSeconds() << 32 | 1) },
            { "electionDate", new BsonDateTime(server.StartTime) },
            { "configVersion", 1 },
            { "configTerm", 1 },
            { "self", true },
            { "lastHeartbeatMessage", "" },
        };
        return new BsonDocument
        {
            { "set", setName },
            { "date", new BsonDateTime(now) },
            { "myState", 1 },
            { "term", 1L },
            { "syncSourceHost", "" },
            { "syncSourceId", -1 },
            { "heartbeatIntervalMillis", 2000L },
            { "majorityVoteCount", 1 },
            { "writeMajorityCount", 1 },
            { "votingMembersCount", 1 },
            { "writableVotingMembersCount", 1 },
            {
                "optimes", new BsonDocument
                {
                    { "lastCommittedOpTime", opTime },
                    { "lastCommittedWallTime", new BsonDateTime(now) },
                    { "appliedOpTime", opTime.DeepClone() },
                    { "durableOpTime", opTime.DeepClone() },
                    { "lastAppliedWallTime", new BsonDateTime(now) },
                    { "lastDurableWallTime", new BsonDateTime(now) },
                }
            },
            { "members", new BsonArray { member } },
            { "ok", 1.0 },
        };
    }
}

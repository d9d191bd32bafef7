using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Protocol;
using OpenQuizz.Typed.Embedded.Protocol.Compression;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>
/// hello / isMaster: a standalone, writable server speaking wire versions 0–21 (MongoDB 7.0). Negotiates
/// compression and records the client metadata of the connection's first handshake.
/// </summary>
internal sealed class HelloCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["hello", "isMaster", "ismaster"];

    public BsonDocument Execute(CommandContext context)
    {
        var command = context.Command;
        var connection = context.Connection;
        if (command.TryGetValue("client", out var client) && client is BsonDocument metadata)
        {
            if (connection.ClientMetadata is not null)
            {
                throw new MongoServerException(186, "The client metadata document may only be sent in the first hello");
            }

            connection.ClientMetadata = metadata;
        }

        var legacy = context.IsLegacy || !string.Equals(context.CommandName, "hello", StringComparison.Ordinal);
        var reply = new BsonDocument();
        if (Arguments.Bool(context, "helloOk"))
        {
            reply.Add("helloOk", true);
        }

        reply.Add(legacy ? "ismaster" : "isWritablePrimary", true);
        reply.Add("topologyVersion", new BsonDocument { { "processId", context.Server.ProcessId }, { "counter", 0L } });
        reply.Add("maxBsonObjectSize", WireLimits.MaxBsonObjectSize);
        reply.Add("maxMessageSizeBytes", WireLimits.MaxMessageSizeBytes);
        reply.Add("maxWriteBatchSize", WireLimits.MaxWriteBatchSize);
        reply.Add("localTime", new BsonDateTime(context.Server.Time.GetUtcNow()));
        reply.Add("logicalSessionTimeoutMinutes", context.Server.Options.LogicalSessionTimeoutMinutes);
        reply.Add("connectionId", connection.Id);
        reply.Add("minWireVersion", 0);
        reply.Add("maxWireVersion", 21);
        reply.Add("readOnly", false);
        if (context.Server.Options.ReplicaSetName is { } setName)
        {
            AddReplicaSetFields(reply, context, setName);
        }

        if (command.TryGetValue("compression", out var requested) && requested is BsonArray names)
        {
            var agreed = new List<MessageCompressor>();
            var agreedNames = new BsonArray();
            foreach (var name in names)
            {
                if (name is BsonString { Value: var n } && context.Server.Compressors.Find(n) is { Id: > 0 } compressor && context.Server.Compressors.Names.Contains(n))
                {
                    agreed.Add(compressor);
                    agreedNames.Add(n);
                }
            }

            connection.Compressors = agreed;
            if (agreedNames.Count > 0)
            {
                reply.Add("compression", agreedNames);
            }
        }

        // saslSupportedMechs and speculativeAuthenticate are answered by the server's authentication.
        context.Server.Authentication.AddHelloFields(context, reply);

        // An awaitable hello (streaming monitoring) naming this process's current topologyVersion waits maxAwaitTimeMS:
        // the connection loop holds the reply (and, with exhaustAllowed, keeps streaming it). This server's state never changes.
        if (command.TryGetValue("topologyVersion", out var awaited) && command.TryGetValue("maxAwaitTimeMS", out var maxAwait))
        {
            if (!maxAwait.IsNumeric || maxAwait.ToInt64() < 0)
            {
                throw new MongoServerException(ErrorCodes.BadValue, "maxAwaitTimeMS must be a non-negative integer");
            }

            if (awaited is BsonDocument version && version.TryGetValue("processId", out var processId) && processId.IsObjectId && processId.AsObjectId == context.Server.ProcessId
                && version.TryGetValue("counter", out var counter) && counter.IsNumeric && counter.ToInt64() == 0)
            {
                connection.HelloAwait = TimeSpan.FromMilliseconds(maxAwait.ToInt64());
            }
        }

        reply.Add("ok", 1.0);
        return reply;
    }

    // A one-member set whose only member is always the primary, as mongod reports it (term 1, setVersion 1).
    private static void AddReplicaSetFields(BsonDocument reply, CommandContext context, string setName)
    {
        var me = context.Server.HostAndPort;
        var now = context.Server.Time.GetUtcNow();
        var opTime = new BsonDocument { { "ts", ClusterTime.Now(context.Server) }, { "t", 1L } };
        reply.Add("hosts", new BsonArray { me });
        reply.Add("setName", setName);
        reply.Add("setVersion", 1);
        reply.Add("secondary", false);
        reply.Add("primary", me);
        reply.Add("me", me);
        reply.Add("electionId", ClusterTime.ElectionId);
        reply.Add("lastWrite", new BsonDocument
        {
            { "opTime", opTime },
            { "lastWriteDate", new BsonDateTime(now) },
            { "majorityOpTime", opTime.DeepClone() },
            { "majorityWriteDate", new BsonDateTime(now) },
        });
    }
}

/// <summary>The cluster time of replica-set mode: mongod's <c>operationTime</c> and signed <c>$clusterTime</c> on every reply.</summary>
internal static class ClusterTime
{
    /// <summary>The election id of the set's only election (term 1), as mongod builds it: 0x7fffffff then the term.</summary>
    public static readonly ObjectId ElectionId = ObjectId.Parse("7fffffff0000000000000001");

    private static long s_last;

    /// <summary>A timestamp of the current second whose increment grows, never going back.</summary>
    public static BsonTimestamp Now(Hosting.ServerContext server)
    {
        var seconds = (ulong)server.Time.GetUtcNow().ToUnixTimeSeconds();
        while (true)
        {
            var last = Interlocked.Read(ref s_last);
            var next = Math.Max((ulong)last + 1, seconds << 32 | 1);
            if (Interlocked.CompareExchange(ref s_last, (long)next, last) == last)
            {
                return new BsonTimestamp(next);
            }
        }
    }

    /// <summary>Adds <c>operationTime</c> and <c>$clusterTime</c> (with mongod's all-zero signature when keys are off) to a reply.</summary>
    public static void Decorate(BsonDocument reply, Hosting.ServerContext server)
    {
        var time = Now(server);
        reply.Set("operationTime", time);
        reply.Set("$clusterTime", new BsonDocument
        {
            { "clusterTime", time },
            { "signature", new BsonDocument { { "hash", new BsonBinaryData(new byte[20]) }, { "keyId", 0L } } },
        });
    }
}

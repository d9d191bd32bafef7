using OpenQuizz.Typed.Bson;
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

    /// <summary>
    /// Authentication (a later part) answers <c>saslSupportedMechs: "db.user"</c> through this hook; null means
    /// the field is omitted, as mongod does for unknown users.
    /// </summary>
    public static Func<CommandContext, string, BsonArray?>? SaslSupportedMechanisms { get; set; }

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
        reply.Add("logicalSessionTimeoutMinutes", 30);
        reply.Add("connectionId", connection.Id);
        reply.Add("minWireVersion", 0);
        reply.Add("maxWireVersion", 21);
        reply.Add("readOnly", false);

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

        if (command.TryGetValue("saslSupportedMechs", out var user) && user is BsonString userName && SaslSupportedMechanisms?.Invoke(context, userName.Value) is { } mechanisms)
        {
            reply.Add("saslSupportedMechs", mechanisms);
        }

        reply.Add("ok", 1.0);
        return reply;
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Sessions;
using OpenQuizz.Typed.Topology;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Tests.Operations;

/// <summary>The fields the executor appends: $readPreference per server-selection, concerns, lsid and txnNumber.</summary>
public sealed class CommandEnvelopeTests
{
    private static readonly ReadPreference SecondaryTagged = new(ReadPreferenceMode.Secondary, [new TagSet(new Tag("dc", "east"))], TimeSpan.FromSeconds(120));

    [Theory]
    [InlineData(ServerType.Standalone, TopologyType.Single, ReadPreferenceMode.Secondary, null)]
    [InlineData(ServerType.RSSecondary, TopologyType.Single, ReadPreferenceMode.Primary, "primaryPreferred")]
    [InlineData(ServerType.RSSecondary, TopologyType.Single, ReadPreferenceMode.Nearest, "nearest")]
    [InlineData(ServerType.Mongos, TopologyType.Single, ReadPreferenceMode.Primary, null)]
    [InlineData(ServerType.Mongos, TopologyType.Sharded, ReadPreferenceMode.SecondaryPreferred, "secondaryPreferred")]
    [InlineData(ServerType.LoadBalancer, TopologyType.LoadBalanced, ReadPreferenceMode.Primary, null)]
    [InlineData(ServerType.RSPrimary, TopologyType.ReplicaSetWithPrimary, ReadPreferenceMode.Primary, null)]
    [InlineData(ServerType.RSSecondary, TopologyType.ReplicaSetWithPrimary, ReadPreferenceMode.Secondary, "secondary")]
    public void Read_preference_is_sent_per_the_server_selection_rules(ServerType server, TopologyType topology, ReadPreferenceMode mode, string? sent)
    {
        var result = CommandEnvelope.ReadPreferenceToSend(new ReadPreference(mode), server, topology);
        Assert.Equal(sent, result is null ? null : ReadPreference.ModeName(result.Mode));
    }

    [Fact]
    public void A_read_gets_lsid_read_preference_and_read_concern_but_no_write_concern()
    {
        var session = new ServerSession(Guid.NewGuid(), 0);
        var command = Render(OperationTraits.Read | OperationTraits.SupportsReadConcern | OperationTraits.SupportsSession, ServerType.Mongos, TopologyType.Sharded, new OperationContextValues
        {
            Session = session,
            ReadPreference = SecondaryTagged,
            ReadConcern = ReadConcern.Majority,
            WriteConcern = WriteConcern.WMajority,
        });

        Assert.Equal("find", command.GetElement(0).Name);
        Assert.Equal(session.ToLsidDocument(), command["lsid"]);
        Assert.Equal(new BsonDocument { { "mode", "secondary" }, { "tags", new BsonArray { new BsonDocument("dc", "east") } }, { "maxStalenessSeconds", 120 } }, command["$readPreference"]);
        Assert.Equal(new BsonDocument("level", "majority"), command["readConcern"]);
        Assert.False(command.Contains("writeConcern"));
        Assert.False(command.Contains("txnNumber"));
    }

    [Fact]
    public void A_retryable_write_gets_txn_number_and_write_concern_and_server_defaults_are_left_out()
    {
        var session = new ServerSession(Guid.NewGuid(), 0);
        var command = Render(OperationTraits.SupportsWriteConcern | OperationTraits.SupportsReadConcern | OperationTraits.RetryableWrite, ServerType.RSPrimary, TopologyType.ReplicaSetWithPrimary, new OperationContextValues
        {
            Session = session,
            TxnNumber = 7,
            WriteConcern = new WriteConcern(WriteConcernW.Majority, TimeSpan.FromSeconds(1), journal: true),
        });

        Assert.Equal(new BsonInt64(7), command["txnNumber"]);
        Assert.Equal(new BsonDocument { { "w", "majority" }, { "wtimeout", 1000L }, { "j", true } }, command["writeConcern"]);
        Assert.False(command.Contains("readConcern"));
        Assert.False(command.Contains("$readPreference"));

        var defaults = Render(OperationTraits.SupportsWriteConcern, ServerType.RSPrimary, TopologyType.ReplicaSetWithPrimary, new OperationContextValues());
        Assert.Equal(["find"], defaults.Names);
    }

    [Fact]
    public void RawData_is_sent_when_asked_for_and_only_to_servers_of_wire_version_27_or_newer()
    {
        Assert.Equal(BsonBoolean.True, Render(OperationTraits.Read, ServerType.RSPrimary, TopologyType.ReplicaSetWithPrimary, new OperationContextValues { RawData = true })["rawData"]);
        Assert.False(Render(OperationTraits.Read, ServerType.RSPrimary, TopologyType.ReplicaSetWithPrimary, new OperationContextValues()).Contains("rawData"));

        var asked = new OperationSettings { RawData = OperationSettings.WantsRawData(new FindOptions<BsonDocument> { RawData = true }) };
        Assert.True(OperationExecutor.SendsRawData(asked, 27));
        Assert.False(OperationExecutor.SendsRawData(asked, 26));
        Assert.False(OperationExecutor.SendsRawData(new OperationSettings { RawData = OperationSettings.WantsRawData(new FindOptions<BsonDocument> { RawData = false }) }, 27));
        Assert.False(OperationSettings.WantsRawData(new ListDatabasesOptions()));
    }

    [Fact]
    public void The_cluster_time_is_gossiped_when_the_executor_hands_one_over()
    {
        var clusterTime = new BsonDocument { { "clusterTime", new BsonTimestamp(5, 1) }, { "signature", new BsonDocument("keyId", 0L) } };
        Assert.Equal(clusterTime, Render(OperationTraits.Read, ServerType.RSPrimary, TopologyType.ReplicaSetWithPrimary, new OperationContextValues { ClusterTime = clusterTime })["$clusterTime"]);
        Assert.False(Render(OperationTraits.Read, ServerType.RSPrimary, TopologyType.ReplicaSetWithPrimary, new OperationContextValues()).Contains("$clusterTime"));
    }

    private sealed record OperationContextValues
    {
        public ServerSession? Session { get; init; }

        public long? TxnNumber { get; init; }

        public ReadPreference ReadPreference { get; init; } = ReadPreference.Primary;

        public ReadConcern ReadConcern { get; init; } = ReadConcern.ServerDefault;

        public WriteConcern WriteConcern { get; init; } = WriteConcern.Acknowledged;

        public bool RawData { get; init; }

        public BsonDocument? ClusterTime { get; init; }
    }

    private static ServerDescription Describe(MongoServerAddress address, ServerType type)
    {
        var hello = new BsonDocument { { "ok", 1 }, { "maxWireVersion", 21 }, { "minWireVersion", 0 } };
        switch (type)
        {
            case ServerType.LoadBalancer:
                return ServerDescription.CreateLoadBalancer(address);
            case ServerType.Mongos:
                hello.Add("isWritablePrimary", true).Add("msg", "isdbgrid");
                break;
            case ServerType.RSPrimary:
                hello.Add("isWritablePrimary", true).Add("setName", "rs").Add("hosts", new BsonArray { address.ToString() });
                break;
            case ServerType.RSSecondary:
                hello.Add("secondary", true).Add("setName", "rs").Add("hosts", new BsonArray { address.ToString() });
                break;
            default:
                hello.Add("isWritablePrimary", true);
                break;
        }

        var description = ServerDescription.FromHello(address, hello, TimeSpan.FromMilliseconds(1), DateTime.UtcNow);
        Assert.Equal(type, description.Type);
        return description;
    }

    private static BsonDocument Render(OperationTraits traits, ServerType serverType, TopologyType topologyType, OperationContextValues values)
    {
        var address = new MongoServerAddress("localhost", 27017);
        var context = new OperationContext
        {
            Connection = new ConnectionDescription { Address = address, LocalConnectionId = 1, HelloReply = [] },
            Server = Describe(address, serverType),
            TopologyType = topologyType,
            Session = values.Session,
            TxnNumber = values.TxnNumber,
            ReadPreference = values.ReadPreference,
            ReadConcern = values.ReadConcern,
            WriteConcern = values.WriteConcern,
            RawData = values.RawData,
            ClusterTime = values.ClusterTime,
        };
        var envelope = new CommandEnvelope(new BsonDocumentCommandBody(new BsonDocument("find", "c")), context, traits);
        var buffer = new PooledByteBufferWriter(256);
        var writer = new BsonSpanWriter(buffer);
        writer.WriteStartDocument();
        envelope.WriteElements(ref writer);
        writer.WriteEndDocument();
        return BsonDocument.FromBytes(buffer.WrittenSpan);
    }
}

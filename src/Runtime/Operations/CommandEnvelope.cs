using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Topology;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations;

/// <summary>
/// The generic fields the executor appends to an operation's own body: <c>lsid</c>, <c>txnNumber</c>,
/// <c>$readPreference</c>, <c>readConcern</c> and <c>writeConcern</c>. Written straight after the operation's elements,
/// so no document is copied.
/// </summary>
internal sealed class CommandEnvelope(ICommandBody inner, OperationContext context, OperationTraits traits) : ICommandBody
{
    public string CommandName => inner.CommandName;

    /// <summary>The body the operation wrote.</summary>
    public ICommandBody Inner => inner;

    public void WriteElements(ref BsonSpanWriter writer)
    {
        inner.WriteElements(ref writer);
        if (context.Session is { } session)
        {
            writer.WriteName("lsid"u8);
            session.WriteLsid(ref writer);
        }

        if (context.TxnNumber is { } txnNumber)
        {
            writer.WriteName("txnNumber"u8);
            writer.WriteInt64(txnNumber);
        }

        if ((traits & OperationTraits.Read) != 0 && ReadPreferenceToSend(context.ReadPreference, context.Server.Type, context.TopologyType) is { } readPreference)
        {
            writer.WriteName("$readPreference"u8);
            WriteReadPreference(ref writer, readPreference);
        }

        if ((traits & OperationTraits.SupportsReadConcern) != 0 && !context.ReadConcern.IsServerDefault)
        {
            writer.WriteName("readConcern"u8);
            writer.WriteStartDocument();
            writer.WriteName("level"u8);
            writer.WriteString(context.ReadConcern.Level!.Value.Value);
            writer.WriteEndDocument();
        }

        if ((traits & OperationTraits.SupportsWriteConcern) != 0 && !context.WriteConcern.IsServerDefault)
        {
            writer.WriteName("writeConcern"u8);
            WriteWriteConcern(ref writer, context.WriteConcern);
        }

        if (context.ClusterTime is { } clusterTime)
        {
            writer.WriteName("$clusterTime"u8);
            clusterTime.WriteTo(ref writer);
        }

        if (context.RawData)
        {
            writer.WriteName("rawData"u8);
            writer.WriteBoolean(true);
        }
    }

    /// <summary>
    /// The <c>$readPreference</c> to send, or null to send none (server-selection spec, "Passing read preference"):
    /// a standalone never gets one; a replica-set member reached by a direct connection (topology Single) gets
    /// <c>primaryPreferred</c> in place of primary so that a secondary accepts the read; mongos, load balancers and
    /// replica sets get the preference unless it is primary, the server's default.
    /// </summary>
    public static ReadPreference? ReadPreferenceToSend(ReadPreference readPreference, ServerType serverType, TopologyType topologyType)
    {
        if (serverType == ServerType.Standalone)
        {
            return null;
        }

        if (topologyType == TopologyType.Single && serverType is not (ServerType.Mongos or ServerType.LoadBalancer))
        {
            return readPreference.Mode == ReadPreferenceMode.Primary ? ReadPreference.PrimaryPreferred : readPreference;
        }

        return readPreference.Mode == ReadPreferenceMode.Primary ? null : readPreference;
    }

    /// <summary>Writes <c>{ mode, tags?, maxStalenessSeconds?, hedge? }</c> as a document value.</summary>
    public static void WriteReadPreference(ref BsonSpanWriter writer, ReadPreference readPreference)
    {
        writer.WriteStartDocument();
        writer.WriteName("mode"u8);
        writer.WriteString(ReadPreference.ModeName(readPreference.Mode));
        if (readPreference.TagSets.Count > 0)
        {
            writer.WriteName("tags"u8);
            writer.WriteStartArray();
            for (var i = 0; i < readPreference.TagSets.Count; i++)
            {
                writer.WriteStartDocument();
                foreach (var tag in readPreference.TagSets[i])
                {
                    writer.WriteName(tag.Name);
                    writer.WriteString(tag.Value);
                }

                writer.WriteEndDocument();
            }

            writer.WriteEndArray();
        }

        if (readPreference.MaxStaleness is { } staleness && staleness > TimeSpan.Zero)
        {
            writer.WriteName("maxStalenessSeconds"u8);
            writer.WriteInt32((int)staleness.TotalSeconds);
        }

        if (readPreference.Hedge is { } hedge)
        {
            writer.WriteName("hedge"u8);
            writer.WriteStartDocument();
            writer.WriteName("enabled"u8);
            writer.WriteBoolean(hedge.Enabled);
            writer.WriteEndDocument();
        }

        writer.WriteEndDocument();
    }

    /// <summary>Writes <c>{ w?, wtimeout?, j? }</c> as a document value.</summary>
    public static void WriteWriteConcern(ref BsonSpanWriter writer, WriteConcern writeConcern)
    {
        writer.WriteStartDocument();
        if (writeConcern.W is { } w)
        {
            writer.WriteName("w"u8);
            if (w.Count is { } count)
            {
                writer.WriteInt32(count);
            }
            else
            {
                writer.WriteString(w.Mode!);
            }
        }

        if (writeConcern.WTimeout is { } timeout)
        {
            writer.WriteName("wtimeout"u8);
            writer.WriteInt64((long)timeout.TotalMilliseconds);
        }

        if (writeConcern.Journal is { } journal)
        {
            writer.WriteName("j"u8);
            writer.WriteBoolean(journal);
        }

        writer.WriteEndDocument();
    }
}

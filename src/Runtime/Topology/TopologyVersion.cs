using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Topology;

/// <summary>The server's <c>topologyVersion</c>: the process that produced a reply and a counter it increments on each state change.</summary>
/// <param name="ProcessId">Identifies one run of the server process.</param>
/// <param name="Counter">Increases whenever the server's state changes within that process.</param>
public readonly record struct TopologyVersion(ObjectId ProcessId, long Counter)
{
    /// <summary>
    /// True when <paramref name="incoming"/> is older than <paramref name="current"/>: both are set, come from the same
    /// process, and the incoming counter is lower. A missing version, or another process, always counts as newer.
    /// </summary>
    public static bool IsStale(TopologyVersion? current, TopologyVersion? incoming) =>
        current is { } c && incoming is { } i && c.ProcessId == i.ProcessId && i.Counter < c.Counter;

    /// <summary>
    /// True when <paramref name="current"/> is at least as new as <paramref name="incoming"/> — the test the SDAM error
    /// handling uses to ignore a state-change error that the client has already seen reflected in a newer description.
    /// </summary>
    public static bool IsCurrentAtLeast(TopologyVersion? current, TopologyVersion? incoming) =>
        current is { } c && incoming is { } i && c.ProcessId == i.ProcessId && c.Counter >= i.Counter;

    /// <summary>Reads <c>{ processId: ObjectId, counter: long }</c>; null when the value is missing or malformed.</summary>
    public static TopologyVersion? FromBson(BsonValue? value)
    {
        if (value is not BsonDocument document
            || !document.TryGetValue("processId", out var processId) || !processId.IsObjectId
            || !document.TryGetValue("counter", out var counter) || !counter.IsNumeric)
        {
            return null;
        }

        return new TopologyVersion(processId.AsObjectId, counter.ToInt64());
    }

    /// <summary>Returns the version as a BSON document, the form sent back in an awaitable hello.</summary>
    public BsonDocument ToBsonDocument() => new BsonDocument { { "processId", ProcessId }, { "counter", Counter } };
}

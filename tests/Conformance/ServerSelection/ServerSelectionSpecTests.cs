using OpenQuizz.Typed.Conformance.Sdam;
using OpenQuizz.Typed.Selection;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Conformance.ServerSelection;

/// <summary>
/// The server-selection vectors: suitability and latency window over a topology snapshot (<c>server_selection</c>),
/// the round trip time average (<c>rtt</c>) and the two-random-choices distribution (<c>in_window</c>).
/// </summary>
[Trait("Suite", "server-selection")]
public sealed class ServerSelectionSpecTests
{
    private const string Suite = "server-selection";
    private static readonly TimeSpan LocalThreshold = TimeSpan.FromMilliseconds(15);

    public static TheoryData<string> SelectionFiles => VectorJson.Files(Suite, "server_selection");

    public static TheoryData<string> RttFiles => VectorJson.Files(Suite, "rtt");

    public static TheoryData<string> InWindowFiles => VectorJson.Files(Suite, "in_window");

    [Theory]
    [MemberData(nameof(SelectionFiles))]
    public void Selects_the_suitable_servers_and_the_latency_window(string file)
    {
        var vector = VectorJson.Load(file);
        RunSelectionVector(vector, TimeSpan.FromSeconds(10));
    }

    [Theory]
    [MemberData(nameof(RttFiles))]
    public void Averages_round_trip_times(string file)
    {
        var vector = VectorJson.Load(file);
        var previous = vector["avg_rtt_ms"].Element.ValueKind == System.Text.Json.JsonValueKind.String
            ? (TimeSpan?)null
            : TimeSpan.FromMilliseconds(vector["avg_rtt_ms"].Double());
        var next = RoundTripTimeAverage.Next(previous, TimeSpan.FromMilliseconds(vector["new_rtt_ms"].Double()));
        Assert.Equal(vector["new_avg_rtt"].Double(), next.TotalMilliseconds, 3); // TimeSpan keeps 100 ns ticks
    }

    [Theory]
    [MemberData(nameof(InWindowFiles))]
    public void Spreads_selections_by_operation_count(string file)
    {
        var vector = VectorJson.Load(file);
        var topology = SelectionVectors.Topology(vector["topology_description"], TimeSpan.FromSeconds(10));
        var counts = vector["mocked_topology_state"].Items()
            .ToDictionary(s => VectorJson.Address(s["address"].String()), s => (int)s["operation_count"].Long());
        var inWindow = Typed.Selection.ServerSelection.Select(Typed.Selection.ServerSelection.ForRead(ReadPreference.Nearest, LocalThreshold), topology);
        var iterations = (int)vector["iterations"].Long();
        var random = new Random(12345);
        var chosen = new Dictionary<MongoServerAddress, int>();
        for (var i = 0; i < iterations; i++)
        {
            var server = OperationCountChoice.Choose(inWindow, s => counts[s.Address], random)!;
            chosen[server.Address] = chosen.GetValueOrDefault(server.Address) + 1;
        }

        var tolerance = vector["outcome"]["tolerance"].Double();
        foreach (var (name, expected) in vector["outcome"]["expected_frequencies"].Properties())
        {
            var frequency = (double)chosen.GetValueOrDefault(VectorJson.Address(name)) / iterations;
            var wanted = expected.Double();
            if (wanted is 0 or 1)
            {
                Assert.True(frequency == wanted, $"{file}: {expected.Path}: expected exactly {wanted}, observed {frequency}");
            }
            else
            {
                Assert.True(Math.Abs(frequency - wanted) <= tolerance, $"{file}: {expected.Path}: expected {wanted}±{tolerance}, observed {frequency}");
            }
        }
    }

    /// <summary>Runs a selection vector (shared with the max-staleness suite).</summary>
    internal static void RunSelectionVector(VectorNode vector, TimeSpan defaultHeartbeat)
    {
        var heartbeat = vector.Optional("heartbeatFrequencyMS") is { } h ? TimeSpan.FromMilliseconds(h.Long()) : defaultHeartbeat;
        var topology = SelectionVectors.Topology(vector["topology_description"], heartbeat);
        var expectError = vector.Optional("error") is { } e && e.Bool();
        var readPreference = SelectionVectors.ReadPreference(vector.Optional("read_preference"), out var invalid);
        var write = vector.Optional("operation") is { } op && op.String() == "write";
        var deprioritized = vector.Optional("deprioritized_servers") is { } d
            ? d.Items().Select(s => VectorJson.Address(s["address"].String())).ToArray()
            : [];
        if (invalid is not null)
        {
            Assert.True(expectError, $"{vector.File}: the read preference is invalid ({invalid.Message}) but no error is expected");
            return;
        }

        IServerSelector suitability = write ? WritableServerSelector.Instance : new ReadPreferenceServerSelector(readPreference!);
        if (deprioritized.Length > 0)
        {
            suitability = new DeprioritizingSelector(suitability, deprioritized);
        }

        IReadOnlyList<ServerDescription> suitable;
        try
        {
            suitable = Typed.Selection.ServerSelection.Select(suitability, topology);
        }
        catch (MongoException error) when (expectError)
        {
            Assert.NotNull(error);
            return;
        }

        Assert.False(expectError, $"{vector.File}: expected an error, but selection succeeded");
        if (vector.Optional("suitable_servers") is { } expectedSuitable)
        {
            Assert.Equal(SelectionVectors.Names(expectedSuitable), SelectionVectors.Names(suitable));
        }

        var inWindow = new LatencyWindowSelector(LocalThreshold).Select(topology, suitable);
        Assert.Equal(SelectionVectors.Names(vector["in_latency_window"]), SelectionVectors.Names(inWindow));
    }
}

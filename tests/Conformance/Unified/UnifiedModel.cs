using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>One file of the unified test format, read into typed records (see <see cref="UnifiedParser"/>).</summary>
public sealed record UnifiedFile(
    string Path,
    string Description,
    string SchemaVersion,
    IReadOnlyList<RunOnRequirement> RunOnRequirements,
    IReadOnlyList<EntityDefinition> CreateEntities,
    IReadOnlyList<CollectionData> InitialData,
    IReadOnlyList<UnifiedTest> Tests);

/// <summary>One test of a unified file: one xunit case.</summary>
public sealed record UnifiedTest(
    string Description,
    IReadOnlyList<RunOnRequirement> RunOnRequirements,
    string? SkipReason,
    IReadOnlyList<UnifiedOperation> Operations,
    IReadOnlyList<ExpectedEventsForClient> ExpectEvents,
    IReadOnlyList<CollectionData> Outcome);

/// <summary>A requirement of <c>runOnRequirements</c>; any one of a list satisfied lets the test run.</summary>
public sealed record RunOnRequirement(
    string? MinServerVersion,
    string? MaxServerVersion,
    IReadOnlyList<string>? Topologies,
    string? Serverless,
    BsonDocument? ServerParameters,
    bool? Auth,
    bool? Csfle,
    BsonDocument Raw);

/// <summary>One entry of <c>createEntities</c>: its kind (client, database, …), id and the rest of its document.</summary>
public sealed record EntityDefinition(string Kind, string Id, BsonDocument Body, string JsonPath);

/// <summary>The documents of one collection, for <c>initialData</c> and <c>outcome</c>.</summary>
public sealed record CollectionData(string DatabaseName, string CollectionName, BsonDocument? CreateOptions, IReadOnlyList<BsonDocument> Documents);

/// <summary>One operation: its name, the entity it runs on, its arguments and what it should produce.</summary>
public sealed record UnifiedOperation(
    string Name,
    string Object,
    BsonDocument Arguments,
    ExpectedError? ExpectError,
    BsonValue? ExpectResult,
    string? SaveResultAsEntity,
    bool IgnoreResultAndError,
    string JsonPath)
{
    public override string ToString() =>
        $"{JsonPath}: {Object}.{Name}({Arguments.ToJson()})";
}

/// <summary>What <c>expectError</c> asserts about a failed operation.</summary>
public sealed record ExpectedError(
    bool? IsClientError,
    bool? IsTimeoutError,
    string? ErrorContains,
    int? ErrorCode,
    string? ErrorCodeName,
    IReadOnlyList<string>? ErrorLabelsContain,
    IReadOnlyList<string>? ErrorLabelsOmit,
    BsonValue? ExpectResult,
    BsonDocument Raw);

/// <summary>The events one client should have observed, in order.</summary>
public sealed record ExpectedEventsForClient(string Client, string EventType, bool IgnoreExtraEvents, IReadOnlyList<BsonDocument> Events);

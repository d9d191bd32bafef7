namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>
/// Why a unified case does not run, beside the runner. <see cref="Skips"/> are cases that cannot apply here (a feature
/// not built, found before any operation runs, is reported by the runner itself, not listed). <see cref="KnownFailures"/>
/// are cases that fail because of a gap in the client or the embedded server: the worklist. They are left out of the
/// enabled set (no test is generated for them, so they count neither as passed nor as skipped); set
/// <c>OPENQUIZZ_UNIFIED_RUN_KNOWN_FAILURES=1</c> to generate and run them.
/// </summary>
public static class UnifiedSkips
{
    public const string RunKnownFailuresVariable = "OPENQUIZZ_UNIFIED_RUN_KNOWN_FAILURES";

    /// <summary>Case id prefix (<c>suite/file.json</c> or <c>suite/file.json#index</c>) → why it cannot apply.</summary>
    public static readonly IReadOnlyDictionary<string, string> Skips = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    /// <summary>Case id prefix → the gap that makes it fail (client or embedded server).</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownFailures = new Dictionary<string, string>(StringComparer.Ordinal)
    {

        ["collection-management/modifyCollection-errorResponse.json"] = "Client: no modifyCollection (collMod) helper on IMongoDatabase.",
        ["collection-management/modifyCollection-pre_and_post_images.json"] = "Client: no modifyCollection (collMod) helper on IMongoDatabase.",
        ["crud/findOneAndUpdate-errorResponse.json#1"] = "Client: no modifyCollection (collMod) helper on IMongoDatabase.",





        ["crud/findOneAndUpdate-let.json#0"] = "Embedded: a pipeline update does not see the command's `let` variables (Aggregation/PipelineUpdate runs its pipeline with no variables instead of the command's).",
        ["crud/updateMany-let.json#0"] = "Embedded: a pipeline update does not see the command's `let` variables (Aggregation/PipelineUpdate runs its pipeline with no variables instead of the command's).",




        ["collection-management/clustered-indexes.json#1"] = "Embedded: clustered collections report no index version (v) in listCollections options and no clustered index in listIndexes.",
        ["collection-management/clustered-indexes.json#2"] = "Embedded: clustered collections report no index version (v) in listCollections options and no clustered index in listIndexes.",

        ["crud/aggregate-collation.json"] = "Embedded: collation (locale en_US, strength 2/3) is ignored when matching documents and distinct values.",
        ["crud/bulkWrite-collation.json"] = "Embedded: collation (locale en_US, strength 2/3) is ignored when matching documents and distinct values.",
        ["crud/deleteOne-collation.json"] = "Embedded: collation (locale en_US, strength 2/3) is ignored when matching documents and distinct values.",
        ["crud/distinct-collation.json"] = "Embedded: collation (locale en_US, strength 2/3) is ignored when matching documents and distinct values.",
        ["crud/findOneAndDelete-collation.json"] = "Embedded: collation (locale en_US, strength 2/3) is ignored when matching documents and distinct values.",
        ["crud/findOneAndUpdate-collation.json"] = "Embedded: collation (locale en_US, strength 2/3) is ignored when matching documents and distinct values.",
        ["crud/replaceOne-collation.json"] = "Embedded: collation (locale en_US, strength 2/3) is ignored when matching documents and distinct values.",
        ["crud/updateMany-collation.json"] = "Embedded: collation (locale en_US, strength 2/3) is ignored when matching documents and distinct values.",

        ["command-logging-and-monitoring/find.json#2"] = "Embedded: find ignores returnKey (and showRecordId).",



        ["unified-test-format/collectionData-createOptions.json#0"] = "Embedded: capped collections are not built (create refuses capped: true with NotImplemented).",

        ["crud/db-aggregate-write-readPreference.json#0"] = "Client: an aggregate with $out/$merge does not send its read preference ($readPreference) to a 5.0+ server, as the CRUD spec's write-stage rules say.",
        ["crud/db-aggregate-write-readPreference.json#2"] = "Client: an aggregate with $out/$merge does not send its read preference ($readPreference) to a 5.0+ server, as the CRUD spec's write-stage rules say.",

        ["crud/aggregate-let.json#0"] = "Embedded: the $rand expression is not implemented.",

        ["crud/bulkWrite-updateMany-dots_and_dollars.json"] = "Embedded: the $setField expression is not implemented.",
        ["crud/bulkWrite-updateOne-dots_and_dollars.json"] = "Embedded: the $setField expression is not implemented.",
        ["crud/findOneAndUpdate-dots_and_dollars.json"] = "Embedded: the $setField expression is not implemented.",
        ["crud/updateMany-dots_and_dollars.json"] = "Embedded: the $setField expression is not implemented.",

        ["crud/estimatedDocumentCount.json#5"] = "Embedded: views (create with viewOn/pipeline) are not implemented.",
    };

    public static string? Reason(string caseId, string relativePath, UnifiedTest test)
    {
        if (test.SkipReason is { } reason)
        {
            return "skipReason in the vector: " + reason;
        }

        if (Find(Skips, caseId) is { } skip)
        {
            return skip;
        }

        return null;
    }

    /// <summary>True when the case is a known failure left out of this run.</summary>
    public static bool IsLeftOut(string caseId) =>
        Find(KnownFailures, caseId) is not null && Environment.GetEnvironmentVariable(RunKnownFailuresVariable) != "1";

    private static string? Find(IReadOnlyDictionary<string, string> table, string caseId)
    {
        var hash = caseId.IndexOf('#', StringComparison.Ordinal);
        return table.TryGetValue(caseId, out var exact) ? exact
            : hash > 0 && table.TryGetValue(caseId[..hash], out var file) ? file
            : null;
    }
}

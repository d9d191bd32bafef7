namespace OpenQuizz.Typed.Conformance.Unified;

// One class per enabled suite, so `--filter Suite=unified/<suite>` selects it. The cases share the target servers and
// run one at a time in the "unified" collection.

[Trait("Suite", "unified/crud")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedCrudTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("crud");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}

[Trait("Suite", "unified/run-command")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedRunCommandTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("run-command");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}

[Trait("Suite", "unified/collection-management")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedCollectionManagementTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("collection-management");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}

[Trait("Suite", "unified/index-management")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedIndexManagementTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("index-management");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}

[Trait("Suite", "unified/versioned-api")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedVersionedApiTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("versioned-api");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}

[Trait("Suite", "unified/read-write-concern")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedReadWriteConcernTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("read-write-concern");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}
[Trait("Suite", "unified/retryable-reads")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedRetryableReadsTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("retryable-reads");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}

[Trait("Suite", "unified/retryable-writes")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedRetryableWritesTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("retryable-writes");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}

[Trait("Suite", "unified/command-logging-and-monitoring")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedCommandLoggingAndMonitoringTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("command-logging-and-monitoring");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}

[Trait("Suite", "unified/mongodb-handshake")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedMongodbHandshakeTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("mongodb-handshake");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}

[Trait("Suite", "unified/unified-test-format")]
[Collection(UnifiedCollection.Name)]
public sealed class UnifiedUnifiedTestFormatTests
{
    public static TheoryData<string> Cases => UnifiedCases.Of("unified-test-format");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Runs(string caseId) => UnifiedCases.RunAsync(caseId);
}

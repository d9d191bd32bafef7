using OpenQuizz.Typed.Conformance.ConnectionString;
using OpenQuizz.Typed.Conformance.Infrastructure;

namespace OpenQuizz.Typed.Conformance.ReadWriteConcern;

/// <summary>The read-write-concern vectors of <c>connection-string/</c>: concerns parsed from a connection string.</summary>
[Trait("Suite", "read-write-concern")]
public sealed class ConcernConnectionStringSpecTests
{
    public static TheoryData<string> Cases => SpecFiles.Cases("read-write-concern/connection-string");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string caseId)
    {
        var test = SpecFiles.Load(caseId).Deserialize(SpecJsonContext.Default.ConcernUriTestCase);
        MongoClientSettings? settings = null;
        MongoConfigurationException? error = null;
        try
        {
            settings = MongoClientSettings.FromConnectionString(test.Uri);
        }
        catch (MongoConfigurationException e)
        {
            error = e;
        }

        if (!test.Valid)
        {
            if (error is not null)
            {
                return;
            }

            // The connection-string spec says an invalid value is ignored with a warning, not an error; where a case
            // leaves "warning" open (null), that rejection is accepted, provided the value really was not applied.
            Assert.True(test.Warning is null && settings!.ParseWarnings.Count > 0,
                $"{caseId}: expected the value to be rejected; it was accepted as {settings!.WriteConcern} / {settings.ReadConcern}.");
            Assert.True(settings.WriteConcern.IsServerDefault && settings.ReadConcern.IsServerDefault,
                $"{caseId}: the rejected value was applied: {settings.WriteConcern} / {settings.ReadConcern}.");
            return;
        }

        Assert.True(error is null, $"{caseId}: unexpected error: {error?.Message}");
        UriTestRunner.CheckWarnings(caseId, test.Warning, settings!.ParseWarnings);
        if (test.ReadConcern is { } readConcern)
        {
            Assert.True(readConcern.Level == settings.ReadConcern.Level?.Value,
                $"{caseId}: read concern {settings.ReadConcern}, expected level '{readConcern.Level}'.");
        }

        if (test.WriteConcern is { } writeConcern)
        {
            ConcernAssert.WriteConcernEquals(caseId, writeConcern, settings.WriteConcern);
        }
    }
}

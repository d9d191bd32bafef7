using OpenQuizz.Typed.Conformance.Infrastructure;

namespace OpenQuizz.Typed.Conformance.ReadWriteConcern;

/// <summary>
/// The read-write-concern vectors of <c>document/</c>: a concern's validity, server-default and acknowledged flags,
/// and its command-document form (the form is produced here from the public properties; the operations layer owns
/// the BSON encoding).
/// </summary>
[Trait("Suite", "read-write-concern")]
public sealed class ConcernDocumentSpecTests
{
    public static TheoryData<string> Cases => SpecFiles.Cases("read-write-concern/document");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string caseId)
    {
        var test = SpecFiles.Load(caseId).Deserialize(SpecJsonContext.Default.ConcernDocumentTestCase);
        if (test.ReadConcern is { } readSpec)
        {
            var concern = new ReadConcern(readSpec.Level is null ? null : new ReadConcernLevel(readSpec.Level));
            Assert.True(test.Valid, $"{caseId}: a read concern level is never invalid, but the case expects an error.");
            if (test.IsServerDefault is { } isDefault)
            {
                Assert.True(isDefault == concern.IsServerDefault, $"{caseId}: IsServerDefault is {concern.IsServerDefault}.");
            }

            if (test.ReadConcernDocument is { } document)
            {
                ConcernAssert.DocumentEquals(caseId, document, ConcernAssert.Document(concern));
            }
        }

        if (test.WriteConcern is { } writeSpec)
        {
            WriteConcern concern;
            try
            {
                concern = ConcernAssert.Create(writeSpec);
            }
            catch (ArgumentException e)
            {
                Assert.True(!test.Valid, $"{caseId}: unexpected error: {e.Message}");
                return;
            }

            Assert.True(test.Valid, $"{caseId}: expected an error; {concern} was accepted.");
            if (test.IsServerDefault is { } isDefault)
            {
                Assert.True(isDefault == concern.IsServerDefault, $"{caseId}: IsServerDefault is {concern.IsServerDefault}.");
            }

            if (test.IsAcknowledged is { } isAcknowledged)
            {
                Assert.True(isAcknowledged == concern.IsAcknowledged, $"{caseId}: IsAcknowledged is {concern.IsAcknowledged}.");
            }

            if (test.WriteConcernDocument is { } document)
            {
                ConcernAssert.DocumentEquals(caseId, document, ConcernAssert.Document(concern));
            }
        }
    }
}

using System.Text.Json;
using OpenQuizz.Typed.Conformance.Infrastructure;

namespace OpenQuizz.Typed.Conformance.Auth;

/// <summary>
/// The auth spec's legacy connection-string vectors: the credential derived from a string (mechanism, source,
/// properties) and the mechanism rules. A case is valid when both <see cref="MongoClientSettings.FromConnectionString"/>
/// and <see cref="MongoClientSettings.Validate"/> (the check a client runs on construction) succeed.
/// </summary>
[Trait("Suite", "auth")]
public sealed class AuthSpecTests
{
    private static readonly Dictionary<string, string> Skips = new(StringComparer.Ordinal)
    {
        ["auth/legacy/connection-string.json#45"] =
            "Contradicts case #42 of the same file: both give an access key ID and a secret in the URI with MONGODB-AWS; #42 " +
            "expects them used, #45 an error. Upstream is midway through removing URI-supplied AWS credentials " +
            "(the Java driver skips it too, JAVA-6030); this client follows auth.md, which still allows them.",
    };

    public static TheoryData<string> Cases => SpecFiles.Cases("auth/legacy");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string caseId)
    {
        if (Skips.TryGetValue(caseId, out var reason))
        {
            Assert.Skip(reason);
        }

        var test = SpecFiles.Load(caseId).Deserialize(SpecJsonContext.Default.AuthTestCase);
        MongoClientSettings? settings = null;
        MongoConfigurationException? error = null;
        try
        {
            settings = MongoClientSettings.FromConnectionString(test.Uri);
            settings.Validate();
        }
        catch (MongoConfigurationException e)
        {
            error = e;
        }

        if (!test.Valid)
        {
            Assert.True(error is not null, $"{caseId}: expected an error; got {settings?.Credential?.ToString() ?? "no credential"}.");
            return;
        }

        Assert.True(error is null, $"{caseId}: unexpected error: {error?.Message}");
        var credential = settings!.Credential;
        if (test.Credential is not { } expected)
        {
            Assert.True(credential is null, $"{caseId}: expected no credential, got {credential}.");
            return;
        }

        Assert.True(credential is not null, $"{caseId}: expected a credential, got none.");
        Assert.True(expected.Username == credential.Username, $"{caseId}: username '{credential.Username}', expected '{expected.Username}'.");
        Assert.True(expected.Password == credential.Password, $"{caseId}: the password differs from the expected one.");
        Assert.True(expected.Source == credential.Source, $"{caseId}: source '{credential.Source}', expected '{expected.Source}'.");
        Assert.True(expected.Mechanism == credential.Mechanism, $"{caseId}: mechanism '{credential.Mechanism}', expected '{expected.Mechanism}'.");
        CheckProperties(caseId, expected.MechanismProperties, credential.MechanismProperties);
    }

    private static void CheckProperties(string caseId, IReadOnlyDictionary<string, JsonElement>? expected, IReadOnlyDictionary<string, object> actual)
    {
        var wanted = expected ?? new Dictionary<string, JsonElement>();
        Assert.True(wanted.Count == actual.Count,
            $"{caseId}: mechanism properties {{{string.Join(", ", actual.Keys)}}}, expected {{{string.Join(", ", wanted.Keys)}}}.");
        foreach (var (name, value) in wanted)
        {
            var text = value.ValueKind switch
            {
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => value.GetString(),
            };
            Assert.True(actual.TryGetValue(name, out var got) && Equals(got, text), $"{caseId}: mechanism property {name} differs from '{text}'.");
        }
    }
}

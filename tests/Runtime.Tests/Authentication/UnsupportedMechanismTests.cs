using OpenQuizz.Typed.Connections;

namespace OpenQuizz.Typed.Tests.Authentication;

public class UnsupportedMechanismTests
{
    [Theory]
    [InlineData("mongodb://user%40REALM@localhost/?authMechanism=GSSAPI")]
    [InlineData("mongodb://localhost/?authMechanism=MONGODB-AWS")]
    [InlineData("mongodb://localhost/?authMechanism=MONGODB-OIDC&authMechanismProperties=ENVIRONMENT:test")]
    public void Mechanisms_not_built_yet_fail_fast_with_NotSupportedException(string uri)
    {
        var settings = MongoClientSettings.FromConnectionString(uri);

        var e = Assert.Throws<NotSupportedException>(() => ConnectionSettingsFactory.Create(settings));
        Assert.Contains("not built yet", e.Message);
        Assert.Contains("SCRAM-SHA-256", e.Message);
    }

    [Fact]
    public void Supported_mechanisms_pass()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://u:p@localhost/?authMechanism=SCRAM-SHA-256");
        Assert.NotNull(ConnectionSettingsFactory.Create(settings).Credential);
    }
}

namespace OpenQuizz.Typed.Conformance.ConnectionString;

/// <summary>
/// Auth spec rules for credentials with parts absent that the vectors do not state: SCRAM and PLAIN need a password,
/// which may be empty; a userinfo with a username and no password is an error for them; a username alone is right for
/// X.509; the auth source defaults per mechanism.
/// </summary>
[Trait("Suite", "client-settings")]
public sealed class CredentialRuleTests
{
    private static void Invalid(string uri) =>
        Assert.Throws<MongoConfigurationException>(() => MongoClientSettings.FromConnectionString(uri).Validate());

    [Theory]
    [InlineData("mongodb://user@localhost/")]
    [InlineData("mongodb://user@localhost/?authMechanism=SCRAM-SHA-1")]
    [InlineData("mongodb://user@localhost/?authMechanism=SCRAM-SHA-256")]
    [InlineData("mongodb://user@localhost/?authMechanism=PLAIN")]
    public void A_username_without_a_password_is_refused_where_the_mechanism_needs_one(string uri) => Invalid(uri);

    [Theory]
    [InlineData("mongodb://user:@localhost/", "admin")]
    [InlineData("mongodb://user:@localhost/db?authMechanism=SCRAM-SHA-256", "db")]
    [InlineData("mongodb://user:@localhost/db?authMechanism=PLAIN", "db")]
    public void An_empty_password_is_a_password(string uri, string source)
    {
        var settings = MongoClientSettings.FromConnectionString(uri);
        settings.Validate();
        Assert.NotNull(settings.Credential);
        Assert.Equal("user", settings.Credential!.Username);
        Assert.Equal(source, settings.Credential.Source);
    }

    [Fact]
    public void X509_takes_a_username_alone_and_authenticates_against_external()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://CN%3Dclient@localhost/?authMechanism=MONGODB-X509");
        settings.Validate();
        Assert.Equal("CN=client", settings.Credential!.Username);
        Assert.Equal("$external", settings.Credential.Source);
    }

    [Theory]
    [InlineData("mongodb://:password@localhost/")]
    [InlineData("mongodb://:@localhost/?authMechanism=SCRAM-SHA-256")]
    [InlineData("mongodb://@localhost/?authMechanism=PLAIN")]
    public void An_empty_username_is_refused(string uri) => Invalid(uri);

    [Fact]
    public void No_userinfo_means_no_credential_whatever_the_auth_source()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://localhost/db?authSource=other");
        settings.Validate();
        Assert.Null(settings.Credential);
    }
}

using System.Text;
using OpenQuizz.Typed.Embedded.Auth;

namespace OpenQuizz.Typed.Embedded.Tests.Auth;

/// <summary>The server's SCRAM against the published conversations: RFC 7677, RFC 5802 and the MongoDB auth spec.</summary>
public sealed class ScramServerTests
{
    [Fact]
    public void Rfc7677_SCRAM_SHA_256_conversation()
    {
        var credential = ScramCredential.Derive(ScramMechanism.Sha256, "pencil"u8, Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        var conversation = Conversation(ScramMechanism.Sha256, credential, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

        var serverFirst = conversation.Start(Encoding.UTF8.GetBytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        Assert.Equal("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", Encoding.UTF8.GetString(serverFirst));

        var serverFinal = conversation.Continue(
            Encoding.UTF8.GetBytes("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="),
            skipEmptyExchange: true,
            out var done);
        Assert.Equal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", Encoding.UTF8.GetString(serverFinal));
        Assert.True(done);
        Assert.Equal("user", conversation.User?.Name);
    }

    [Fact]
    public void Rfc5802_SCRAM_SHA_1_conversation_with_the_plain_password()
    {
        // The RFC's password is used as is: createUser's digestPassword: false path.
        var prepared = ScramMechanism.Sha1.PreparePassword("user", "pencil", alreadyDigested: true);
        var credential = ScramCredential.Derive(ScramMechanism.Sha1, prepared, Convert.FromBase64String("QSXCR+Q6sek8bf92"), 4096);
        var conversation = Conversation(ScramMechanism.Sha1, credential, "3rfcNHYJY1ZVvWVs7j");

        var serverFirst = conversation.Start(Encoding.UTF8.GetBytes("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
        Assert.Equal("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096", Encoding.UTF8.GetString(serverFirst));
        var serverFinal = conversation.Continue(
            Encoding.UTF8.GetBytes("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="),
            skipEmptyExchange: false,
            out var done);
        Assert.Equal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=", Encoding.UTF8.GetString(serverFinal));
        Assert.False(done);

        Assert.Empty(conversation.Continue([], skipEmptyExchange: false, out done));
        Assert.True(done);
        Assert.NotNull(conversation.User);
    }

    [Fact]
    public void MongoDB_auth_spec_SCRAM_SHA_1_conversation_with_the_mongo_password_digest()
    {
        var prepared = ScramMechanism.Sha1.PreparePassword("user", "pencil");
        Assert.Equal(ScramMechanism.MongoPasswordDigest("user", "pencil"), Encoding.UTF8.GetString(prepared));
        var credential = ScramCredential.Derive(ScramMechanism.Sha1, prepared, Convert.FromBase64String("rQ9ZY3MntBeuP3E1TDVC4w=="), 10_000);
        var conversation = Conversation(ScramMechanism.Sha1, credential, "Ho+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE");

        var serverFirst = conversation.Start(Encoding.UTF8.GetBytes("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
        Assert.Equal("r=fyko+d2lbbFgONRv9qkxdawLHo+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE,s=rQ9ZY3MntBeuP3E1TDVC4w==,i=10000", Encoding.UTF8.GetString(serverFirst));
        var serverFinal = conversation.Continue(
            Encoding.UTF8.GetBytes("c=biws,r=fyko+d2lbbFgONRv9qkxdawLHo+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE,p=MC2T8BvbmWRckDw8oWl5IVghwCY="),
            skipEmptyExchange: true,
            out _);
        Assert.Equal("v=UMWeI25JD1yNYZRMpZ4VHvhZ9e0=", Encoding.UTF8.GetString(serverFinal));
    }

    [Fact]
    public void A_wrong_proof_fails_without_saying_why()
    {
        var credential = ScramCredential.Derive(ScramMechanism.Sha256, "pencil"u8, Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        var conversation = Conversation(ScramMechanism.Sha256, credential, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        conversation.Start(Encoding.UTF8.GetBytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));

        var ex = Assert.Throws<MongoServerException>(() => conversation.Continue(
            Encoding.UTF8.GetBytes("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), true, out _));
        Assert.Equal(18, ex.Code);
        Assert.Equal("Authentication failed.", ex.Message);
        Assert.Null(conversation.User);
    }

    [Fact]
    public void A_replaced_nonce_fails()
    {
        var credential = ScramCredential.Derive(ScramMechanism.Sha256, "pencil"u8, Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        var conversation = Conversation(ScramMechanism.Sha256, credential, "server");
        conversation.Start(Encoding.UTF8.GetBytes("n,,n=user,r=client"));
        var ex = Assert.Throws<MongoServerException>(() => conversation.Continue(Encoding.UTF8.GetBytes("c=biws,r=clientother,p=AAAA"), true, out _));
        Assert.Equal(18, ex.Code);
    }

    [Fact]
    public void An_unknown_user_fails_like_a_wrong_password()
    {
        var conversation = new ScramServerConversation(ScramMechanism.Sha256, "admin", _ => null);
        var ex = Assert.Throws<MongoServerException>(() => conversation.Start(Encoding.UTF8.GetBytes("n,,n=nobody,r=abc")));
        Assert.Equal(18, ex.Code);
        Assert.Equal("Authentication failed.", ex.Message);
    }

    [Theory]
    [InlineData("p=tls-unique,,n=user,r=abc")]
    [InlineData("n,,r=abc,n=user")]
    [InlineData("n,,n=user,r=abc,m=ext")]
    [InlineData("n,,n=us=er,r=abc")]
    [InlineData("garbage")]
    public void Malformed_client_first_messages_are_refused(string message)
    {
        var credential = ScramCredential.Create(ScramMechanism.Sha256, "user", "pencil");
        var conversation = Conversation(ScramMechanism.Sha256, credential, "n");
        var ex = Assert.Throws<MongoServerException>(() => conversation.Start(Encoding.UTF8.GetBytes(message)));
        Assert.Equal(2, ex.Code);
    }

    [Fact]
    public void Escaped_user_names_are_decoded()
    {
        StoredUser? asked = null;
        var credential = ScramCredential.Create(ScramMechanism.Sha256, "a,b=c", "pencil");
        var conversation = new ScramServerConversation(ScramMechanism.Sha256, "admin", name =>
        {
            asked = new StoredUser("admin", name, Guid.NewGuid(), [], [credential], null);
            return asked;
        });
        conversation.Start(Encoding.UTF8.GetBytes("n,,n=a=2Cb=3Dc,r=abc"));
        Assert.Equal("a,b=c", asked?.Name);
    }

    [Fact]
    public void Created_credentials_use_mongod_salt_lengths_and_iteration_counts()
    {
        var sha1 = ScramCredential.Create(ScramMechanism.Sha1, "u", "p");
        var sha256 = ScramCredential.Create(ScramMechanism.Sha256, "u", "p");
        Assert.Equal((16, 10_000, 20, 20), (sha1.Salt.Length, sha1.Iterations, sha1.StoredKey.Length, sha1.ServerKey.Length));
        Assert.Equal((28, 15_000, 32, 32), (sha256.Salt.Length, sha256.Iterations, sha256.StoredKey.Length, sha256.ServerKey.Length));
    }

    [Theory]
    [InlineData("I\u00ADX", "IX")]
    [InlineData("user", "user")]
    [InlineData("USER", "USER")]
    [InlineData("\u00AA", "a")]
    [InlineData("\u2168", "IX")]
    [InlineData("a\u00A0b", "a b")]
    [InlineData("\u0627\u0628", "\u0627\u0628")]
    public void SaslPrep_maps_and_normalises_as_RFC_4013_shows(string input, string expected) => Assert.Equal(expected, SaslPrep.Prepare(input));

    [Theory]
    [InlineData("\u0007")]
    [InlineData("\u0627\u0031")]
    [InlineData("a\uE000")]
    [InlineData("a\u200Eb")]
    public void SaslPrep_refuses_prohibited_characters_and_mixed_direction(string input) => Assert.Throws<FormatException>(() => SaslPrep.Prepare(input));

    private static ScramServerConversation Conversation(ScramMechanism mechanism, ScramCredential credential, string serverNonce) =>
        new(mechanism, "admin", name => name == "user" ? new StoredUser("admin", "user", Guid.NewGuid(), [], [credential], null) : null, () => serverNonce);
}

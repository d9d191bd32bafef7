using System.Text;
using OpenQuizz.Typed.Authentication;

namespace OpenQuizz.Typed.Tests.Authentication;

public class ScramConversationTests
{
    private static byte[] U(string text) => Encoding.UTF8.GetBytes(text);

    private static string S(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void Rfc5802_sha1_example()
    {
        // RFC 5802 section 5: the password is used as is (plain SCRAM-SHA-1, not MongoDB's MD5 digest).
        var conversation = new ScramConversation(ScramAlgorithm.Sha1, "user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
        Assert.Equal("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", S(conversation.ClientFirst()));
        var final = conversation.ClientFinal(U("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        Assert.Equal("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", S(final));
        conversation.VerifyServerFinal(U("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
        Assert.True(conversation.IsComplete);
    }

    [Fact]
    public void Rfc7677_sha256_example()
    {
        var conversation = new ScramConversation(ScramAlgorithm.Sha256, "user", SaslPrep.Prepare("pencil"), "rOprNGfwEbeRWgbNEkqO");
        Assert.Equal("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", S(conversation.ClientFirst()));
        var final = conversation.ClientFinal(U("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        Assert.Equal("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", S(final));
        conversation.VerifyServerFinal(U("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
        Assert.True(conversation.IsComplete);
    }

    [Fact]
    public void MongoDB_sha1_example_hashes_the_password_with_md5_first()
    {
        // The auth spec's SCRAM-SHA-1 example: user "user", password "pencil", MongoDB's digest "user:mongo:pencil".
        var prepared = ScramAuthenticator.PreparePassword(ScramAlgorithm.Sha1, "user", "pencil");
        Assert.Equal("1c33006ec1ffd90f9cadcbcc0e118200", prepared);
        var conversation = new ScramConversation(ScramAlgorithm.Sha1, "user", prepared, "fyko+d2lbbFgONRv9qkxdawL");
        conversation.ClientFirst();
        var final = conversation.ClientFinal(U("r=fyko+d2lbbFgONRv9qkxdawLHo+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE,s=rQ9ZY3MntBeuP3E1TDVC4w==,i=10000"));
        Assert.Equal("c=biws,r=fyko+d2lbbFgONRv9qkxdawLHo+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE,p=MC2T8BvbmWRckDw8oWl5IVghwCY=", S(final));
        conversation.VerifyServerFinal(U("v=UMWeI25JD1yNYZRMpZ4VHvhZ9e0="));
    }

    [Fact]
    public void Usernames_escape_equals_and_comma()
    {
        var conversation = new ScramConversation(ScramAlgorithm.Sha256, "a=b,c", "p", "nonce");
        Assert.Equal("n,,n=a=3Db=2Cc,r=nonce", S(conversation.ClientFirst()));
    }

    [Theory]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=4095", "iterations")]
    [InlineData("r=someoneelse,s=QSXCR+Q6sek8bf92,i=4096", "nonce")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL,s=QSXCR+Q6sek8bf92,i=4096", "nonce")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL3rfc,i=4096", "salt")]
    [InlineData("e=other-error", "other-error")]
    [InlineData("m=ext,r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=4096", "extension")]
    public void Invalid_server_first_messages_are_rejected(string serverFirst, string expected)
    {
        var conversation = new ScramConversation(ScramAlgorithm.Sha1, "user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
        conversation.ClientFirst();
        var error = Assert.Throws<MongoAuthenticationException>(() => conversation.ClientFinal(U(serverFirst)));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("pencil", error.ToString());
    }

    [Theory]
    [InlineData("v=rmF9pqV8S7suAoZWja4dJRkFsKQ")]
    [InlineData("v=AAAApqV8S7suAoZWja4dJRkFsKQ=")]
    [InlineData("e=invalid-proof")]
    [InlineData("")]
    public void A_server_signature_that_does_not_verify_fails(string serverFinal)
    {
        var conversation = new ScramConversation(ScramAlgorithm.Sha1, "user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
        conversation.ClientFirst();
        conversation.ClientFinal(U("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        Assert.Throws<MongoAuthenticationException>(() => conversation.VerifyServerFinal(U(serverFinal)));
        Assert.False(conversation.IsComplete);
    }

    [Fact]
    public void Derived_keys_are_cached_per_salt_and_iteration_count()
    {
        var cache = new ScramKeyCache();
        var first = new ScramConversation(ScramAlgorithm.Sha256, "user", "pencil", "rOprNGfwEbeRWgbNEkqO", cache);
        first.ClientFirst();
        var serverFirst = U("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        var expected = first.ClientFinal(serverFirst);
        Assert.True(cache.TryGet(ScramAlgorithm.Sha256, "W22ZaJ0SNY7soEsUEjb6gQ==", 4096, out _));
        Assert.False(cache.TryGet(ScramAlgorithm.Sha256, "W22ZaJ0SNY7soEsUEjb6gQ==", 4097, out _));
        Assert.False(cache.TryGet(ScramAlgorithm.Sha1, "W22ZaJ0SNY7soEsUEjb6gQ==", 4096, out _));

        var second = new ScramConversation(ScramAlgorithm.Sha256, "user", "pencil", "rOprNGfwEbeRWgbNEkqO", cache);
        second.ClientFirst();
        Assert.Equal(expected, second.ClientFinal(serverFirst));

        var credential = MongoCredential.CreateScramSha256("user", "pencil");
        Assert.Same(ScramKeyCache.For(credential), ScramKeyCache.For(credential));
        Assert.NotSame(ScramKeyCache.For(credential), ScramKeyCache.For(MongoCredential.CreateScramSha256("user", "pencil")));
    }
}

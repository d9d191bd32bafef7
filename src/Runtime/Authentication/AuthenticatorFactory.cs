namespace OpenQuizz.Typed.Authentication;

/// <summary>Creates the per-connection authenticator for a credential.</summary>
internal static class AuthenticatorFactory
{
    public static IAuthenticator Create(MongoCredential credential, Func<string>? nonceGenerator = null) => credential.Mechanism switch
    {
        null => new NegotiatingScramAuthenticator(credential, nonceGenerator),
        AuthMechanism.ScramSha1 => new ScramAuthenticator(credential, ScramAlgorithm.Sha1, nonceGenerator),
        AuthMechanism.ScramSha256 => new ScramAuthenticator(credential, ScramAlgorithm.Sha256, nonceGenerator),
        AuthMechanism.Plain => new PlainAuthenticator(credential),
        AuthMechanism.MongoDbX509 => new X509Authenticator(credential),
        var other => throw NotBuilt(other),
    };

    /// <summary>Fails fast, when the client is created, for a mechanism this client does not implement yet.</summary>
    public static void EnsureSupported(MongoCredential? credential)
    {
        if (credential is not null && credential.Mechanism is not (AuthMechanism.ScramSha1 or AuthMechanism.ScramSha256 or AuthMechanism.Plain or AuthMechanism.MongoDbX509 or null))
        {
            throw NotBuilt(credential.Mechanism);
        }
    }

    private static NotSupportedException NotBuilt(string mechanism) =>
        new($"The {mechanism} authentication mechanism is not built yet; use SCRAM-SHA-256, SCRAM-SHA-1, PLAIN or MONGODB-X509.");
}

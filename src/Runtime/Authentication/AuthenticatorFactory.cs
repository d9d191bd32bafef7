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
        var other => throw new MongoAuthenticationException(other, $"The authentication mechanism {other} is not supported by this client."),
    };
}

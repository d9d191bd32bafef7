using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;

namespace OpenQuizz.Typed.Authentication;

/// <summary>
/// A credential without a mechanism: speculate with SCRAM-SHA-256, then use what <c>saslSupportedMechs</c> says
/// (SCRAM-SHA-256 when listed, otherwise SCRAM-SHA-1).
/// </summary>
internal sealed class NegotiatingScramAuthenticator(MongoCredential credential, Func<string>? nonceGenerator = null) : IAuthenticator
{
    private readonly ScramAuthenticator _speculative = new(credential, ScramAlgorithm.Sha256, nonceGenerator);
    private IAuthenticator? _chosen;

    public string Mechanism => _chosen?.Mechanism ?? AuthMechanism.ScramSha256;

    public BsonDocument? CreateSpeculativeAuthenticate() => _speculative.CreateSpeculativeAuthenticate();

    public ValueTask AuthenticateAsync(IAuthenticationChannel channel, bool async, ConnectionDescription description, BsonDocument? speculativeReply, CancellationToken cancellationToken)
    {
        var mechs = description.SaslSupportedMechs;
        var sha256 = speculativeReply is not null || (mechs is not null && mechs.Contains(AuthMechanism.ScramSha256));
        _chosen = sha256 ? _speculative : new ScramAuthenticator(credential, ScramAlgorithm.Sha1, nonceGenerator);
        return _chosen.AuthenticateAsync(channel, async, description, sha256 ? speculativeReply : null, cancellationToken);
    }
}

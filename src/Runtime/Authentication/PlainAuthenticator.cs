using MongoDB.Bson;
using System.Text;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;

namespace OpenQuizz.Typed.Authentication;

/// <summary>SASL PLAIN (RFC 4616) in one <c>saslStart</c>; meant for LDAP over TLS.</summary>
internal sealed class PlainAuthenticator(MongoCredential credential) : IAuthenticator
{
    public string Mechanism => AuthMechanism.Plain;

    public BsonDocument? CreateSpeculativeAuthenticate() => null;

    public async ValueTask AuthenticateAsync(IAuthenticationChannel channel, bool async, ConnectionDescription description, BsonDocument? speculativeReply, CancellationToken cancellationToken)
    {
        if (credential.Username is null || credential.Password is null)
        {
            throw new MongoAuthenticationException(Mechanism, "PLAIN needs a user name and a password.");
        }

        var payload = Encoding.UTF8.GetBytes($"\0{credential.Username}\0{credential.Password}");
        var command = new BsonDocument
        {
            { "saslStart", 1 },
            { "mechanism", Mechanism },
            { "payload", new BsonBinaryData(payload) },
            { "autoAuthorize", 1 },
        };
        var reply = await channel.RunAuthenticationCommandAsync(async, credential.Source, command, cancellationToken).ConfigureAwait(false);
        if (!(reply.TryGetValue("done", out var done) && done.IsBoolean && done.AsBoolean))
        {
            throw new MongoAuthenticationException(Mechanism, "PLAIN authentication failed: the server did not finish the conversation.");
        }
    }
}

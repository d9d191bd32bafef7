using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;

namespace OpenQuizz.Typed.Authentication;

/// <summary>MONGODB-X509: the TLS client certificate is the identity; one <c>authenticate</c>, usually done speculatively.</summary>
internal sealed class X509Authenticator(MongoCredential credential) : IAuthenticator
{
    public string Mechanism => AuthMechanism.MongoDbX509;

    public BsonDocument? CreateSpeculativeAuthenticate()
    {
        var command = CreateCommand();
        command.Add("db", "$external");
        return command;
    }

    public async ValueTask AuthenticateAsync(IAuthenticationChannel channel, bool async, ConnectionDescription description, BsonDocument? speculativeReply, CancellationToken cancellationToken)
    {
        if (speculativeReply is not null)
        {
            return;
        }

        await channel.RunAuthenticationCommandAsync(async, "$external", CreateCommand(), cancellationToken).ConfigureAwait(false);
    }

    private BsonDocument CreateCommand()
    {
        var command = new BsonDocument { { "authenticate", 1 }, { "mechanism", Mechanism } };
        if (credential.Username is { } user)
        {
            command.Add("user", user);
        }

        return command;
    }
}

using MongoDB.Bson;
using System.Security.Cryptography;
using System.Text;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;

namespace OpenQuizz.Typed.Authentication;

/// <summary>SCRAM-SHA-1 or SCRAM-SHA-256 over <c>saslStart</c>/<c>saslContinue</c>, with speculative authentication.</summary>
internal sealed class ScramAuthenticator : IAuthenticator
{
    private readonly MongoCredential _credential;
    private readonly ScramAlgorithm _algorithm;
    private readonly ScramConversation _conversation;
    private byte[]? _clientFirst;

    public ScramAuthenticator(MongoCredential credential, ScramAlgorithm algorithm, Func<string>? nonceGenerator = null)
    {
        _credential = credential;
        _algorithm = algorithm;
        if (credential.Username is null || credential.Password is null)
        {
            throw new MongoAuthenticationException(ScramConversation.MechanismName(algorithm), $"{ScramConversation.MechanismName(algorithm)} needs a user name and a password.");
        }

        _conversation = new ScramConversation(
            algorithm,
            credential.Username,
            PreparePassword(algorithm, credential.Username, credential.Password),
            (nonceGenerator ?? ScramConversation.CreateNonce)(),
            ScramKeyCache.For(credential));
    }

    public string Mechanism => ScramConversation.MechanismName(_algorithm);

    /// <summary>The password as SCRAM hashes it: MongoDB's MD5 digest for SHA-1, SASLprep for SHA-256.</summary>
    public static string PreparePassword(ScramAlgorithm algorithm, string username, string password)
    {
        if (algorithm == ScramAlgorithm.Sha1)
        {
#pragma warning disable CA5351 // MD5 is what SCRAM-SHA-1 on MongoDB hashes the password with; it is not used for security here.
            var digest = MD5.HashData(Encoding.UTF8.GetBytes($"{username}:mongo:{password}"));
#pragma warning restore CA5351
            return Convert.ToHexStringLower(digest);
        }

        try
        {
            return SaslPrep.Prepare(password);
        }
        catch (ArgumentException e)
        {
            throw new MongoAuthenticationException(AuthMechanism.ScramSha256, "The password cannot be prepared with SASLprep for SCRAM-SHA-256.", e);
        }
    }

    public BsonDocument? CreateSpeculativeAuthenticate()
    {
        var saslStart = CreateSaslStart();
        saslStart.Add("db", _credential.Source);
        return saslStart;
    }

    public async ValueTask AuthenticateAsync(IAuthenticationChannel channel, bool async, ConnectionDescription description, BsonDocument? speculativeReply, CancellationToken cancellationToken)
    {
        var reply = speculativeReply ?? await channel.RunAuthenticationCommandAsync(async, _credential.Source, CreateSaslStart(), cancellationToken).ConfigureAwait(false);
        var conversationId = reply.GetValue("conversationId", null) ?? throw Fail("the server's reply has no conversationId");
        var clientFinal = _conversation.ClientFinal(Payload(reply));
        reply = await channel.RunAuthenticationCommandAsync(async, _credential.Source, Continue(conversationId, clientFinal), cancellationToken).ConfigureAwait(false);
        _conversation.VerifyServerFinal(Payload(reply));

        // Servers that ignore skipEmptyExchange want one more empty round.
        for (var rounds = 0; !IsDone(reply); rounds++)
        {
            if (rounds == 2)
            {
                throw Fail("the server did not finish the conversation");
            }

            reply = await channel.RunAuthenticationCommandAsync(async, _credential.Source, Continue(conversationId, []), cancellationToken).ConfigureAwait(false);
        }
    }

    private BsonDocument CreateSaslStart()
    {
        _clientFirst ??= _conversation.ClientFirst();
        return new BsonDocument
        {
            { "saslStart", 1 },
            { "mechanism", Mechanism },
            { "payload", new BsonBinaryData(_clientFirst) },
            { "autoAuthorize", 1 },
            { "options", new BsonDocument("skipEmptyExchange", true) },
        };
    }

    private static BsonDocument Continue(BsonValue conversationId, byte[] payload) => new()
    {
        { "saslContinue", 1 },
        { "conversationId", conversationId },
        { "payload", new BsonBinaryData(payload) },
    };

    private static bool IsDone(BsonDocument reply) => reply.TryGetValue("done", out var done) && done.IsBoolean && done.AsBoolean;

    private byte[] Payload(BsonDocument reply) =>
        reply.TryGetValue("payload", out var payload) && payload.IsBsonBinaryData ? payload.AsBsonBinaryData.Bytes : throw Fail("the server's reply has no payload");

    private MongoAuthenticationException Fail(string detail) => new(Mechanism, $"{Mechanism} authentication failed: {detail}.");
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;

namespace OpenQuizz.Typed.Authentication;

/// <summary>Runs commands for an authenticator on the connection being opened.</summary>
internal interface IAuthenticationChannel
{
    MongoServerAddress Address { get; }

    /// <summary>Runs one authentication command and returns its reply; <c>ok: 0</c> raises <see cref="MongoCommandException"/>.</summary>
    ValueTask<BsonDocument> RunAuthenticationCommandAsync(bool async, string database, BsonDocument command, CancellationToken cancellationToken);
}

/// <summary>
/// One authentication conversation on one connection: it may add a speculative first step to hello, then
/// finishes (or runs) the conversation once the hello reply is known. Created per connection.
/// </summary>
internal interface IAuthenticator
{
    /// <summary>The mechanism name; for negotiated SCRAM, known only after the hello reply.</summary>
    string Mechanism { get; }

    /// <summary>The <c>speculativeAuthenticate</c> document to put in hello, or null.</summary>
    BsonDocument? CreateSpeculativeAuthenticate();

    /// <summary>Authenticates, continuing from <paramref name="speculativeReply"/> when the server answered the speculative step.</summary>
    ValueTask AuthenticateAsync(IAuthenticationChannel channel, bool async, ConnectionDescription description, BsonDocument? speculativeReply, CancellationToken cancellationToken);
}

using MongoDB.Bson;
using System.Security.Cryptography;
using System.Text;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>
/// The server side of SCRAM for tests, written from RFC 5802 independently of the client: checks the client's
/// proof by recovering the client key, and signs the conversation.
/// </summary>
public sealed class ScramTestServer(string user, string password, bool sha256)
{
    private readonly byte[] _salt = Convert.FromBase64String("QSXCR+Q6sek8bf92AAAAAA==");
    private string? _clientFirstBare;
    private string? _serverFirst;

    public string Mechanism => sha256 ? "SCRAM-SHA-256" : "SCRAM-SHA-1";

    public bool SpoilServerSignature { get; set; }

    public int Conversations { get; private set; }

    /// <summary>Answers saslStart (or the speculative step): the server-first message.</summary>
    public BsonDocument Start(BsonDocument saslStart)
    {
        Assert.Equal(Mechanism, saslStart["mechanism"].AsString);
        var clientFirst = Encoding.UTF8.GetString(saslStart["payload"].AsBsonBinaryData.Bytes);
        Assert.StartsWith("n,,", clientFirst);
        _clientFirstBare = clientFirst[3..];
        var parts = _clientFirstBare.Split(',');
        Assert.Equal($"n={user}", parts[0]);
        var nonce = parts[1][2..];
        _serverFirst = $"r={nonce}S3rv3rN0nc3,s={Convert.ToBase64String(_salt)},i=4096";
        Conversations++;
        return new BsonDocument
        {
            { "conversationId", 1 },
            { "done", false },
            { "payload", new BsonBinaryData(Encoding.UTF8.GetBytes(_serverFirst)) },
            { "ok", 1.0 },
        };
    }

    /// <summary>Answers saslContinue: verifies the proof and returns the server signature, or AuthenticationFailed.</summary>
    public BsonDocument Continue(BsonDocument saslContinue)
    {
        var clientFinal = Encoding.UTF8.GetString(saslContinue["payload"].AsBsonBinaryData.Bytes);
        var proofIndex = clientFinal.IndexOf(",p=", StringComparison.Ordinal);
        var withoutProof = clientFinal[..proofIndex];
        var proof = Convert.FromBase64String(clientFinal[(proofIndex + 3)..]);
        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{_serverFirst},{withoutProof}");

        var prepared = sha256 ? password : Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{user}:mongo:{password}")));
        var hash = sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(prepared), _salt, 4096, hash, sha256 ? 32 : 20);
        var clientKey = Hmac(salted, "Client Key");
        var storedKey = sha256 ? SHA256.HashData(clientKey) : SHA1.HashData(clientKey);
        var clientSignature = Hmac(storedKey, authMessage);
        var recovered = proof.Select((b, i) => (byte)(b ^ clientSignature[i])).ToArray();
        var recoveredStored = sha256 ? SHA256.HashData(recovered) : SHA1.HashData(recovered);
        if (!recoveredStored.SequenceEqual(storedKey))
        {
            return new BsonDocument { { "ok", 0.0 }, { "errmsg", "Authentication failed." }, { "code", 18 }, { "codeName", "AuthenticationFailed" } };
        }

        var serverSignature = Hmac(Hmac(salted, "Server Key"), authMessage);
        if (SpoilServerSignature)
        {
            serverSignature[0] ^= 1;
        }

        return new BsonDocument
        {
            { "conversationId", 1 },
            { "done", true },
            { "payload", new BsonBinaryData(Encoding.UTF8.GetBytes("v=" + Convert.ToBase64String(serverSignature))) },
            { "ok", 1.0 },
        };
    }

    private byte[] Hmac(byte[] key, string text) => Hmac(key, Encoding.UTF8.GetBytes(text));

    private byte[] Hmac(byte[] key, byte[] data) => sha256 ? HMACSHA256.HashData(key, data) : HMACSHA1.HashData(key, data);
}

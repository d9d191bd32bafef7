using System.Security.Cryptography;
using System.Text;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests.Auth;

/// <summary>
/// A test-only SCRAM client (RFC 5802/7677 with MongoDB's password rules), written apart from both the server's
/// code and the runtime client's so that a shared misunderstanding cannot pass unnoticed.
/// </summary>
public sealed class TestScramClient(string mechanism, string user, string password, string? clientNonce = null)
{
    private readonly string _nonce = clientNonce ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
    private byte[] _serverSignature = [];

    public bool IsSha256 => mechanism == "SCRAM-SHA-256";

    public string ClientFirstBare => $"n={user.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal)},r={_nonce}";

    public byte[] ClientFirst() => Encoding.UTF8.GetBytes("n,," + ClientFirstBare);

    /// <summary>Builds client-final from server-first; checks the nonce prefix and the iteration floor as drivers must.</summary>
    public byte[] ClientFinal(byte[] serverFirstBytes)
    {
        var serverFirst = Encoding.UTF8.GetString(serverFirstBytes);
        var fields = serverFirst.Split(',').ToDictionary(p => p[0], p => p[2..]);
        var combinedNonce = fields['r'];
        Assert.StartsWith(_nonce, combinedNonce);
        Assert.True(combinedNonce.Length > _nonce.Length, "the server must add its own nonce");
        var salt = Convert.FromBase64String(fields['s']);
        var iterations = int.Parse(fields['i'], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(iterations >= 4096);

        var hash = IsSha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
        var length = IsSha256 ? 32 : 20;
        var secret = IsSha256 ? password.Normalize(NormalizationForm.FormKC) : Md5Hex(user + ":mongo:" + password);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, hash, length);
        var clientKey = Hmac(salted, "Client Key");
        var storedKey = IsSha256 ? SHA256.HashData(clientKey) : SHA1.HashData(clientKey);
        var withoutProof = "c=biws,r=" + combinedNonce;
        var authMessage = ClientFirstBare + "," + serverFirst + "," + withoutProof;
        var signature = Hmac(storedKey, authMessage);
        var proof = clientKey.Zip(signature, (a, b) => (byte)(a ^ b)).ToArray();
        _serverSignature = Hmac(Hmac(salted, "Server Key"), authMessage);
        return Encoding.UTF8.GetBytes(withoutProof + ",p=" + Convert.ToBase64String(proof));
    }

    /// <summary>Whether server-final carries the signature only a server holding the right keys can compute.</summary>
    public bool VerifyServerFinal(byte[] serverFinal) =>
        Encoding.UTF8.GetString(serverFinal) == "v=" + Convert.ToBase64String(_serverSignature);

    /// <summary>The whole conversation over the wire; returns the last reply (an error reply when authentication fails).</summary>
    internal async Task<BsonDocument> AuthenticateAsync(WireClient client, string database = "admin", bool skipEmptyExchange = true)
    {
        var start = await client.RunAsync(
            new BsonDocument
            {
                { "saslStart", 1 },
                { "mechanism", mechanism },
                { "payload", new BsonBinaryData(ClientFirst()) },
                { "autoAuthorize", 1 },
                { "options", new BsonDocument("skipEmptyExchange", skipEmptyExchange) },
            },
            database);
        if (start["ok"].ToDouble() != 1)
        {
            return start;
        }

        return await ContinueAsync(client, start, database);
    }

    /// <summary>Continues from a server-first reply (saslStart's, or hello's speculativeAuthenticate).</summary>
    internal async Task<BsonDocument> ContinueAsync(WireClient client, BsonDocument first, string database)
    {
        Assert.False(first["done"].AsBoolean);
        var id = first["conversationId"];
        var reply = await client.RunAsync(
            new BsonDocument { { "saslContinue", 1 }, { "conversationId", id }, { "payload", new BsonBinaryData(ClientFinal(((BsonBinaryData)first["payload"]).Bytes)) } },
            database);
        if (reply["ok"].ToDouble() != 1)
        {
            return reply;
        }

        Assert.True(VerifyServerFinal(((BsonBinaryData)reply["payload"]).Bytes), "server signature");
        while (!reply["done"].AsBoolean)
        {
            reply = Reply.Ok(await client.RunAsync(
                new BsonDocument { { "saslContinue", 1 }, { "conversationId", id }, { "payload", new BsonBinaryData([]) } },
                database));
        }

        return reply;
    }

    private byte[] Hmac(byte[] key, string data) => Hmac(key, Encoding.UTF8.GetBytes(data));

    private byte[] Hmac(byte[] key, byte[] data) => IsSha256 ? HMACSHA256.HashData(key, data) : HMACSHA1.HashData(key, data);

#pragma warning disable CA5351 // MongoDB's SCRAM-SHA-1 password digest is MD5 by definition.
    private static string Md5Hex(string value) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(value)));
#pragma warning restore CA5351
}

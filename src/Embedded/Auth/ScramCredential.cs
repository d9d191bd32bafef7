using System.Security.Cryptography;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// What the server keeps for one user and mechanism (RFC 5802 §3): salt, iteration count, StoredKey and ServerKey.
/// The password itself is never stored; these are enough to verify a proof and to prove the server knows them.
/// </summary>
internal sealed record ScramCredential(ScramMechanism Mechanism, byte[] Salt, int Iterations, byte[] StoredKey, byte[] ServerKey)
{
    /// <summary>Derives the keys from a prepared password (see <see cref="ScramMechanism.PreparePassword"/>).</summary>
    public static ScramCredential Derive(ScramMechanism mechanism, ReadOnlySpan<byte> preparedPassword, byte[] salt, int iterations)
    {
        var saltedPassword = Rfc2898DeriveBytes.Pbkdf2(preparedPassword, salt, iterations, mechanism.Hash, mechanism.HashLength);
        try
        {
            var clientKey = mechanism.Hmac(saltedPassword, "Client Key"u8);
            var storedKey = mechanism.HashOf(clientKey);
            var serverKey = mechanism.Hmac(saltedPassword, "Server Key"u8);
            CryptographicOperations.ZeroMemory(clientKey);
            return new ScramCredential(mechanism, salt, iterations, storedKey, serverKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(saltedPassword);
        }
    }

    /// <summary>New credentials with a random salt and mongod's default iteration count.</summary>
    public static ScramCredential Create(ScramMechanism mechanism, string user, string password, bool alreadyDigested = false)
    {
        var prepared = mechanism.PreparePassword(user, password, alreadyDigested);
        try
        {
            return Derive(mechanism, prepared, RandomNumberGenerator.GetBytes(mechanism.SaltLength), mechanism.DefaultIterations);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prepared);
        }
    }

    /// <summary>The shape of usersInfo's <c>credentials</c> entries with <c>showCredentials: true</c> (base64 strings, as mongod shows them).</summary>
    public BsonDocument ToDocument() => new()
    {
        { "iterationCount", Iterations },
        { "salt", Convert.ToBase64String(Salt) },
        { "storedKey", Convert.ToBase64String(StoredKey) },
        { "serverKey", Convert.ToBase64String(ServerKey) },
    };

    public override string ToString() => $"{Mechanism.Name} credential (i={Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)})";

    /// <summary>Records compare arrays by reference; these compare keys by content, in constant time.</summary>
    public bool Matches(ScramCredential other) =>
        ReferenceEquals(Mechanism, other.Mechanism) && Iterations == other.Iterations &&
        CryptographicOperations.FixedTimeEquals(Salt, other.Salt) &&
        CryptographicOperations.FixedTimeEquals(StoredKey, other.StoredKey) &&
        CryptographicOperations.FixedTimeEquals(ServerKey, other.ServerKey);
}

using System.Security.Cryptography;
using System.Text;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// One SCRAM variant as MongoDB uses it: the hash, the salt length and iteration count mongod stores, and how the
/// password is prepared before key derivation (MD5-digested for SHA-1, SASLprep'd for SHA-256).
/// </summary>
internal sealed class ScramMechanism
{
    public static readonly ScramMechanism Sha1 = new("SCRAM-SHA-1", HashAlgorithmName.SHA1, 20, iterations: 10_000);

    public static readonly ScramMechanism Sha256 = new("SCRAM-SHA-256", HashAlgorithmName.SHA256, 32, iterations: 15_000);

    /// <summary>Both mechanisms, in the order mongod lists them.</summary>
    public static readonly IReadOnlyList<ScramMechanism> All = [Sha1, Sha256];

    private ScramMechanism(string name, HashAlgorithmName hash, int hashLength, int iterations)
    {
        Name = name;
        Hash = hash;
        HashLength = hashLength;
        DefaultIterations = iterations;
    }

    public string Name { get; }

    public HashAlgorithmName Hash { get; }

    public int HashLength { get; }

    /// <summary>mongod's scramIterationCount / scramSHA256IterationCount defaults.</summary>
    public int DefaultIterations { get; }

    /// <summary>mongod stores salts of the hash length minus four bytes (16 for SHA-1, 28 for SHA-256).</summary>
    public int SaltLength => HashLength - 4;

    public static ScramMechanism? Find(string name) =>
        name == Sha1.Name ? Sha1 : name == Sha256.Name ? Sha256 : null;

    /// <summary>
    /// The bytes that enter PBKDF2: <c>hex(MD5("user:mongo:pwd"))</c> for SHA-1 (never SASLprep'd, per the auth spec),
    /// the SASLprep'd password for SHA-256. <paramref name="alreadyDigested"/> is createUser's <c>digestPassword: false</c>.
    /// </summary>
    /// <exception cref="FormatException">The password contains characters SASLprep prohibits.</exception>
    public byte[] PreparePassword(string user, string password, bool alreadyDigested = false)
    {
        if (ReferenceEquals(this, Sha256))
        {
            return Encoding.UTF8.GetBytes(SaslPrep.Prepare(password));
        }

        return Encoding.UTF8.GetBytes(alreadyDigested ? password : MongoPasswordDigest(user, password));
    }

    /// <summary><c>hex(MD5(user + ":mongo:" + password))</c>, lower-case, as the SCRAM-SHA-1 password of MongoDB.</summary>
    public static string MongoPasswordDigest(string user, string password)
    {
#pragma warning disable CA5351 // MD5 is what the MongoDB SCRAM-SHA-1 definition prescribes, not a choice made here.
        var digest = MD5.HashData(Encoding.UTF8.GetBytes(user + ":mongo:" + password));
#pragma warning restore CA5351
        return Convert.ToHexStringLower(digest);
    }

    public byte[] Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) =>
        ReferenceEquals(this, Sha1) ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);

    public byte[] HashOf(ReadOnlySpan<byte> data) =>
        ReferenceEquals(this, Sha1) ? SHA1.HashData(data) : SHA256.HashData(data);

    public override string ToString() => Name;
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenQuizz.Typed.Authentication;

/// <summary>The hash a SCRAM mechanism is built on.</summary>
internal enum ScramAlgorithm
{
    Sha1,
    Sha256,
}

/// <summary>
/// The client side of one SCRAM conversation (RFC 5802), without I/O: client-first, client-final from the
/// server-first message, and verification of the server's signature. The password given is already prepared
/// (MD5-digested for SCRAM-SHA-1, SASLprep'd for SCRAM-SHA-256).
/// </summary>
internal sealed class ScramConversation
{
    /// <summary>The fewest PBKDF2 iterations accepted from a server (the auth spec's minimum).</summary>
    public const int MinimumIterations = 4096;

    private const string Gs2Header = "n,,";
    private const string ChannelBinding = "c=biws"; // base64("n,,")

    private readonly ScramAlgorithm _algorithm;
    private readonly string _username;
    private readonly string _password;
    private readonly string _clientNonce;
    private readonly ScramKeyCache? _cache;
    private string? _clientFirstBare;
    private byte[]? _expectedServerSignature;

    public ScramConversation(ScramAlgorithm algorithm, string username, string preparedPassword, string clientNonce, ScramKeyCache? cache = null)
    {
        _algorithm = algorithm;
        _username = username;
        _password = preparedPassword;
        _clientNonce = clientNonce;
        _cache = cache;
    }

    /// <summary>True once the server's signature has been verified.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>A fresh client nonce: 24 random bytes in base64.</summary>
    public static string CreateNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    /// <summary>The client-first message: <c>n,,n=user,r=nonce</c>.</summary>
    public byte[] ClientFirst()
    {
        _clientFirstBare = $"n={EscapeUsername(_username)},r={_clientNonce}";
        return Encoding.UTF8.GetBytes(Gs2Header + _clientFirstBare);
    }

    /// <summary>The client-final message with the proof, computed from the server-first message.</summary>
    /// <exception cref="MongoAuthenticationException">The server-first message is malformed, its nonce does not extend ours, or its iteration count is too low.</exception>
    public byte[] ClientFinal(ReadOnlySpan<byte> serverFirstBytes)
    {
        if (_clientFirstBare is null)
        {
            throw new InvalidOperationException("ClientFirst must be called first.");
        }

        var serverFirst = Decode(serverFirstBytes);
        string? nonce = null, salt = null, iterationsText = null;
        foreach (var part in serverFirst.Split(','))
        {
            if (part.Length < 2 || part[1] != '=')
            {
                continue;
            }

            switch (part[0])
            {
                case 'r': nonce = part[2..]; break;
                case 's': salt = part[2..]; break;
                case 'i': iterationsText = part[2..]; break;
                case 'm': throw Fail("the server requires a SCRAM extension this client does not support");
                case 'e': throw Fail($"the server reported an error ({part[2..]})");
            }
        }

        if (nonce is null || salt is null || iterationsText is null)
        {
            throw Fail("the server's first message lacks the nonce, salt or iteration count");
        }

        if (!nonce.StartsWith(_clientNonce, StringComparison.Ordinal) || nonce.Length == _clientNonce.Length)
        {
            throw Fail("the server's nonce does not extend the client's");
        }

        if (!int.TryParse(iterationsText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < MinimumIterations)
        {
            throw Fail($"the server asks for {iterationsText} iterations, fewer than the minimum of {MinimumIterations}");
        }

        byte[] saltBytes;
        try
        {
            saltBytes = Convert.FromBase64String(salt);
        }
        catch (FormatException)
        {
            throw Fail("the server's salt is not base64");
        }

        var (clientKey, serverKey) = DeriveKeys(saltBytes, salt, iterations);
        var withoutProof = $"{ChannelBinding},r={nonce}";
        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{serverFirst},{withoutProof}");
        var storedKey = Hash(clientKey);
        var clientSignature = Hmac(storedKey, authMessage);
        var proof = new byte[clientKey.Length];
        for (var i = 0; i < proof.Length; i++)
        {
            proof[i] = (byte)(clientKey[i] ^ clientSignature[i]);
        }

        _expectedServerSignature = Hmac(serverKey, authMessage);
        return Encoding.UTF8.GetBytes($"{withoutProof},p={Convert.ToBase64String(proof)}");
    }

    /// <summary>Checks the server-final message (<c>v=signature</c>).</summary>
    /// <exception cref="MongoAuthenticationException">The server reported an error or its signature does not verify.</exception>
    public void VerifyServerFinal(ReadOnlySpan<byte> serverFinalBytes)
    {
        if (_expectedServerSignature is null)
        {
            throw new InvalidOperationException("ClientFinal must be called first.");
        }

        var serverFinal = Decode(serverFinalBytes);
        string? signature = null;
        foreach (var part in serverFinal.Split(','))
        {
            if (part.StartsWith("e=", StringComparison.Ordinal))
            {
                throw Fail($"the server reported an error ({part[2..]})");
            }

            if (part.StartsWith("v=", StringComparison.Ordinal))
            {
                signature = part[2..];
            }
        }

        byte[] actual;
        try
        {
            actual = signature is null ? [] : Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            actual = [];
        }

        if (!CryptographicOperations.FixedTimeEquals(actual, _expectedServerSignature))
        {
            throw Fail("the server's signature does not verify; the server may not know the password");
        }

        IsComplete = true;
    }

    /// <summary>The mechanism name for <paramref name="algorithm"/>.</summary>
    public static string MechanismName(ScramAlgorithm algorithm) =>
        algorithm == ScramAlgorithm.Sha1 ? AuthMechanism.ScramSha1 : AuthMechanism.ScramSha256;

    private (byte[] ClientKey, byte[] ServerKey) DeriveKeys(byte[] saltBytes, string salt, int iterations)
    {
        if (_cache is not null && _cache.TryGet(_algorithm, salt, iterations, out var cached))
        {
            return cached;
        }

        var hashName = _algorithm == ScramAlgorithm.Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        var hashLength = _algorithm == ScramAlgorithm.Sha1 ? 20 : 32;
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(_password), saltBytes, iterations, hashName, hashLength);
        var keys = (Hmac(salted, "Client Key"u8), Hmac(salted, "Server Key"u8));
        CryptographicOperations.ZeroMemory(salted);
        _cache?.Set(_algorithm, salt, iterations, keys);
        return keys;
    }

    private byte[] Hmac(byte[] key, ReadOnlySpan<byte> data) =>
        _algorithm == ScramAlgorithm.Sha1 ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);

    private byte[] Hash(byte[] data) => _algorithm == ScramAlgorithm.Sha1 ? SHA1.HashData(data) : SHA256.HashData(data);

    private static string EscapeUsername(string username) => username.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);

    private string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Fail("the server's message is not UTF-8");
        }
    }

    private MongoAuthenticationException Fail(string detail) =>
        new(MechanismName(_algorithm), $"{MechanismName(_algorithm)} authentication failed: {detail}.");
}

/// <summary>
/// Client and server keys derived for one credential, per salt and iteration count, so that reconnecting does
/// not repeat PBKDF2. Held per credential by <see cref="ScramKeyCache.For"/>; keys are never logged.
/// </summary>
internal sealed class ScramKeyCache
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MongoCredential, ScramKeyCache> Caches = new();

    private readonly Lock _gate = new();
    private (ScramAlgorithm Algorithm, string Salt, int Iterations, byte[] ClientKey, byte[] ServerKey)? _entry;

    /// <summary>The cache of <paramref name="credential"/>.</summary>
    public static ScramKeyCache For(MongoCredential credential) => Caches.GetValue(credential, static _ => new ScramKeyCache());

    public bool TryGet(ScramAlgorithm algorithm, string salt, int iterations, out (byte[] ClientKey, byte[] ServerKey) keys)
    {
        lock (_gate)
        {
            if (_entry is { } e && e.Algorithm == algorithm && e.Iterations == iterations && string.Equals(e.Salt, salt, StringComparison.Ordinal))
            {
                keys = (e.ClientKey, e.ServerKey);
                return true;
            }
        }

        keys = default;
        return false;
    }

    public void Set(ScramAlgorithm algorithm, string salt, int iterations, (byte[] ClientKey, byte[] ServerKey) keys)
    {
        lock (_gate)
        {
            _entry = (algorithm, salt, iterations, keys.ClientKey, keys.ServerKey);
        }
    }
}

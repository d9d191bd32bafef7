using System.Security.Cryptography;
using System.Text;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// The server side of one SCRAM exchange (RFC 5802 §5, MongoDB's profile in the auth spec): client-first →
/// server-first (nonce, salt, iterations), client-final (proof) → server-final (signature), then an optional empty
/// round when the client did not ask to skip it. Failures say only "Authentication failed." so that an attacker
/// cannot tell an unknown user from a wrong password.
/// </summary>
internal sealed class ScramServerConversation
{
    private readonly ScramMechanism _mechanism;
    private readonly string _database;
    private readonly Func<string, StoredUser?> _findUser;
    private readonly Func<string> _nonce;
    private State _state = State.AwaitingClientFirst;
    private bool _proofVerified;
    private StoredUser? _user;
    private ScramCredential? _credential;
    private string _clientFirstBare = string.Empty;
    private string _serverFirst = string.Empty;
    private string _gs2Header = string.Empty;
    private string _combinedNonce = string.Empty;

    /// <param name="mechanism">SCRAM-SHA-1 or SCRAM-SHA-256.</param>
    /// <param name="database">The authentication database (saslStart's <c>$db</c>).</param>
    /// <param name="findUser">Looks a user up by name on <paramref name="database"/>.</param>
    /// <param name="nonce">The server's part of the nonce; random in production, fixed by tests of the RFC vectors.</param>
    public ScramServerConversation(ScramMechanism mechanism, string database, Func<string, StoredUser?> findUser, Func<string>? nonce = null)
    {
        _mechanism = mechanism;
        _database = database;
        _findUser = findUser;
        _nonce = nonce ?? RandomNonce;
    }

    private enum State
    {
        AwaitingClientFirst,
        AwaitingClientFinal,
        AwaitingEmptyFinal,
        Done,
    }

    public ScramMechanism Mechanism => _mechanism;

    /// <summary>saslStart's <c>options.skipEmptyExchange</c>: finish with the server signature instead of an extra empty round.</summary>
    public bool SkipEmptyExchange { get; init; }

    public string Database => _database;

    /// <summary>The authenticated user, set once the proof has been verified.</summary>
    public StoredUser? User => _proofVerified ? _user : null;

    public bool IsDone => _state == State.Done;

    /// <summary>Handles client-first and returns server-first.</summary>
    /// <exception cref="MongoServerException">A malformed message (BadValue) or an unknown user (AuthenticationFailed).</exception>
    public byte[] Start(ReadOnlySpan<byte> clientFirst)
    {
        if (_state != State.AwaitingClientFirst)
        {
            throw AuthErrors.Failed();
        }

        var message = Decode(clientFirst);

        // gs2-header = gs2-cbind-flag "," [ authzid ] ","; MongoDB supports no channel binding.
        var firstComma = message.IndexOf(',', StringComparison.Ordinal);
        var secondComma = firstComma < 0 ? -1 : message.IndexOf(',', firstComma + 1);
        if (secondComma < 0)
        {
            throw Malformed("missing the gs2 header");
        }

        var flag = message[..firstComma];
        if (flag.StartsWith("p=", StringComparison.Ordinal))
        {
            throw new MongoServerException(ErrorCodes.BadValue, "Server does not support channel binding");
        }

        if (flag is not ("n" or "y"))
        {
            throw Malformed("invalid gs2 channel binding flag");
        }

        var authzid = message[(firstComma + 1)..secondComma];
        _gs2Header = message[..(secondComma + 1)];
        _clientFirstBare = message[(secondComma + 1)..];
        var attributes = ParseAttributes(_clientFirstBare);
        if (attributes.Count < 2 || attributes[0].Key != 'n' || attributes[1].Key != 'r')
        {
            throw Malformed("client-first-message must start with n= and r=");
        }

        var userName = DecodeSaslName(attributes[0].Value);
        if (authzid.Length > 0 && DecodeSaslName(authzid.StartsWith("a=", StringComparison.Ordinal) ? authzid[2..] : authzid) != userName)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "SCRAM user name and authorization identity must match");
        }

        var clientNonce = attributes[1].Value;
        if (clientNonce.Length == 0)
        {
            throw Malformed("empty client nonce");
        }

        _user = _findUser(userName);
        _credential = _user?.CredentialFor(_mechanism);
        if (_credential is null)
        {
            _state = State.Done;
            throw AuthErrors.Failed();
        }

        _combinedNonce = clientNonce + _nonce();
        _serverFirst = $"r={_combinedNonce},s={Convert.ToBase64String(_credential.Salt)},i={_credential.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        _state = State.AwaitingClientFinal;
        return Encoding.UTF8.GetBytes(_serverFirst);
    }

    /// <summary>
    /// Handles client-final (returns server-final <c>v=…</c>) or the closing empty message (returns nothing).
    /// <paramref name="done"/> tells the caller whether the conversation is complete.
    /// </summary>
    /// <exception cref="MongoServerException">A wrong proof or nonce (AuthenticationFailed) or a malformed message.</exception>
    public byte[] Continue(ReadOnlySpan<byte> payload, bool skipEmptyExchange, out bool done)
    {
        switch (_state)
        {
            case State.AwaitingClientFinal:
                var serverFinal = VerifyProof(Decode(payload));
                _state = skipEmptyExchange ? State.Done : State.AwaitingEmptyFinal;
                done = skipEmptyExchange;
                return serverFinal;
            case State.AwaitingEmptyFinal:
                if (payload.Length != 0)
                {
                    _state = State.Done;
                    throw Malformed("expected an empty final message");
                }

                _state = State.Done;
                done = true;
                return [];
            default:
                throw AuthErrors.Failed();
        }
    }

    private byte[] VerifyProof(string clientFinal)
    {
        var credential = _credential!;
        var proofAt = clientFinal.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0)
        {
            _state = State.Done;
            throw Malformed("client-final-message has no proof");
        }

        var withoutProof = clientFinal[..proofAt];
        var attributes = ParseAttributes(withoutProof);
        if (attributes.Count < 2 || attributes[0].Key != 'c' || attributes[1].Key != 'r')
        {
            _state = State.Done;
            throw Malformed("client-final-message must start with c= and r=");
        }

        if (attributes[0].Value != Convert.ToBase64String(Encoding.UTF8.GetBytes(_gs2Header)) || attributes[1].Value != _combinedNonce)
        {
            _state = State.Done;
            throw AuthErrors.Failed();
        }

        byte[] proof;
        try
        {
            proof = Convert.FromBase64String(clientFinal[(proofAt + 3)..]);
        }
        catch (FormatException)
        {
            _state = State.Done;
            throw Malformed("the proof is not base64");
        }

        var authMessage = Encoding.UTF8.GetBytes(_clientFirstBare + "," + _serverFirst + "," + withoutProof);
        var clientSignature = _mechanism.Hmac(credential.StoredKey, authMessage);
        if (proof.Length != clientSignature.Length)
        {
            _state = State.Done;
            throw AuthErrors.Failed();
        }

        // ClientKey = ClientProof XOR ClientSignature; the proof is right when H(ClientKey) is the StoredKey.
        for (var i = 0; i < proof.Length; i++)
        {
            proof[i] ^= clientSignature[i];
        }

        if (!CryptographicOperations.FixedTimeEquals(_mechanism.HashOf(proof), credential.StoredKey))
        {
            _state = State.Done;
            throw AuthErrors.Failed();
        }

        _proofVerified = true;
        var serverSignature = _mechanism.Hmac(credential.ServerKey, authMessage);
        return Encoding.UTF8.GetBytes("v=" + Convert.ToBase64String(serverSignature));
    }

    private static string RandomNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private static string Decode(ReadOnlySpan<byte> payload)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("the payload is not UTF-8");
        }
    }

    private static List<KeyValuePair<char, string>> ParseAttributes(string message)
    {
        var result = new List<KeyValuePair<char, string>>();
        foreach (var part in message.Split(','))
        {
            if (part.Length < 2 || part[1] != '=')
            {
                throw Malformed($"invalid attribute '{part}'");
            }

            if (part[0] == 'm')
            {
                throw Malformed("mandatory extensions are not supported");
            }

            result.Add(new(part[0], part[2..]));
        }

        return result;
    }

    // saslname: "=2C" encodes ',' and "=3D" encodes '='; any other '=' is an error (RFC 5802 §5.1).
    private static string DecodeSaslName(string value)
    {
        if (!value.Contains('=', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '=')
            {
                builder.Append(value[i]);
            }
            else if (string.CompareOrdinal(value, i, "=2C", 0, 3) == 0)
            {
                builder.Append(',');
                i += 2;
            }
            else if (string.CompareOrdinal(value, i, "=3D", 0, 3) == 0)
            {
                builder.Append('=');
                i += 2;
            }
            else
            {
                throw Malformed("invalid escape in the user name");
            }
        }

        return builder.ToString();
    }

    private static MongoServerException Malformed(string what) => new(ErrorCodes.BadValue, "Invalid SCRAM message: " + what);
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace OpenQuizz.Typed;

/// <summary>
/// Immutable authentication settings: user name, source database, mechanism, password and mechanism properties.
/// The password (and the AWS session token) never appear in <see cref="ToString"/>, in hash codes or in error messages.
/// </summary>
public sealed class MongoCredential : IEquatable<MongoCredential>
{
    private const string External = "$external";
    private const string Admin = "admin";

    private static readonly IReadOnlyDictionary<string, object> NoProperties =
        new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    /// <summary>Creates a credential; mechanism-specific rules are checked when the client settings are validated.</summary>
    /// <param name="mechanism">One of <see cref="AuthMechanism"/>, or null to negotiate SCRAM with the server.</param>
    /// <param name="username">The user name; optional for MONGODB-X509, MONGODB-AWS and MONGODB-OIDC.</param>
    /// <param name="password">The password (or AWS secret key); null when the mechanism takes none.</param>
    /// <param name="source">The authentication database; null picks the mechanism's default (<c>admin</c> or <c>$external</c>).</param>
    /// <param name="mechanismProperties">Mechanism properties; names are case-insensitive.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> or <paramref name="mechanism"/> is empty, or a property name repeats.</exception>
    public MongoCredential(
        string? mechanism,
        string? username,
        string? password = null,
        string? source = null,
        IEnumerable<KeyValuePair<string, object>>? mechanismProperties = null)
    {
        if (mechanism is { Length: 0 })
        {
            throw new ArgumentException("The mechanism cannot be empty; use null to negotiate.", nameof(mechanism));
        }

        if (source is { Length: 0 })
        {
            throw new ArgumentException("The authentication source cannot be empty.", nameof(source));
        }

        Mechanism = mechanism;
        Username = username;
        Password = password;
        Source = source ?? DefaultSource(mechanism);
        MechanismProperties = CopyProperties(mechanismProperties);
    }

    /// <summary>The mechanism, or null when it is negotiated (SCRAM-SHA-256 or SCRAM-SHA-1).</summary>
    public string? Mechanism { get; }

    /// <summary>The user name, or null when the mechanism derives the identity elsewhere.</summary>
    public string? Username { get; }

    /// <summary>The password or secret; never shown by <see cref="ToString"/>.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? Password { get; }

    /// <summary>The database the authentication conversation runs against.</summary>
    public string Source { get; }

    /// <summary>The mechanism properties with case-insensitive names; empty when none.</summary>
    public IReadOnlyDictionary<string, object> MechanismProperties { get; }

    /// <summary>A credential whose SCRAM mechanism is negotiated with the server.</summary>
    public static MongoCredential CreateCredential(string username, string password, string source = Admin) =>
        new(null, username, password, source);

    /// <summary>A SCRAM-SHA-1 credential.</summary>
    public static MongoCredential CreateScramSha1(string username, string password, string source = Admin) =>
        new(AuthMechanism.ScramSha1, username, password, source);

    /// <summary>A SCRAM-SHA-256 credential.</summary>
    public static MongoCredential CreateScramSha256(string username, string password, string source = Admin) =>
        new(AuthMechanism.ScramSha256, username, password, source);

    /// <summary>A PLAIN (LDAP) credential.</summary>
    public static MongoCredential CreatePlain(string username, string password, string source = External) =>
        new(AuthMechanism.Plain, username, password, source);

    /// <summary>An X.509 credential; the user name is optional (taken from the certificate by the server).</summary>
    public static MongoCredential CreateMongoX509(string? username = null) =>
        new(AuthMechanism.MongoDbX509, username, null, External);

    /// <summary>A Kerberos credential.</summary>
    public static MongoCredential CreateGssapi(string username, string? password = null) =>
        new(AuthMechanism.Gssapi, username, password, External);

    /// <summary>An AWS credential; with no keys, they are taken from the environment at authentication time.</summary>
    public static MongoCredential CreateMongoAws(string? accessKeyId = null, string? secretAccessKey = null, string? sessionToken = null) =>
        new(
            AuthMechanism.MongoDbAws,
            accessKeyId,
            secretAccessKey,
            External,
            sessionToken is null ? null : [new(AuthMechanism.Properties.AwsSessionToken, sessionToken)]);

    /// <summary>An OIDC credential using a built-in environment (<c>azure</c>, <c>gcp</c>, <c>k8s</c> or <c>test</c>).</summary>
    public static MongoCredential CreateOidc(string environment, string? username = null, string? tokenResource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        var properties = new List<KeyValuePair<string, object>> { new(AuthMechanism.Properties.Environment, environment) };
        if (tokenResource is not null)
        {
            properties.Add(new(AuthMechanism.Properties.TokenResource, tokenResource));
        }

        return new MongoCredential(AuthMechanism.MongoDbOidc, username, null, External, properties);
    }

    /// <summary>Returns a copy with the property <paramref name="name"/> set (replacing any value of that name).</summary>
    public MongoCredential WithMechanismProperty(string name, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        var properties = new Dictionary<string, object>(MechanismProperties, StringComparer.OrdinalIgnoreCase) { [name] = value };
        return new MongoCredential(Mechanism, Username, Password, Source, properties);
    }

    /// <summary>Returns a copy with another password.</summary>
    public MongoCredential WithPassword(string? password) => new(Mechanism, Username, password, Source, MechanismProperties);

    /// <summary>True when every field, the password included, is equal; the password is compared in constant time.</summary>
    public bool Equals(MongoCredential? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return string.Equals(Mechanism, other.Mechanism, StringComparison.Ordinal)
            && string.Equals(Username, other.Username, StringComparison.Ordinal)
            && string.Equals(Source, other.Source, StringComparison.Ordinal)
            && PropertiesEqual(MechanismProperties, other.MechanismProperties)
            && SecretsEqual(Password, other.Password);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MongoCredential);

    /// <summary>A hash of the non-secret fields only, so that hash codes reveal nothing about the password.</summary>
    public override int GetHashCode() => HashCode.Combine(Mechanism, Username, Source, MechanismProperties.Count);

    /// <summary>Describes the credential without its password or any secret property value.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("MongoCredential { Mechanism = ");
        text.Append(Mechanism ?? "(negotiated)");
        text.Append(", Username = ").Append(Username ?? "(none)");
        text.Append(", Source = ").Append(Source);
        if (Password is not null)
        {
            text.Append(", Password = ***");
        }

        if (MechanismProperties.Count > 0)
        {
            text.Append(", MechanismProperties = { ");
            text.AppendJoin(", ", MechanismProperties.Select(p => $"{p.Key}: {DescribeProperty(p.Key, p.Value)}"));
            text.Append(" }");
        }

        return text.Append(" }").ToString();
    }

    private static string DefaultSource(string? mechanism) => mechanism switch
    {
        AuthMechanism.Gssapi or AuthMechanism.MongoDbX509 or AuthMechanism.MongoDbAws
            or AuthMechanism.MongoDbOidc or AuthMechanism.Plain => External,
        _ => Admin,
    };

    private static IReadOnlyDictionary<string, object> CopyProperties(IEnumerable<KeyValuePair<string, object>>? properties)
    {
        if (properties is null)
        {
            return NoProperties;
        }

        var copy = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in properties)
        {
            if (string.IsNullOrEmpty(name) || value is null)
            {
                throw new ArgumentException("A mechanism property needs a non-empty name and a value.", nameof(properties));
            }

            if (!copy.TryAdd(name, value))
            {
                throw new ArgumentException($"The mechanism property '{name}' is given twice.", nameof(properties));
            }
        }

        return copy.Count == 0 ? NoProperties : copy.AsReadOnly();
    }

    // Secret-bearing properties are shown by name only, like the password.
    private static string DescribeProperty(string name, object value) =>
        string.Equals(name, AuthMechanism.Properties.AwsSessionToken, StringComparison.OrdinalIgnoreCase) ? "***"
        : value is string text ? text
        : $"<{value.GetType().Name}>";

    private static bool PropertiesEqual(IReadOnlyDictionary<string, object> left, IReadOnlyDictionary<string, object> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (name, value) in left)
        {
            if (!right.TryGetValue(name, out var other))
            {
                return false;
            }

            var equal = value is string a && other is string b ? SecretsEqual(a, b) : Equals(value, other);
            if (!equal)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SecretsEqual(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        // Constant time (for equal lengths) so that comparing settings does not time the secret.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
    }
}

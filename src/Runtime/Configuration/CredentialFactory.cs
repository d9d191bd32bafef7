namespace OpenQuizz.Typed.Configuration;

/// <summary>Derives the credential of a connection string (auth spec: mechanism, source and properties).</summary>
internal static class CredentialFactory
{
    private const string External = "$external";
    private const string Admin = "admin";
    private const string DefaultServiceName = "mongodb";

    private static readonly string[] KnownProperties =
    [
        AuthMechanism.Properties.ServiceName, AuthMechanism.Properties.CanonicalizeHostName, AuthMechanism.Properties.ServiceRealm,
        AuthMechanism.Properties.ServiceHost, AuthMechanism.Properties.AwsSessionToken, AuthMechanism.Properties.Environment,
        AuthMechanism.Properties.TokenResource, AuthMechanism.Properties.OidcCallback, AuthMechanism.Properties.OidcHumanCallback,
        AuthMechanism.Properties.AllowedHosts,
    ];

    /// <summary>
    /// Returns the credential the string asks for, or null: user information (even empty) or an <c>authMechanism</c>
    /// request authentication, while a database or <c>authSource</c> alone does not. Mechanism rules are checked later
    /// by <see cref="CredentialRules"/>, because code may still complete the credential (an OIDC callback, say).
    /// </summary>
    /// <exception cref="MongoConfigurationException">The mechanism is unknown, or a property is not allowed in a connection string.</exception>
    public static MongoCredential? FromConnectionString(ConnectionString connectionString)
    {
        var values = connectionString.Values;
        if (!connectionString.HasUserInfo && values.AuthMechanism is null)
        {
            return null;
        }

        string? mechanism = null;
        if (values.AuthMechanism is { } name)
        {
            mechanism = AuthMechanism.All.FirstOrDefault(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new MongoConfigurationException(
                    $"Invalid connection string: the authMechanism '{name}' is not supported; use one of {string.Join(", ", AuthMechanism.All)}.");
        }

        var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values.AuthMechanismProperties ?? new Dictionary<string, string>())
        {
            properties[Array.Find(KnownProperties, k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) ?? key] = value;
        }

        if (properties.ContainsKey(AuthMechanism.Properties.AllowedHosts))
        {
            throw new MongoConfigurationException(
                "Invalid connection string: the mechanism property ALLOWED_HOSTS can only be set in code, never in a connection string.");
        }

        if (mechanism == AuthMechanism.Gssapi)
        {
            properties.TryAdd(AuthMechanism.Properties.ServiceName, DefaultServiceName);
        }

        var source = values.AuthSource ?? DefaultSource(mechanism, connectionString.Database);
        return new MongoCredential(mechanism, connectionString.Username, connectionString.Password, source, properties);
    }

    // Auth spec, per mechanism: the external mechanisms always use $external; PLAIN and SCRAM default to the URI database.
    private static string DefaultSource(string? mechanism, string? database) => mechanism switch
    {
        AuthMechanism.Gssapi or AuthMechanism.MongoDbX509 or AuthMechanism.MongoDbAws or AuthMechanism.MongoDbOidc => External,
        AuthMechanism.Plain => database ?? External,
        _ => database ?? Admin,
    };
}

namespace OpenQuizz.Typed.Configuration;

/// <summary>The auth spec's per-mechanism rules on a credential. Messages name the mechanism and property, never a secret.</summary>
internal static class CredentialRules
{
    private const string External = "$external";

    private static readonly string[] GssapiProperties =
    [
        AuthMechanism.Properties.ServiceName, AuthMechanism.Properties.CanonicalizeHostName,
        AuthMechanism.Properties.ServiceRealm, AuthMechanism.Properties.ServiceHost,
    ];

    private static readonly string[] AwsProperties = [AuthMechanism.Properties.AwsSessionToken];

    private static readonly string[] OidcProperties =
    [
        AuthMechanism.Properties.Environment, AuthMechanism.Properties.TokenResource, AuthMechanism.Properties.OidcCallback,
        AuthMechanism.Properties.OidcHumanCallback, AuthMechanism.Properties.AllowedHosts,
    ];

    private static readonly string[] CanonicalizeHostNameValues = ["none", "forward", "forwardAndReverse", "true", "false"];

    /// <summary>Checks <paramref name="credential"/>.</summary>
    /// <param name="credential">The credential.</param>
    /// <param name="complete">
    /// False while the settings come straight from a connection string: then an OIDC credential may still lack its
    /// environment or callback, which only code can supply.
    /// </param>
    /// <param name="prefix">The start of every message ("Invalid connection string: " or "Invalid client settings: ").</param>
    /// <exception cref="MongoConfigurationException">A rule is broken.</exception>
    public static void Validate(MongoCredential credential, bool complete, string prefix)
    {
        var mechanism = credential.Mechanism;
        var label = mechanism ?? "the default mechanism (SCRAM)";
        switch (mechanism)
        {
            case null or AuthMechanism.ScramSha1 or AuthMechanism.ScramSha256 or AuthMechanism.Plain:
                RequireUsername(credential, label, prefix);
                if (credential.Password is null)
                {
                    throw Error(prefix, $"{label} requires a password.");
                }

                AllowProperties(credential, label, [], prefix);
                break;
            case AuthMechanism.Gssapi:
                RequireUsername(credential, label, prefix);
                RequireExternal(credential, label, prefix);
                AllowProperties(credential, label, GssapiProperties, prefix);
                if (credential.MechanismProperties.TryGetValue(AuthMechanism.Properties.CanonicalizeHostName, out var canonicalize)
                    && !(canonicalize is bool || (canonicalize is string text
                        && CanonicalizeHostNameValues.Contains(text, StringComparer.OrdinalIgnoreCase))))
                {
                    throw Error(prefix, "GSSAPI's CANONICALIZE_HOST_NAME must be none, forward or forwardAndReverse.");
                }

                break;
            case AuthMechanism.MongoDbX509:
                RejectPassword(credential, label, prefix);
                RequireExternal(credential, label, prefix);
                AllowProperties(credential, label, [], prefix);
                break;
            case AuthMechanism.MongoDbAws:
                ValidateAws(credential, label, prefix);
                break;
            case AuthMechanism.MongoDbOidc:
                ValidateOidc(credential, complete, label, prefix);
                break;
            default:
                throw Error(prefix, $"the authentication mechanism '{mechanism}' is not supported; use one of {string.Join(", ", AuthMechanism.All)}.");
        }
    }

    // Auth spec, MONGODB-AWS: an access key ID and a secret come together; a session token needs both.
    private static void ValidateAws(MongoCredential credential, string label, string prefix)
    {
        RequireExternal(credential, label, prefix);
        AllowProperties(credential, label, AwsProperties, prefix);
        var hasUser = !string.IsNullOrEmpty(credential.Username);
        var hasSecret = credential.Password is not null;
        if (hasUser != hasSecret)
        {
            throw Error(prefix, "MONGODB-AWS needs both an access key ID (user name) and a secret access key (password), or neither.");
        }

        if (!hasUser && credential.MechanismProperties.ContainsKey(AuthMechanism.Properties.AwsSessionToken))
        {
            throw Error(prefix, "MONGODB-AWS accepts AWS_SESSION_TOKEN only together with an access key ID and a secret access key.");
        }
    }

    private static void ValidateOidc(MongoCredential credential, bool complete, string label, string prefix)
    {
        RejectPassword(credential, label, prefix);
        RequireExternal(credential, label, prefix);
        AllowProperties(credential, label, OidcProperties, prefix);
        var properties = credential.MechanismProperties;
        var hasCallback = properties.ContainsKey(AuthMechanism.Properties.OidcCallback);
        var hasHumanCallback = properties.ContainsKey(AuthMechanism.Properties.OidcHumanCallback);
        var hasTokenResource = properties.ContainsKey(AuthMechanism.Properties.TokenResource);
        if (hasCallback && hasHumanCallback)
        {
            throw Error(prefix, "MONGODB-OIDC takes either OIDC_CALLBACK or OIDC_HUMAN_CALLBACK, not both.");
        }

        if (!properties.TryGetValue(AuthMechanism.Properties.Environment, out var environmentValue))
        {
            if (complete && !hasCallback && !hasHumanCallback)
            {
                throw Error(prefix, "MONGODB-OIDC needs an ENVIRONMENT mechanism property or an OIDC callback.");
            }

            if (hasTokenResource)
            {
                throw Error(prefix, "MONGODB-OIDC's TOKEN_RESOURCE applies only to the azure and gcp environments.");
            }

            return;
        }

        if (hasCallback || hasHumanCallback)
        {
            throw Error(prefix, "MONGODB-OIDC takes either an ENVIRONMENT or a callback, not both.");
        }

        switch (environmentValue as string)
        {
            case "test":
                if (credential.Username is not null)
                {
                    throw Error(prefix, "MONGODB-OIDC's test environment takes no user name.");
                }

                if (hasTokenResource)
                {
                    throw Error(prefix, "MONGODB-OIDC's TOKEN_RESOURCE applies only to the azure and gcp environments.");
                }

                break;
            case "azure" or "gcp":
                if (!hasTokenResource)
                {
                    throw Error(prefix, $"MONGODB-OIDC's {environmentValue} environment needs a TOKEN_RESOURCE (the token audience).");
                }

                break;
            case "k8s":
                break;
            default:
                throw Error(prefix, "MONGODB-OIDC's ENVIRONMENT must be one of test, azure, gcp or k8s.");
        }
    }

    private static void RequireUsername(MongoCredential credential, string label, string prefix)
    {
        if (string.IsNullOrEmpty(credential.Username))
        {
            throw Error(prefix, $"{label} requires a user name.");
        }
    }

    private static void RejectPassword(MongoCredential credential, string label, string prefix)
    {
        if (credential.Password is not null)
        {
            throw Error(prefix, $"{label} takes no password.");
        }
    }

    private static void RequireExternal(MongoCredential credential, string label, string prefix)
    {
        if (credential.Source != External)
        {
            throw Error(prefix, $"{label} authenticates against '$external'; remove authSource or set it to $external.");
        }
    }

    private static void AllowProperties(MongoCredential credential, string label, string[] allowed, string prefix)
    {
        foreach (var name in credential.MechanismProperties.Keys)
        {
            if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw Error(prefix, allowed.Length == 0
                    ? $"{label} takes no mechanism properties, but {Quote(name)} is given."
                    : $"{label} does not support the mechanism property {Quote(name)} (supported: {string.Join(", ", allowed)}).");
            }
        }
    }

    // A malformed "name" may hold part of a secret value (a mistyped separator), so only identifier-like names are quoted.
    private static string Quote(string name) =>
        name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"'{name}'" : "(a malformed name, not shown)";

    private static MongoConfigurationException Error(string prefix, string message) => new(prefix + message);
}

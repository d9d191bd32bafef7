namespace OpenQuizz.Typed;

/// <summary>The names of the authentication mechanisms, as written in the <c>authMechanism</c> option.</summary>
public static class AuthMechanism
{
    /// <summary>SCRAM with SHA-1.</summary>
    public const string ScramSha1 = "SCRAM-SHA-1";

    /// <summary>SCRAM with SHA-256.</summary>
    public const string ScramSha256 = "SCRAM-SHA-256";

    /// <summary>SASL PLAIN (LDAP proxy authentication).</summary>
    public const string Plain = "PLAIN";

    /// <summary>X.509 client certificates.</summary>
    public const string MongoDbX509 = "MONGODB-X509";

    /// <summary>Kerberos.</summary>
    public const string Gssapi = "GSSAPI";

    /// <summary>AWS IAM credentials.</summary>
    public const string MongoDbAws = "MONGODB-AWS";

    /// <summary>OpenID Connect access tokens.</summary>
    public const string MongoDbOidc = "MONGODB-OIDC";

    /// <summary>Every mechanism name above.</summary>
    public static IReadOnlyList<string> All { get; } = [ScramSha1, ScramSha256, Plain, MongoDbX509, Gssapi, MongoDbAws, MongoDbOidc];

    /// <summary>The names of the mechanism properties this client knows.</summary>
    public static class Properties
    {
        /// <summary>GSSAPI: the Kerberos service name (default <c>mongodb</c>).</summary>
        public const string ServiceName = "SERVICE_NAME";

        /// <summary>GSSAPI: <c>none</c>, <c>forward</c> or <c>forwardAndReverse</c> host name canonicalization.</summary>
        public const string CanonicalizeHostName = "CANONICALIZE_HOST_NAME";

        /// <summary>GSSAPI: the service realm.</summary>
        public const string ServiceRealm = "SERVICE_REALM";

        /// <summary>GSSAPI: the service host used in the principal name.</summary>
        public const string ServiceHost = "SERVICE_HOST";

        /// <summary>MONGODB-AWS: the session token of temporary credentials (sensitive).</summary>
        public const string AwsSessionToken = "AWS_SESSION_TOKEN";

        /// <summary>MONGODB-OIDC: a built-in environment (<c>test</c>, <c>azure</c>, <c>gcp</c>, <c>k8s</c>).</summary>
        public const string Environment = "ENVIRONMENT";

        /// <summary>MONGODB-OIDC: the token audience for the azure and gcp environments.</summary>
        public const string TokenResource = "TOKEN_RESOURCE";

        /// <summary>MONGODB-OIDC: a machine callback supplied in code.</summary>
        public const string OidcCallback = "OIDC_CALLBACK";

        /// <summary>MONGODB-OIDC: a human (interactive) callback supplied in code.</summary>
        public const string OidcHumanCallback = "OIDC_HUMAN_CALLBACK";

        /// <summary>MONGODB-OIDC: host names the human callback may be used with; code only, never in a connection string.</summary>
        public const string AllowedHosts = "ALLOWED_HOSTS";
    }
}

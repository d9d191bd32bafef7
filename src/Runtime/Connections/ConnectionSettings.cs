using Microsoft.Extensions.Logging;
using OpenQuizz.Typed.Diagnostics;

namespace OpenQuizz.Typed.Connections;

/// <summary>
/// What a connection needs from the client settings, in one immutable value the pool shares between connections.
/// <see cref="ToString"/> never shows a secret (credentials and TLS key passwords describe themselves redacted).
/// </summary>
internal sealed record ConnectionSettings
{
    /// <summary>The <c>connectTimeoutMS</c> option; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>socketTimeoutMS</c> option; null or infinite for none.</summary>
    public TimeSpan? SocketTimeout { get; init; }

    /// <summary>TLS options, or null for a plain connection.</summary>
    public TlsSettings? Tls { get; init; }

    /// <summary>Compressors to offer, in order of preference.</summary>
    public IReadOnlyList<MongoCompressor> Compressors { get; init; } = [];

    /// <summary>The declared Stable API, if any; sent with the handshake and every command.</summary>
    public ServerApi? ServerApi { get; init; }

    /// <summary>The <c>loadBalanced</c> option.</summary>
    public bool LoadBalanced { get; init; }

    /// <summary>The <c>appname</c> option.</summary>
    public string? ApplicationName { get; init; }

    /// <summary>A wrapping library's driver information for the handshake metadata.</summary>
    public DriverInfo? DriverInfo { get; init; }

    /// <summary>The client's driver information including what was appended after it was created; when null, <see cref="DriverInfo"/> alone.</summary>
    public ClientMetadataSource? Metadata { get; init; }

    /// <summary>The credential to authenticate with, or null.</summary>
    public MongoCredential? Credential { get; init; }

    /// <summary>Whether to append a CRC-32C to uncompressed requests (replies' checksums are always verified).</summary>
    public bool SendChecksums { get; init; }

    /// <summary>How to open the byte stream; null for TCP/Unix sockets with <see cref="Tls"/>.</summary>
    public IStreamFactory? StreamFactory { get; init; }

    /// <summary>Where log messages go, or null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Who receives command monitoring events, or null.</summary>
    public ICommandEventSubscriber? CommandEvents { get; init; }

    /// <summary>The keep-alive idle time set on TCP sockets (the handshake spec suggests at most 120 s).</summary>
    public TimeSpan KeepAliveTime { get; init; } = TimeSpan.FromSeconds(120);

    internal TimeSpan? EffectiveSocketTimeout =>
        SocketTimeout is { } timeout && timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan ? timeout : null;
}

/// <summary>TLS options of the connection string. The key file password never appears in <see cref="ToString"/>.</summary>
internal sealed record TlsSettings
{
    /// <summary>A PEM file of certificate authorities to trust instead of the system's.</summary>
    public string? CAFile { get; init; }

    /// <summary>A PEM file holding the client certificate and its private key.</summary>
    public string? CertificateKeyFile { get; init; }

    /// <summary>The password of the encrypted private key in <see cref="CertificateKeyFile"/>.</summary>
    public string? CertificateKeyFilePassword { get; init; }

    /// <summary>A certificate revocation list (PEM or DER) checked against the server's certificate.</summary>
    public string? CrlFile { get; init; }

    /// <summary>Accept any server certificate (<c>tlsAllowInvalidCertificates</c>, or <c>tlsInsecure</c>).</summary>
    public bool AllowInvalidCertificates { get; init; }

    /// <summary>Accept a certificate issued to another host (<c>tlsAllowInvalidHostnames</c>, or <c>tlsInsecure</c>).</summary>
    public bool AllowInvalidHostnames { get; init; }

    /// <summary>Check revocation online (false with <c>tlsDisableCertificateRevocationCheck</c> or <c>tlsInsecure</c>).</summary>
    public bool CheckCertificateRevocation { get; init; }

    /// <summary>The <c>tlsInsecure</c> option: every relaxation above at once.</summary>
    public static TlsSettings Insecure { get; } = new() { AllowInvalidCertificates = true, AllowInvalidHostnames = true, CheckCertificateRevocation = false };

    public override string ToString() =>
        $"TlsSettings {{ CAFile = {CAFile}, CertificateKeyFile = {CertificateKeyFile}, CertificateKeyFilePassword = {(CertificateKeyFilePassword is null ? "(none)" : "***")}, CrlFile = {CrlFile}, AllowInvalidCertificates = {AllowInvalidCertificates}, AllowInvalidHostnames = {AllowInvalidHostnames}, CheckCertificateRevocation = {CheckCertificateRevocation} }}";
}

using Microsoft.Extensions.Logging;
using OpenQuizz.Typed.Diagnostics;

namespace OpenQuizz.Typed.Connections;

/// <summary>Builds the connection layer's settings from the client settings, in one place.</summary>
internal static class ConnectionSettingsFactory
{
    /// <summary>
    /// The connection settings of <paramref name="settings"/>, with its <see cref="MongoClientSettings.LoggerFactory"/> and
    /// <see cref="MongoClientSettings.CommandEventSubscriber"/> unless <paramref name="loggerFactory"/> or
    /// <paramref name="commandEvents"/> replace them.
    /// </summary>
    public static ConnectionSettings Create(MongoClientSettings settings, ILoggerFactory? loggerFactory = null, ICommandEventSubscriber? commandEvents = null, ClientMetadataSource? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Authentication.AuthenticatorFactory.EnsureSupported(settings.Credential);
        return new ConnectionSettings
        {
            ConnectTimeout = settings.ConnectTimeout,
            SocketTimeout = settings.SocketTimeout,
            Tls = CreateTls(settings),
            Compressors = settings.Compressors,
            ServerApi = settings.ServerApi,
            LoadBalanced = settings.LoadBalanced,
            ApplicationName = settings.ApplicationName,
            DriverInfo = settings.DriverInfo,
            Metadata = metadata,
            Credential = settings.Credential,
            LoggerFactory = loggerFactory ?? settings.LoggerFactory,
            CommandEvents = commandEvents ?? settings.CommandEventSubscriber,
        };
    }

    private static TlsSettings? CreateTls(MongoClientSettings settings)
    {
        var insecure = settings.TlsInsecure == true;

        // IsTlsEnabled also covers mongodb+srv, where TLS is on unless tls=false (seedlist discovery spec).
        if (!settings.IsTlsEnabled)
        {
            return null;
        }

        return new TlsSettings
        {
            CAFile = settings.TlsCAFile,
            CertificateKeyFile = settings.TlsCertificateKeyFile,
            CertificateKeyFilePassword = settings.TlsCertificateKeyFilePassword,
            CrlFile = settings.TlsCrlFile,
            AllowInvalidCertificates = insecure || settings.TlsAllowInvalidCertificates == true,
            AllowInvalidHostnames = insecure || settings.TlsAllowInvalidHostnames == true,
            CheckCertificateRevocation = !insecure && settings.TlsDisableCertificateRevocationCheck == false,
        };
    }
}

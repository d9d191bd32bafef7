using Microsoft.Extensions.Logging;
using OpenQuizz.Typed.Diagnostics;

namespace OpenQuizz.Typed.Connections;

/// <summary>Builds the connection layer's settings from the client settings, in one place.</summary>
internal static class ConnectionSettingsFactory
{
    /// <summary>The connection settings of <paramref name="settings"/>; the diagnostics sinks are not part of the client settings yet.</summary>
    public static ConnectionSettings Create(MongoClientSettings settings, ILoggerFactory? loggerFactory = null, ICommandEventSubscriber? commandEvents = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
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
            Credential = settings.Credential,
            LoggerFactory = loggerFactory,
            CommandEvents = commandEvents,
        };
    }

    private static TlsSettings? CreateTls(MongoClientSettings settings)
    {
        var insecure = settings.TlsInsecure == true;
        var anyOption = settings.TlsInsecure is not null || settings.TlsAllowInvalidCertificates is not null || settings.TlsAllowInvalidHostnames is not null
            || settings.TlsCAFile is not null || settings.TlsCertificateKeyFile is not null || settings.TlsCrlFile is not null
            || settings.TlsDisableCertificateRevocationCheck is not null;
        if (settings.Tls == false || (settings.Tls is null && !anyOption))
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

using MongoDB.Bson;
using System.Reflection;
using System.Runtime.InteropServices;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Connections;

/// <summary>The <c>client</c> document of the handshake: application, driver, OS and platform, within the 512-byte limit.</summary>
internal static class ClientMetadata
{
    public const string DriverName = "OpenQuizz.Typed";
    public const int MaxSize = 512;

    private static readonly string DriverVersion =
        typeof(ClientMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ClientMetadata).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>Builds the document, dropping optional fields in the spec's order until it fits in 512 bytes.</summary>
    public static BsonDocument Create(string? applicationName, DriverInfo? driverInfo)
    {
        var document = Build(applicationName, driverInfo, fullOs: true, platform: true);
        if (document.ToBytes().Length <= MaxSize)
        {
            return document;
        }

        document = Build(applicationName, driverInfo, fullOs: false, platform: true);
        if (document.ToBytes().Length <= MaxSize)
        {
            return document;
        }

        return Build(applicationName, driverInfo, fullOs: false, platform: false);
    }

    private static BsonDocument Build(string? applicationName, DriverInfo? driverInfo, bool fullOs, bool platform)
    {
        var client = new BsonDocument();
        if (!string.IsNullOrEmpty(applicationName))
        {
            client.Add("application", new BsonDocument("name", applicationName));
        }

        var name = driverInfo is null ? DriverName : $"{DriverName}|{driverInfo.Name}";
        var version = driverInfo?.Version is { } v ? $"{DriverVersion}|{v}" : DriverVersion;
        client.Add("driver", new BsonDocument { { "name", name }, { "version", version } });

        var os = new BsonDocument("type", OsType());
        if (fullOs)
        {
            os.Add("name", RuntimeInformation.OSDescription);
            os.Add("architecture", RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant());
            os.Add("version", Environment.OSVersion.Version.ToString());
        }

        client.Add("os", os);
        if (platform)
        {
            var text = RuntimeInformation.FrameworkDescription;
            client.Add("platform", driverInfo?.Platform is { } p ? $"{text}|{p}" : text);
        }

        return client;
    }

    private static string OsType() =>
        OperatingSystem.IsLinux() ? "Linux"
        : OperatingSystem.IsWindows() ? "Windows"
        : OperatingSystem.IsMacOS() ? "Darwin"
        : OperatingSystem.IsFreeBSD() ? "FreeBSD"
        : "unknown";
}

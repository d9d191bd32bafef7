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
    public static BsonDocument Create(string? applicationName, DriverInfo? driverInfo) =>
        Create(applicationName, driverInfo is null ? [] : [driverInfo]);

    /// <summary>
    /// Builds the document with several wrapping libraries' information (the settings' and those appended later), each
    /// appended to the driver's name, version and platform after a <c>|</c>.
    /// </summary>
    public static BsonDocument Create(string? applicationName, IReadOnlyList<DriverInfo> driverInfo)
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

    private static BsonDocument Build(string? applicationName, IReadOnlyList<DriverInfo> driverInfo, bool fullOs, bool platform)
    {
        var client = new BsonDocument();
        if (!string.IsNullOrEmpty(applicationName))
        {
            client.Add("application", new BsonDocument("name", applicationName));
        }

        var name = DriverName;
        var version = DriverVersion;
        var platformSuffix = string.Empty;
        foreach (var info in driverInfo)
        {
            name += "|" + info.Name;
            version += info.Version is { } v ? "|" + v : string.Empty;
            platformSuffix += info.Platform is { } p ? "|" + p : string.Empty;
        }

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
            client.Add("platform", text + platformSuffix);
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

using OpenQuizz.Typed.Conformance.Infrastructure;
using ParsedConnectionString = OpenQuizz.Typed.Configuration.ConnectionString;

namespace OpenQuizz.Typed.Conformance.ConnectionString;

/// <summary>
/// Runs a connection-string or uri-options case: the string is parsed (<see cref="ParsedConnectionString"/>) and turned
/// into <see cref="MongoClientSettings"/>; validity, warnings, hosts, user information and every listed option are checked.
/// </summary>
internal static class UriTestRunner
{
    public static void Run(string caseId, IReadOnlyDictionary<string, string> skips)
    {
        if (skips.TryGetValue(caseId, out var reason))
        {
            Assert.Skip(reason);
        }

        var spec = SpecFiles.Load(caseId);
        var test = spec.Deserialize(SpecJsonContext.Default.UriTestCase);
        ParsedConnectionString? parsed = null;
        MongoClientSettings? settings = null;
        MongoConfigurationException? error = null;
        try
        {
            parsed = ParsedConnectionString.Parse(test.Uri);
            settings = MongoClientSettings.FromConnectionString(test.Uri);
        }
        catch (MongoConfigurationException e)
        {
            error = e;
        }

        if (!test.Valid)
        {
            Assert.True(error is not null, $"{caseId}: expected an error; parsing succeeded with warnings [{Join(settings?.ParseWarnings)}].");
            return;
        }

        Assert.True(error is null, $"{caseId}: unexpected error: {error?.Message}");
        CheckWarnings(caseId, test.Warning, settings!.ParseWarnings);
        if (test.Hosts is { } hosts)
        {
            CheckHosts(caseId, hosts, parsed!.Hosts);
        }

        if (test.Auth is { } auth)
        {
            Assert.True(auth.Username == parsed!.Username, $"{caseId}: username '{parsed.Username}', expected '{auth.Username}'.");
            Assert.True(auth.Password == parsed.Password, $"{caseId}: the password differs from the expected one.");
            Assert.True(auth.Db == parsed.Database, $"{caseId}: database '{parsed.Database}', expected '{auth.Db}'.");
        }

        if (test.Options is { ValueKind: System.Text.Json.JsonValueKind.Object } options)
        {
            foreach (var option in options.EnumerateObject())
            {
                OptionAssert.Check(caseId, option.Name, option.Value, parsed!, settings);
            }
        }
    }

    internal static void CheckWarnings(string caseId, bool? expected, IReadOnlyList<string> warnings)
    {
        if (expected == true)
        {
            Assert.True(warnings.Count > 0, $"{caseId}: expected a warning, got none.");
        }
        else if (expected == false)
        {
            Assert.True(warnings.Count == 0, $"{caseId}: expected no warning, got [{Join(warnings)}].");
        }
    }

    private static void CheckHosts(string caseId, IReadOnlyList<HostExpectation> expected, IReadOnlyList<MongoServerAddress> actual)
    {
        Assert.True(expected.Count == actual.Count, $"{caseId}: {actual.Count} hosts [{Join(actual.Select(a => a.ToString()))}], expected {expected.Count}.");
        for (var i = 0; i < expected.Count; i++)
        {
            var (type, host, port) = (expected[i].Type, expected[i].Host, expected[i].Port);
            var address = actual[i];
            var kind = type switch
            {
                "ipv4" => MongoServerAddressKind.IPv4,
                "ip_literal" => MongoServerAddressKind.IPv6,
                "hostname" => MongoServerAddressKind.DnsName,
                "unix" => MongoServerAddressKind.UnixSocket,
                _ => throw new InvalidDataException($"{caseId}: unknown host type '{type}'."),
            };
            Assert.True(kind == address.Kind, $"{caseId}: host {i} is {address.Kind}, expected {kind}.");
            Assert.True(host == address.Host, $"{caseId}: host {i} is '{address.Host}', expected '{host}'.");
            var expectedPort = port ?? (kind == MongoServerAddressKind.UnixSocket ? 0 : MongoServerAddress.DefaultPort);
            Assert.True(expectedPort == address.Port, $"{caseId}: host {i} has port {address.Port}, expected {expectedPort}.");
        }
    }

    internal static string Join(IEnumerable<string>? items) => items is null ? string.Empty : string.Join(" | ", items);
}

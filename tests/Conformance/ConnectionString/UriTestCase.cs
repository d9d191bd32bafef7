using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenQuizz.Typed.Conformance.ConnectionString;

/// <summary>A case of the connection-string and uri-options suites.</summary>
/// <param name="Description">What the case checks.</param>
/// <param name="Uri">The connection string.</param>
/// <param name="Valid">False when parsing must fail.</param>
/// <param name="Warning">True when at least one warning is expected, false when none; null when unchecked.</param>
/// <param name="Hosts">The expected hosts, in order; null when unchecked.</param>
/// <param name="Auth">The expected user information and database; null when unchecked.</param>
/// <param name="Options">The expected option values (names case-insensitive); null when unchecked.</param>
internal sealed record UriTestCase(
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("warning")] bool? Warning,
    [property: JsonPropertyName("hosts")] IReadOnlyList<HostExpectation>? Hosts,
    [property: JsonPropertyName("auth")] AuthExpectation? Auth,
    [property: JsonPropertyName("options")] JsonElement? Options);

/// <summary>One expected host: <c>type</c> is ipv4, ip_literal, hostname or unix; a null port means the default.</summary>
internal sealed record HostExpectation(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int? Port);

/// <summary>The expected percent-decoded user name, password and database.</summary>
internal sealed record AuthExpectation(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("db")] string? Db);

using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenQuizz.Typed.Conformance.Auth;

/// <summary>A case of <c>auth/legacy/connection-string.json</c>.</summary>
/// <param name="Description">What the case checks.</param>
/// <param name="Uri">The connection string.</param>
/// <param name="Valid">False when building the client settings must fail.</param>
/// <param name="Credential">The expected credential; null (when valid) means no credential.</param>
internal sealed record AuthTestCase(
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("credential")] CredentialExpectation? Credential);

/// <summary>The expected credential; a null mechanism means the negotiated default, null properties mean none.</summary>
internal sealed record CredentialExpectation(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("mechanism")] string? Mechanism,
    [property: JsonPropertyName("mechanism_properties")] IReadOnlyDictionary<string, JsonElement>? MechanismProperties);

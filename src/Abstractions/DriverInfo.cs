namespace OpenQuizz.Typed;

/// <summary>Information about a library wrapping this client, appended to the handshake's driver metadata.</summary>
/// <param name="Name">The wrapping library's name.</param>
/// <param name="Version">Its version, if any.</param>
/// <param name="Platform">Its platform description, if any.</param>
public sealed record DriverInfo(string Name, string? Version = null, string? Platform = null);

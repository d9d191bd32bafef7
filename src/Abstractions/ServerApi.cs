using System.Globalization;

namespace OpenQuizz.Typed;

/// <summary>The Stable API declaration sent with every command: the version and, optionally, strictness and deprecation errors.</summary>
public sealed class ServerApi : IEquatable<ServerApi>
{
    /// <summary>Declares a Stable API version.</summary>
    /// <param name="version">The API version.</param>
    /// <param name="strict">When true, the server rejects commands outside the declared API.</param>
    /// <param name="deprecationErrors">When true, the server rejects deprecated commands and options.</param>
    public ServerApi(ServerApiVersion version, bool? strict = null, bool? deprecationErrors = null)
    {
        if (!Enum.IsDefined(version))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown Stable API version.");
        }

        Version = version;
        Strict = strict;
        DeprecationErrors = deprecationErrors;
    }

    /// <summary>The API version.</summary>
    public ServerApiVersion Version { get; }

    /// <summary>The version as sent in <c>apiVersion</c>, such as <c>"1"</c>.</summary>
    public string VersionString => ((int)Version).ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the server rejects commands outside the API; null leaves it unset.</summary>
    public bool? Strict { get; }

    /// <summary>Whether the server rejects deprecated behaviour; null leaves it unset.</summary>
    public bool? DeprecationErrors { get; }

    /// <inheritdoc/>
    public bool Equals(ServerApi? other) =>
        other is not null && other.Version == Version && other.Strict == Strict && other.DeprecationErrors == DeprecationErrors;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ServerApi);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Version, Strict, DeprecationErrors);

    /// <summary>Returns the declaration, such as <c>{ apiVersion: "1", apiStrict: true }</c>.</summary>
    public override string ToString()
    {
        var text = $"{{ apiVersion: \"{VersionString}\"";
        if (Strict is { } strict)
        {
            text += strict ? ", apiStrict: true" : ", apiStrict: false";
        }

        if (DeprecationErrors is { } errors)
        {
            text += errors ? ", apiDeprecationErrors: true" : ", apiDeprecationErrors: false";
        }

        return text + " }";
    }
}

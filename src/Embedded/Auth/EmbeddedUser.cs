namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// A user the server creates at start (see <see cref="EmbeddedServerOptions.InitialUser"/>); by default a
/// <c>root</c> user on <c>admin</c> that can authenticate with SCRAM-SHA-1 and SCRAM-SHA-256.
/// </summary>
/// <param name="Name">The user name, as given in the connection string.</param>
/// <param name="Password">The password; only SCRAM keys derived from it are kept.</param>
public sealed record EmbeddedUser(string Name, string Password)
{
    /// <summary>The authentication database of the user.</summary>
    public string Database { get; init; } = "admin";

    /// <summary>Built-in role names granted on <see cref="Database"/> (read, readWrite, dbAdmin, userAdmin, dbOwner, root, readAnyDatabase, …).</summary>
    public IReadOnlyList<string> Roles { get; init; } = ["root"];

    /// <summary>Hides the password from logs and exception messages.</summary>
    public override string ToString() => $"{Name}@{Database}";
}

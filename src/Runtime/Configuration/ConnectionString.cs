using System.Text;

namespace OpenQuizz.Typed.Configuration;

/// <summary>
/// A parsed <c>mongodb://</c> or <c>mongodb+srv://</c> connection string: hosts, percent-decoded user information,
/// default database, the accepted options, and the warnings produced while parsing (unknown options, ignored values,
/// repeated keys). Follows the connection-string and URI-options specifications; every error is a
/// <see cref="MongoConfigurationException"/> whose message never contains the password or a secret option value.
/// Parsing checks the syntax, each option's value and tls/ssl agreement; the rules between options (TLS conflicts,
/// directConnection, loadBalanced, srvMaxHosts, read preference, write concern, credential) are checked when settings
/// are built from it (<see cref="MongoClientSettings.FromConnectionString(string)"/>, <see cref="ClientSettingsValidator"/>).
/// </summary>
internal sealed partial class ConnectionString
{
    // The raw option text, kept only to replay it when SRV resolution adds TXT options; never shown.
    private readonly string? _query;

    private ConnectionString(
        ConnectionStringScheme scheme,
        IReadOnlyList<MongoServerAddress> hosts,
        UserInfo? userInfo,
        string? database,
        ParsedOptions options,
        string? query,
        IReadOnlyList<MongoServerAddress>? resolvedHosts = null)
    {
        _query = query;
        ResolvedHosts = resolvedHosts;
        Scheme = scheme;
        Hosts = hosts;
        HasUserInfo = userInfo is not null;
        Username = userInfo?.Username;
        Password = userInfo?.Password;
        Database = database;
        Options = options.Raw;
        Values = options.Values;
        Warnings = options.Warnings;
    }

    /// <summary>The scheme.</summary>
    public ConnectionStringScheme Scheme { get; }

    /// <summary>True for <c>mongodb+srv://</c>.</summary>
    public bool IsSrv => Scheme == ConnectionStringScheme.MongoDBPlusSrv;

    /// <summary>The hosts in order, as written; for SRV, the single DNS name to resolve (with the default port).</summary>
    public IReadOnlyList<MongoServerAddress> Hosts { get; }

    /// <summary>For SRV, the seed list found by DNS once <see cref="WithSrvResolution"/> ran; otherwise null.</summary>
    public IReadOnlyList<MongoServerAddress>? ResolvedHosts { get; }

    /// <summary>The DNS name whose SRV and TXT records give the seed list; null unless <see cref="IsSrv"/>.</summary>
    public string? SrvHost => IsSrv ? Hosts[0].Host : null;

    /// <summary>True when the string has user information (an '@'), which requests authentication even if empty.</summary>
    public bool HasUserInfo { get; }

    /// <summary>The percent-decoded user name.</summary>
    public string? Username { get; }

    /// <summary>The percent-decoded password; null when no ':' followed the user name.</summary>
    public string? Password { get; }

    /// <summary>The percent-decoded database after the host list; null when absent or empty.</summary>
    public string? Database { get; }

    /// <summary>The accepted options (canonical name → last accepted decoded value); names compare case-insensitively.</summary>
    /// <remarks>List options (<c>readPreferenceTags</c>) keep every occurrence in <see cref="Values"/>.</remarks>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>The typed option values.</summary>
    public UriOptionValues Values { get; }

    /// <summary>What was ignored or deprecated, in the order met; empty when the string is clean.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Returns the string with the password and secret option values replaced by <c>***</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(IsSrv ? "mongodb+srv://" : "mongodb://");
        if (HasUserInfo)
        {
            text.Append(Uri.EscapeDataString(Username ?? string.Empty));
            if (Password is not null)
            {
                text.Append(":***");
            }

            text.Append('@');
        }

        text.AppendJoin(',', Hosts.Select(h => h.IsUnixSocket ? Uri.EscapeDataString(h.Host) : h.ToString()));
        text.Append('/');
        if (Database is not null)
        {
            text.Append(Uri.EscapeDataString(Database));
        }

        if (Options.Count > 0)
        {
            text.Append('?');
            text.AppendJoin('&', Options.Select(o =>
                $"{o.Key}={(UriOptionNames.IsSensitive(o.Key) ? "***" : Uri.EscapeDataString(o.Value))}"));
        }

        return text.ToString();
    }

    /// <summary>The start of every connection-string error message.</summary>
    internal const string ErrorPrefix = "Invalid connection string: ";

    private static MongoConfigurationException Invalid(string message) => new(ErrorPrefix + message);

    private sealed record UserInfo(string Username, string? Password);

    private sealed record ParsedOptions(
        IReadOnlyDictionary<string, string> Raw,
        UriOptionValues Values,
        IReadOnlyList<string> Warnings);
}

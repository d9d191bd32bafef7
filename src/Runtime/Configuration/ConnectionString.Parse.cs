namespace OpenQuizz.Typed.Configuration;

internal sealed partial class ConnectionString
{
    private const string MongoDBPrefix = "mongodb://";
    private const string SrvPrefix = "mongodb+srv://";

    // RFC 3986 characters that may never appear unescaped in user information (besides '@' and a second ':').
    private const string UserInfoForbidden = "/?#[] \"<>\\^`{|}";

    // Characters a database name may not contain once decoded (connection-string spec, "Auth Database").
    private const string DatabaseForbidden = "/\\ \"$";

    /// <summary>Parses a connection string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is null.</exception>
    /// <exception cref="MongoConfigurationException">The string is not a valid connection string; the message names the part at fault.</exception>
    public static ConnectionString Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (connectionString.Length == 0)
        {
            throw Invalid("the string is empty.");
        }

        ConnectionStringScheme scheme;
        string rest;
        if (connectionString.StartsWith(MongoDBPrefix, StringComparison.OrdinalIgnoreCase))
        {
            scheme = ConnectionStringScheme.MongoDB;
            rest = connectionString[MongoDBPrefix.Length..];
        }
        else if (connectionString.StartsWith(SrvPrefix, StringComparison.OrdinalIgnoreCase))
        {
            scheme = ConnectionStringScheme.MongoDBPlusSrv;
            rest = connectionString[SrvPrefix.Length..];
        }
        else
        {
            throw Invalid("it must start with 'mongodb://' or 'mongodb+srv://'.");
        }

        // The host information ends at the first '/' or '?' (the slash before the options is optional).
        var end = rest.AsSpan().IndexOfAny('/', '?');
        var authority = end < 0 ? rest : rest[..end];
        string? path = null;
        string? query = null;
        if (end >= 0 && rest[end] == '/')
        {
            var afterSlash = rest[(end + 1)..];
            var question = afterSlash.IndexOf('?');
            path = question < 0 ? afterSlash : afterSlash[..question];
            query = question < 0 ? null : afterSlash[(question + 1)..];
        }
        else if (end >= 0)
        {
            query = rest[(end + 1)..];
        }

        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? null : ParseUserInfo(authority[..at]);
        var hostInfo = at < 0 ? authority : authority[(at + 1)..];
        if (hostInfo.Length == 0 && end >= 0 && rest[end] == '/' && at < 0 && path is { Length: > 0 })
        {
            throw Invalid("the host list is empty; a Unix domain socket path must be percent-encoded (for example %2Ftmp%2Fmongodb-27017.sock).");
        }

        var hosts = ParseHosts(hostInfo, scheme == ConnectionStringScheme.MongoDBPlusSrv);
        var database = ParseDatabase(path);
        var options = ParseOptions(query);
        return new ConnectionString(scheme, hosts, userInfo, database, options, query);
    }

    // The spec requires an error for '@', a second ':' or a bad '%' so that users learn to percent-encode;
    // messages describe the problem without quoting the user information, which holds the password.
    private static UserInfo ParseUserInfo(string userInfo)
    {
        if (userInfo.Contains('@'))
        {
            throw Invalid("the user name or password contains an unescaped '@'; percent-encode it as %40.");
        }

        var colon = userInfo.IndexOf(':');
        if (colon >= 0 && userInfo.IndexOf(':', colon + 1) >= 0)
        {
            throw Invalid("the user information contains more than one ':'; percent-encode a ':' in the user name or password as %3A.");
        }

        foreach (var c in userInfo)
        {
            if (UserInfoForbidden.Contains(c) || char.IsControl(c))
            {
                throw Invalid($"the user name or password contains the character {Describe(c)}, which must be percent-encoded.");
            }
        }

        var rawUser = colon < 0 ? userInfo : userInfo[..colon];
        var rawPassword = colon < 0 ? null : userInfo[(colon + 1)..];
        if (!PercentDecoder.TryDecode(rawUser, out var username) || (rawPassword is not null && !PercentDecoder.TryDecode(rawPassword, out _)))
        {
            throw Invalid("the user name or password contains a '%' that does not start a valid percent-encoded UTF-8 sequence; write '%' as %25.");
        }

        if (username.Length == 0)
        {
            throw Invalid("the user information before '@' has an empty user name.");
        }

        string? password = null;
        if (rawPassword is not null)
        {
            PercentDecoder.TryDecode(rawPassword, out var decodedPassword);
            password = decodedPassword;
        }

        return new UserInfo(username, password);
    }

    private static string? ParseDatabase(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        // An unescaped '@' here means user information held an unescaped '/' (the text may hold a password: not quoted).
        if (path.Contains('@'))
        {
            throw Invalid("an unescaped '@' follows the host list; if the user name or password contains '/', percent-encode it as %2F.");
        }

        if (!PercentDecoder.TryDecode(path, out var database))
        {
            throw Invalid("the database name is not validly percent-encoded.");
        }

        foreach (var c in database)
        {
            if (DatabaseForbidden.Contains(c))
            {
                throw Invalid($"the database name contains {Describe(c)}, which database names may not contain.");
            }
        }

        return database.Length == 0 ? null : database;
    }

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        _ when char.IsControl(c) => "a control character",
        _ => $"'{c}'",
    };
}

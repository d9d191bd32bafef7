namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// Where users live. The in-memory store is the default; a persistent one (written beside the data files) can
/// replace it without touching the commands or the SCRAM code.
/// </summary>
internal interface IUserStore
{
    /// <summary>Whether no user exists in any database (the localhost exception applies then).</summary>
    bool IsEmpty { get; }

    StoredUser? Find(string database, string name);

    /// <summary>Adds the user; false when one of that name already exists on the database.</summary>
    bool TryAdd(StoredUser user);

    /// <summary>Replaces an existing user; false when it no longer exists.</summary>
    bool TryReplace(StoredUser user);

    bool Remove(string database, string name);

    /// <summary>Removes every user of the database and answers how many there were.</summary>
    int RemoveAll(string database);

    /// <summary>The users of one database, or of all when <paramref name="database"/> is null, ordered by database then name.</summary>
    IReadOnlyList<StoredUser> List(string? database);
}

/// <summary>Users kept in memory for the life of the server.</summary>
internal sealed class InMemoryUserStore : IUserStore
{
    private readonly Dictionary<(string Database, string Name), StoredUser> _users = [];
    private readonly Lock _lock = new();

    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _users.Count == 0;
            }
        }
    }

    public StoredUser? Find(string database, string name)
    {
        lock (_lock)
        {
            return _users.GetValueOrDefault((database, name));
        }
    }

    public bool TryAdd(StoredUser user)
    {
        lock (_lock)
        {
            return _users.TryAdd((user.Database, user.Name), user);
        }
    }

    public bool TryReplace(StoredUser user)
    {
        lock (_lock)
        {
            if (!_users.ContainsKey((user.Database, user.Name)))
            {
                return false;
            }

            _users[(user.Database, user.Name)] = user;
            return true;
        }
    }

    public bool Remove(string database, string name)
    {
        lock (_lock)
        {
            return _users.Remove((database, name));
        }
    }

    public int RemoveAll(string database)
    {
        lock (_lock)
        {
            var removed = 0;
            foreach (var key in _users.Keys.Where(k => k.Database == database).ToList())
            {
                _users.Remove(key);
                removed++;
            }

            return removed;
        }
    }

    public IReadOnlyList<StoredUser> List(string? database)
    {
        lock (_lock)
        {
            return [.. _users.Values
                .Where(u => database is null || u.Database == database)
                .OrderBy(u => u.Database, StringComparer.Ordinal)
                .ThenBy(u => u.Name, StringComparer.Ordinal)];
        }
    }
}

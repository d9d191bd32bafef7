using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// Users of a persistent server: kept in memory and written to <c>users.bson</c> in the data directory after every
/// change (a temporary file flushed to disk, then renamed over the old one, so a crash leaves the old or the new
/// set, never a mix). Like mongod's <c>admin.system.users</c>, the file holds salts and SCRAM keys, never passwords.
/// The data directory's own lock keeps two servers from sharing it.
/// </summary>
internal sealed class FileUserStore : IUserStore
{
    private const string FileName = "users.bson";
    private readonly InMemoryUserStore _users = new();
    private readonly string _path;
    private readonly Lock _write = new();

    private FileUserStore(string directory) => _path = Path.Combine(directory, FileName);

    public bool IsEmpty => _users.IsEmpty;

    /// <summary>Loads the users saved in <paramref name="directory"/>, if any.</summary>
    /// <exception cref="InvalidDataException">The file is damaged.</exception>
    public static FileUserStore Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var store = new FileUserStore(directory);
        if (File.Exists(store._path))
        {
            BsonDocument saved;
            try
            {
                saved = BsonDocument.FromBytes(File.ReadAllBytes(store._path));
                foreach (var user in saved["users"].AsBsonArray)
                {
                    store._users.TryAdd(FromDocument(user.AsBsonDocument));
                }
            }
            catch (Exception ex) when (ex is not IOException and not UnauthorizedAccessException)
            {
                throw new InvalidDataException($"the user file {store._path} is damaged: {ex.Message}", ex);
            }
        }

        return store;
    }

    public StoredUser? Find(string database, string name) => _users.Find(database, name);

    public IReadOnlyList<StoredUser> List(string? database) => _users.List(database);

    public bool TryAdd(StoredUser user) => Save(_users.TryAdd(user));

    public bool TryReplace(StoredUser user) => Save(_users.TryReplace(user));

    public bool Remove(string database, string name) => Save(_users.Remove(database, name));

    public int RemoveAll(string database)
    {
        var removed = _users.RemoveAll(database);
        Save(removed > 0);
        return removed;
    }

    private bool Save(bool changed)
    {
        if (!changed)
        {
            return false;
        }

        lock (_write)
        {
            var users = new BsonArray();
            foreach (var user in _users.List(null))
            {
                users.Add(ToDocument(user));
            }

            var temporary = _path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(new BsonDocument("users", users).ToBytes());
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }

        return true;
    }

    private static BsonDocument ToDocument(StoredUser user)
    {
        var roles = new BsonArray();
        foreach (var role in user.Roles)
        {
            roles.Add(role.ToDocument());
        }

        var credentials = new BsonDocument();
        foreach (var credential in user.Credentials)
        {
            credentials.Add(credential.Mechanism.Name, new BsonDocument
            {
                { "iterationCount", credential.Iterations },
                { "salt", new BsonBinaryData(credential.Salt) },
                { "storedKey", new BsonBinaryData(credential.StoredKey) },
                { "serverKey", new BsonBinaryData(credential.ServerKey) },
            });
        }

        var document = new BsonDocument
        {
            { "_id", user.Id },
            { "userId", BsonBinaryData.FromGuid(user.UserId, UuidRepresentation.Standard) },
            { "user", user.Name },
            { "db", user.Database },
            { "roles", roles },
            { "credentials", credentials },
        };
        if (user.CustomData is not null)
        {
            document.Add("customData", user.CustomData);
        }

        return document;
    }

    private static StoredUser FromDocument(BsonDocument document)
    {
        var roles = new List<RoleGrant>();
        foreach (var role in document["roles"].AsBsonArray)
        {
            roles.Add(new RoleGrant(role["role"].AsString, role["db"].AsString));
        }

        var credentials = new List<ScramCredential>();
        foreach (var element in document["credentials"].AsBsonDocument)
        {
            var mechanism = ScramMechanism.Find(element.Name) ?? throw new InvalidDataException($"unknown mechanism {element.Name}");
            var value = element.Value.AsBsonDocument;
            credentials.Add(new ScramCredential(
                mechanism,
                ((BsonBinaryData)value["salt"]).Bytes,
                value["iterationCount"].ToInt32(),
                ((BsonBinaryData)value["storedKey"]).Bytes,
                ((BsonBinaryData)value["serverKey"]).Bytes));
        }

        return new StoredUser(
            document["db"].AsString,
            document["user"].AsString,
            ((BsonBinaryData)document["userId"]).ToGuid(),
            roles,
            credentials,
            document.TryGetValue("customData", out var customData) ? customData.AsBsonDocument : null);
    }
}

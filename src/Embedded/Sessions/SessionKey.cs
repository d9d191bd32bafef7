using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Sessions;

/// <summary>
/// A logical session's identity as mongod keys it: the client's <c>lsid.id</c> (a UUID) and <c>uid</c>, the
/// SHA-256 digest of the user who uses it (<c>"user@db"</c>, or of the empty string when authentication is off).
/// Two users presenting the same id are two different sessions, so neither can reach the other's cursors or retries.
/// </summary>
internal readonly record struct SessionKey(Guid Id, string Uid)
{
    /// <summary>The digest of a server without authentication (mongod's kNoAuthDigest: SHA-256 of "").</summary>
    public static readonly string NoAuthUid = Convert.ToHexString(SHA256.HashData([]));

    // Every command of an authenticated session needs its user's digest: computed once per user, not per command.
    private static readonly ConcurrentDictionary<(string Database, string Name), string> Uids = new();

    /// <summary>The digest of <paramref name="name"/>@<paramref name="database"/>, as mongod computes a user's.</summary>
    public static string UidOf(string database, string name) =>
        Uids.GetOrAdd((database, name), static user => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user.Name + "@" + user.Database))));

    /// <summary><c>{id: UUID, uid: BinData}</c>, the form stored in the journal and reported back.</summary>
    public BsonDocument ToDocument() => new()
    {
        { "id", BsonBinaryData.FromGuid(Id, UuidRepresentation.Standard) },
        { "uid", new BsonBinaryData(Convert.FromHexString(Uid)) },
    };

    /// <summary>Reads <see cref="ToDocument"/>'s form back (from the journal or the snapshot).</summary>
    public static SessionKey FromDocument(BsonDocument document) =>
        new(((BsonBinaryData)document["id"]).ToGuid(), Convert.ToHexString(((BsonBinaryData)document["uid"]).Bytes));

    public override string ToString() => $"{Id} - {Uid}";
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// A user as the server keeps it (mongod's <c>admin.system.users</c> document): identity, roles and one SCRAM
/// credential per mechanism. Immutable: updates replace the whole value, so readers never see a half change.
/// </summary>
internal sealed record StoredUser(
    string Database,
    string Name,
    Guid UserId,
    IReadOnlyList<RoleGrant> Roles,
    IReadOnlyList<ScramCredential> Credentials,
    BsonDocument? CustomData)
{
    /// <summary>mongod's <c>_id</c> of the user document: "db.user".</summary>
    public string Id => Database + "." + Name;

    public ScramCredential? CredentialFor(ScramMechanism mechanism)
    {
        foreach (var credential in Credentials)
        {
            if (ReferenceEquals(credential.Mechanism, mechanism))
            {
                return credential;
            }
        }

        return null;
    }

    public BsonArray MechanismNames()
    {
        var names = new BsonArray();
        foreach (var credential in Credentials)
        {
            names.Add(credential.Mechanism.Name);
        }

        return names;
    }

    /// <summary>The usersInfo entry; credentials only when asked for (they are still only keys, never a password).</summary>
    public BsonDocument ToUsersInfoDocument(bool showCredentials)
    {
        var roles = new BsonArray();
        foreach (var role in Roles)
        {
            roles.Add(role.ToDocument());
        }

        var document = new BsonDocument
        {
            { "_id", Id },
            { "userId", BsonBinaryData.FromGuid(UserId, UuidRepresentation.Standard) },
            { "user", Name },
            { "db", Database },
        };
        if (CustomData is not null)
        {
            document.Add("customData", CustomData.DeepClone());
        }

        document.Add("roles", roles);
        if (showCredentials)
        {
            var credentials = new BsonDocument();
            foreach (var credential in Credentials)
            {
                credentials.Add(credential.Mechanism.Name, credential.ToDocument());
            }

            document.Add("credentials", credentials);
        }

        document.Add("mechanisms", MechanismNames());
        return document;
    }
}

using System.ComponentModel;

namespace OpenQuizz.Typed.Bson.Codecs;

/// <summary>One generated <c>[MongoDatabase]</c> class: its type, its database name and how to create it.</summary>
/// <param name="DatabaseType">The <c>[MongoDatabase]</c> class.</param>
/// <param name="DatabaseName">The name given to <see cref="MongoDatabaseAttribute"/>.</param>
/// <param name="FromClient">Creates the class over <c>client.GetDatabase(DatabaseName)</c>.</param>
/// <param name="FromDatabase">Creates the class over a given database (for example one with other options).</param>
public sealed record MongoDatabaseRegistration(
    Type DatabaseType,
    string DatabaseName,
    Func<IMongoClient, object> FromClient,
    Func<IMongoDatabase, object> FromDatabase);

/// <summary>
/// Every <c>[MongoDatabase]</c> class of the application, filled at start-up by generated module initializers (one
/// per assembly; an assembly also registers the assemblies it references that have database classes, so the entry
/// assembly's initializer covers the whole application). The runtime's <c>AddOpenQuizzMongo()</c> reads it instead of
/// scanning assemblies.
/// </summary>
public static class MongoDatabaseRegistry
{
    private static readonly Lock s_gate = new();
    private static MongoDatabaseRegistration[] s_registrations = [];

    /// <summary>The registered database classes, in registration order.</summary>
    public static IReadOnlyList<MongoDatabaseRegistration> Registrations => Volatile.Read(ref s_registrations);

    /// <summary>Adds <paramref name="registration"/> unless its type is registered already; returns whether it was added.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool Register(MongoDatabaseRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        lock (s_gate)
        {
            var current = s_registrations;
            foreach (var existing in current)
            {
                if (existing.DatabaseType == registration.DatabaseType)
                {
                    return false;
                }
            }

            Volatile.Write(ref s_registrations, [.. current, registration]);
            return true;
        }
    }
}

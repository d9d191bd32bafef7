using MongoDB.Bson;
using OpenQuizz.Typed.Embedded;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>
/// A server the unified tests run against: the embedded server started in-process (standalone or a one-member replica
/// set), or a real MongoDB when <c>OPENQUIZZ_MONGODB_URI</c> is set. Each is started once and shared by every case; the
/// cases run one at a time (see <see cref="UnifiedCollection"/>).
/// </summary>
public sealed class UnifiedTarget
{
    public const string UriVariable = "OPENQUIZZ_MONGODB_URI";

    private const string AuthUser = "unified";
    private const string AuthPassword = "unified-password";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, UnifiedTarget> Started = new(StringComparer.Ordinal);

    private UnifiedTarget(string name, string topology, string connectionString, Version version, bool auth, MongoClient internalClient)
    {
        Name = name;
        Topology = topology;
        ConnectionString = connectionString;
        ServerVersion = version;
        Auth = auth;
        InternalClient = internalClient;
    }

    /// <summary>"embedded standalone", "embedded replica set", "embedded replica set with auth" or "external".</summary>
    public string Name { get; }

    /// <summary>The runOnRequirements topology name: single, replicaset, sharded or load-balanced.</summary>
    public string Topology { get; }

    public string ConnectionString { get; }

    /// <summary>The version buildInfo reports.</summary>
    public Version ServerVersion { get; }

    public bool Auth { get; }

    /// <summary>The runner's own client: initial data, outcome, fail points and assertions, never observed.</summary>
    public MongoClient InternalClient { get; }

    public bool IsEmbedded => Name.StartsWith("embedded", StringComparison.Ordinal);

    /// <summary>
    /// The targets of this run: the external one when configured, else the embedded standalone, replica set and replica
    /// set with authentication (SCRAM, a root user in the connection string), in order; a target starts when a case first needs it.
    /// </summary>
    public static IReadOnlyList<string> Candidates() =>
        Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } ? ["external"] : ["single", "replicaset", "replicaset-auth"];

    /// <summary>The topology a candidate target reports, without starting it (the external one is asked).</summary>
    public static async Task<UnifiedTarget> GetAsync(string candidate)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Started.TryGetValue(candidate, out var target))
            {
                target = await StartAsync(candidate);
                Started[candidate] = target;
            }

            return target;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<UnifiedTarget> StartAsync(string candidate)
    {
        string connectionString;
        string name;
        switch (candidate)
        {
            case "single":
                connectionString = (await EmbeddedMongoServer.StartAsync()).ConnectionString;
                name = "embedded standalone";
                break;
            case "replicaset":
                connectionString = (await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { ReplicaSetName = "rs0" })).ConnectionString;
                name = "embedded replica set";
                break;
            case "replicaset-auth":
                var secured = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions
                {
                    ReplicaSetName = "rs0",
                    RequireAuthentication = true,
                    InitialUser = new Embedded.Auth.EmbeddedUser(AuthUser, AuthPassword),
                });
                connectionString = secured.ConnectionString.Replace("mongodb://", $"mongodb://{AuthUser}:{AuthPassword}@", StringComparison.Ordinal);
                name = "embedded replica set with auth";
                break;
            default:
                connectionString = Environment.GetEnvironmentVariable(UriVariable)!;
                name = "external";
                break;
        }

        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        var client = new MongoClient(settings);
        var admin = client.GetDatabase("admin");
        var hello = await admin.RunCommandAsync(new BsonDocument("hello", 1));
        var buildInfo = await admin.RunCommandAsync(new BsonDocument("buildInfo", 1));
        var topology = hello.GetValue("msg", "").ToString() == "isdbgrid" ? "sharded"
            : hello.Contains("setName") ? "replicaset"
            : hello.Contains("serviceId") ? "load-balanced"
            : "single";
        var version = ParseVersion(buildInfo["version"].AsString);
        return new UnifiedTarget(name, topology, connectionString, version, settings.Credential is not null, client);
    }

    /// <summary>"7.0.0", "4.4", "8.0.0-rc1" → a Version with missing parts as 0.</summary>
    public static Version ParseVersion(string text)
    {
        var core = text.Split('-', '+')[0];
        var parts = core.Split('.').Select(p => int.TryParse(p, out var n) ? n : 0).Concat([0, 0, 0]).Take(3).ToArray();
        return new Version(parts[0], parts[1], parts[2]);
    }
}

/// <summary>The unified cases share servers and namespaces, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[TestCaseOrderer(typeof(UnifiedCaseOrderer))]
public sealed class UnifiedCollection
{
    public const string Name = "unified";
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Cursors;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Read;

namespace OpenQuizz.Typed;

// The client's operations: databases with options, listDatabases, buildInfo, and ending the server sessions on close.
public sealed partial class MongoClient
{
    /// <summary>Runs every operation of this client (selection, sessions, retries).</summary>
    internal OperationExecutor Executor { get; }

    /// <summary>The database named <paramref name="name"/>, with <paramref name="options"/> overriding the client's settings.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid database name.</exception>
    public MongoDatabase GetDatabase(string name, DatabaseOptions options) => new(this, name, options);

    IMongoDatabase IMongoClient.GetDatabase(string name, DatabaseOptions options) => GetDatabase(name, options);

    IMongoDatabase IMongoClient.GetDefaultDatabase(string? fallback, DatabaseOptions? options) =>
        options is null ? GetDefaultDatabase(fallback) : GetDatabase(GetDefaultDatabase(fallback).Name, options);

    /// <summary>The databases of the deployment, one document each (<c>name</c>, <c>sizeOnDisk</c>, <c>empty</c>).</summary>
    public async Task<IAsyncCursor<BsonDocument>> ListDatabasesAsync(ListDatabasesOptions? options = null, CancellationToken cancellationToken = default) =>
        AsyncCursor<BsonDocument>.FromList(await Executor.ExecuteAsync(new ListDatabasesOperation(options), ReadSettings(), cancellationToken).ConfigureAwait(false),
            new CollectionNamespace("admin", "$cmd.listDatabases"), BsonDocumentCodec.Instance);

    /// <inheritdoc cref="ListDatabasesAsync"/>
    public IAsyncCursor<BsonDocument> ListDatabases(ListDatabasesOptions? options = null, CancellationToken cancellationToken = default) =>
        AsyncCursor<BsonDocument>.FromList(Executor.Execute(new ListDatabasesOperation(options), ReadSettings(), cancellationToken),
            new CollectionNamespace("admin", "$cmd.listDatabases"), BsonDocumentCodec.Instance);

    /// <summary>The names of the deployment's databases.</summary>
    public async Task<IReadOnlyList<string>> ListDatabaseNamesAsync(ListDatabasesOptions? options = null, CancellationToken cancellationToken = default) =>
        Names(await Executor.ExecuteAsync(new ListDatabasesOperation((options ?? new ListDatabasesOptions()) with { NameOnly = true }), ReadSettings(), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc cref="ListDatabaseNamesAsync"/>
    public IReadOnlyList<string> ListDatabaseNames(ListDatabasesOptions? options = null, CancellationToken cancellationToken = default) =>
        Names(Executor.Execute(new ListDatabasesOperation((options ?? new ListDatabasesOptions()) with { NameOnly = true }), ReadSettings(), cancellationToken));

    /// <summary>The server's <c>buildInfo</c> (PyMongo's <c>server_info()</c>).</summary>
    public Task<BsonDocument> GetServerInfoAsync(CancellationToken cancellationToken = default) =>
        Executor.ExecuteAsync(BuildInfo(), ReadSettings(), cancellationToken).AsTask();

    /// <inheritdoc cref="GetServerInfoAsync"/>
    public BsonDocument GetServerInfo(CancellationToken cancellationToken = default) => Executor.Execute(BuildInfo(), ReadSettings(), cancellationToken);

    Task<IAsyncCursor<BsonDocument>> IMongoClient.ListDatabasesAsync(ListDatabasesOptions? options, CancellationToken cancellationToken) => ListDatabasesAsync(options, cancellationToken);

    IAsyncCursor<BsonDocument> IMongoClient.ListDatabases(ListDatabasesOptions? options, CancellationToken cancellationToken) => ListDatabases(options, cancellationToken);

    Task<IReadOnlyList<string>> IMongoClient.ListDatabaseNamesAsync(ListDatabasesOptions? options, CancellationToken cancellationToken) => ListDatabaseNamesAsync(options, cancellationToken);

    IReadOnlyList<string> IMongoClient.ListDatabaseNames(ListDatabasesOptions? options, CancellationToken cancellationToken) => ListDatabaseNames(options, cancellationToken);

    Task<BsonDocument> IMongoClient.GetServerInfoAsync(CancellationToken cancellationToken) => GetServerInfoAsync(cancellationToken);

    BsonDocument IMongoClient.GetServerInfo(CancellationToken cancellationToken) => GetServerInfo(cancellationToken);

    // listDatabases and buildInfo go to the primary, as the server-selection spec has it for commands without a preference.
    private static OperationSettings ReadSettings() => OperationSettings.Default;

    private static RunCommandOperation<BsonDocument> BuildInfo() => new("admin", new BsonDocument("buildInfo", 1), BsonDocumentCodec.Instance);

    private static List<string> Names(List<BsonDocument> databases)
    {
        var names = new List<string>(databases.Count);
        foreach (var database in databases)
        {
            names.Add(database["name"].AsString);
        }

        return names;
    }

    // driver-sessions spec: on close, end the pooled server sessions in batches of 10,000 on a primaryPreferred server,
    // ignoring every error; only when the deployment was ever reached (a session exists only if it was).
    private async ValueTask EndSessions(bool async)
    {
        var sessions = Executor.Sessions.Close();
        if (sessions.Count == 0)
        {
            return;
        }

        var settings = new OperationSettings { ReadPreference = ReadPreference.PrimaryPreferred, DisableRetries = true };
        for (var start = 0; start < sessions.Count; start += EndSessionsOperation.MaxBatch)
        {
            var ids = new List<BsonDocument>(Math.Min(EndSessionsOperation.MaxBatch, sessions.Count - start));
            for (var i = start; i < sessions.Count && i < start + EndSessionsOperation.MaxBatch; i++)
            {
                ids.Add(sessions[i].ToLsidDocument());
            }

            try
            {
                using var timeout = new CancellationTokenSource(_settings.ServerSelectionTimeout);
                var operation = new EndSessionsOperation(ids);
                if (async)
                {
                    await Executor.ExecuteAsync(operation, settings, timeout.Token).ConfigureAwait(false);
                }
                else
                {
                    Executor.Execute(operation, settings, timeout.Token);
                }
            }
            catch (Exception e) when (e is MongoException or OperationCanceledException or TimeoutException or ObjectDisposedException)
            {
                // Ending sessions is a courtesy to the server, which expires them by itself.
            }
        }
    }
}

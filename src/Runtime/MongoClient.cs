using MongoDB.Bson;
using OpenQuizz.Typed.Bson.Codecs;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed;

/// <summary>
/// A MongoDB client: owns the topology (one monitor and one connection pool per server) and hands out databases.
/// Create one per application and share it; it is thread-safe. Discovery starts in the background at construction;
/// members that need a server (<see cref="Address"/>, <see cref="IsPrimary"/>…) wait for it, up to
/// <c>serverSelectionTimeoutMS</c>. The counterpart of PyMongo's <c>MongoClient</c> and Motor's <c>MotorClient</c>.
/// </summary>
public sealed partial class MongoClient : IMongoClient, IDisposable, IAsyncDisposable, IEquatable<MongoClient>
{
    /// <summary>The host a client without settings connects to.</summary>
    public const string DefaultHost = "localhost";

    /// <summary>The port a client without settings connects to.</summary>
    public const int DefaultPort = MongoServerAddress.DefaultPort;

    private readonly MongoClientSettings _settings;
    private readonly Cluster _cluster;
    private readonly Configuration.SrvPoller? _srvPoller;
    private readonly Connections.ClientMetadataSource _metadata;
    private int _disposed;

    /// <summary>Creates a client of <c>mongodb://localhost:27017</c>.</summary>
    public MongoClient()
        : this(new MongoClientSettings())
    {
    }

    /// <summary>Creates a client from a connection string (<c>mongodb://</c> or <c>mongodb+srv://</c>).</summary>
    /// <exception cref="MongoConfigurationException">The string or one of its options is invalid.</exception>
    public MongoClient(string connectionString)
        : this(MongoClientSettings.FromConnectionString(connectionString ?? throw new ArgumentNullException(nameof(connectionString))))
    {
    }

    /// <summary>Creates a client from settings; later changes to <paramref name="settings"/> do not affect it.</summary>
    /// <exception cref="MongoConfigurationException">The settings are invalid as a whole.</exception>
    public MongoClient(MongoClientSettings settings)
        : this(settings, diagnostics: null)
    {
    }

    /// <summary>Creates a client whose logs and events go to <paramref name="diagnostics"/> rather than the settings' sinks (tests).</summary>
    internal MongoClient(MongoClientSettings settings, ClusterDiagnostics? diagnostics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings.Clone();
        _metadata = new Connections.ClientMetadataSource(_settings.DriverInfo);
        _cluster = ClusterFactory.Create(_settings, diagnostics, time: null, _metadata, out _srvPoller);
        Executor = new Operations.OperationExecutor(_cluster,
            new Operations.ExecutorSettings(_settings.RetryReads, _settings.RetryWrites, _settings.LocalThreshold), new Sessions.ServerSessionPool());
        _cluster.Open();
        _srvPoller?.Start();
    }

    /// <summary>
    /// Appends a wrapping library's information to the driver metadata of the connections opened from now on (handshake
    /// spec); open connections are neither closed nor sent another hello. The same name, version and platform twice is one.
    /// </summary>
    public void AppendMetadata(DriverInfo driverInfo) => _metadata.Append(driverInfo);

    /// <summary>A copy of the client's settings; changing it does not change the client.</summary>
    public MongoClientSettings Settings => _settings.Clone();

    /// <summary>The current view of the deployment: an immutable snapshot, replaced on every change.</summary>
    public TopologyDescription TopologyDescription => _cluster.Description;

    /// <summary>The most connections each server's pool opens (<c>maxPoolSize</c>); 0 for no limit.</summary>
    public int MaxPoolSize => _settings.MaxPoolSize;

    /// <summary>The connections each server's pool keeps open (<c>minPoolSize</c>).</summary>
    public int MinPoolSize => _settings.MinPoolSize;

    /// <summary>How long a pooled connection may stay idle (<c>maxIdleTimeMS</c>); null for no limit.</summary>
    public TimeSpan? MaxIdleTime => _settings.MaxIdleTime;

    /// <summary>The latency window of server selection (<c>localThresholdMS</c>).</summary>
    public TimeSpan LocalThreshold => _settings.LocalThreshold;

    /// <summary>How long an operation waits for a suitable server (<c>serverSelectionTimeoutMS</c>).</summary>
    public TimeSpan ServerSelectionTimeout => _settings.ServerSelectionTimeout;

    /// <summary>Whether supported writes are retried once (<c>retryWrites</c>).</summary>
    public bool RetryWrites => _settings.RetryWrites;

    /// <summary>Whether supported reads are retried once (<c>retryReads</c>).</summary>
    public bool RetryReads => _settings.RetryReads;

    /// <summary>The default read preference of this client's databases.</summary>
    public ReadPreference ReadPreference => _settings.ReadPreference;

    /// <summary>The default write concern of this client's databases.</summary>
    public WriteConcern WriteConcern => _settings.WriteConcern;

    /// <summary>The default read concern of this client's databases.</summary>
    public ReadConcern ReadConcern => _settings.ReadConcern;

    /// <summary>How codecs of this client's collections encode values (<c>uuidRepresentation</c>).</summary>
    public BsonCodecOptions CodecOptions => _settings.GuidRepresentation == GuidRepresentation.Unspecified
        ? BsonCodecOptions.Default
        : new BsonCodecOptions { GuidRepresentation = _settings.GuidRepresentation };

    /// <summary>The live topology, for the operation executor: select a server, rent a connection from its pool.</summary>
    internal Cluster Cluster
    {
        get
        {
            ThrowIfDisposed();
            return _cluster;
        }
    }

    /// <summary>The client's own settings (not a copy); never mutate them.</summary>
    internal MongoClientSettings FrozenSettings => _settings;

    /// <summary>The database named <paramref name="name"/> (cheap, no I/O).</summary>
    /// <exception cref="InvalidNameException">The name is not a valid database name.</exception>
    public MongoDatabase this[string name] => GetDatabase(name);

    /// <inheritdoc cref="this[string]"/>
    public MongoDatabase GetDatabase(string name) => new(this, name);

    IMongoDatabase IMongoClient.GetDatabase(string name) => GetDatabase(name);

    /// <summary>The database named in the connection string, else <paramref name="fallback"/>.</summary>
    /// <exception cref="MongoConfigurationException">Neither names a database.</exception>
    public MongoDatabase GetDefaultDatabase(string? fallback = null) =>
        GetDatabase(_settings.DefaultDatabase ?? fallback ?? throw new MongoConfigurationException("No default database name is defined in the connection string and none was provided."));

    /// <summary>Stops the monitors (and SRV polling) and closes the connection pools. The client cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            EndSessions(async: false).GetAwaiter().GetResult();
            _cluster.Dispose();

            // Stopping the poller cancels its wait at once; only its task's end is left to run on the pool.
            _ = _srvPoller?.DisposeAsync().AsTask();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await EndSessions(async: true).ConfigureAwait(false);
            _cluster.Dispose();
            if (_srvPoller is not null)
            {
                await _srvPoller.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The same as <see cref="Dispose"/> (PyMongo's <c>close()</c>).</summary>
    public void Close() => Dispose();

    /// <summary>True when both clients have equal seeds and options (PyMongo's <c>__eq__</c>); the topology's state is not compared.</summary>
    public bool Equals(MongoClient? other) => other is not null && (ReferenceEquals(this, other) || _settings.Equals(other._settings));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MongoClient);

    /// <inheritdoc/>
    public override int GetHashCode() => _settings.GetHashCode();

    /// <summary>The seeds, the options that differ from their defaults and the current topology; never a password.</summary>
    public override string ToString() => $"MongoClient {{ Settings = {_settings}, Topology = {_cluster.Description} }}";

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}

namespace OpenQuizz.Typed.DependencyInjection;

/// <summary>
/// The client settings an application keeps in configuration: the section <c>OpenQuizz:Mongo</c> (for a keyed client,
/// <c>OpenQuizz:Mongo:{key}</c>) is bound to it, and <c>ConnectionStrings:Mongo</c> (<c>ConnectionStrings:{key}</c>),
/// when present, supplies <see cref="ConnectionString"/>. A setting left null keeps the connection string's value.
/// </summary>
/// <remarks>
/// Precedence, lowest first: the options of the connection string, the settings below, then the
/// <c>Action&lt;MongoClientSettings&gt;</c> given to <c>AddOpenQuizzMongo</c>. Named options: the unkeyed client uses
/// the default name, a keyed client its key, so <c>services.Configure&lt;OpenQuizzMongoOptions&gt;(key, …)</c> works too.
/// </remarks>
public sealed class OpenQuizzMongoOptions
{
    /// <summary>The configuration section bound to the unkeyed client's options.</summary>
    public const string ConfigurationSectionName = "OpenQuizz:Mongo";

    /// <summary>The name, under <c>ConnectionStrings</c>, of the unkeyed client's connection string.</summary>
    public const string DefaultConnectionStringName = "Mongo";

    /// <summary>The <c>mongodb://</c> or <c>mongodb+srv://</c> connection string; required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The application name sent in the handshake (<c>appname</c>).</summary>
    public string? ApplicationName { get; set; }

    /// <summary>How long server selection may take (<c>serverSelectionTimeoutMS</c>).</summary>
    public TimeSpan? ServerSelectionTimeout { get; set; }

    /// <summary>How long to wait for a TCP connection and handshake (<c>connectTimeoutMS</c>).</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>The client-side operation timeout (<c>timeoutMS</c>).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The maximum connections per server (<c>maxPoolSize</c>); 0 for no maximum.</summary>
    public int? MaxPoolSize { get; set; }

    /// <summary>The connections each pool keeps open (<c>minPoolSize</c>).</summary>
    public int? MinPoolSize { get; set; }

    /// <summary>How long a pooled connection may stay idle (<c>maxIdleTimeMS</c>).</summary>
    public TimeSpan? MaxIdleTime { get; set; }

    /// <summary>The interval between server checks (<c>heartbeatFrequencyMS</c>).</summary>
    public TimeSpan? HeartbeatFrequency { get; set; }

    /// <summary>Retry supported reads once (<c>retryReads</c>).</summary>
    public bool? RetryReads { get; set; }

    /// <summary>Retry supported writes once (<c>retryWrites</c>).</summary>
    public bool? RetryWrites { get; set; }

    /// <summary>Use TLS (<c>tls</c>).</summary>
    public bool? Tls { get; set; }

    /// <summary>The replica set name (<c>replicaSet</c>).</summary>
    public string? ReplicaSetName { get; set; }

    /// <summary>Connect to the single host only, without discovery (<c>directConnection</c>).</summary>
    public bool? DirectConnection { get; set; }
}

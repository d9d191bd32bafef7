using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenQuizz.Typed.DependencyInjection;

/// <summary>Builds the registered clients' settings from their named <see cref="OpenQuizzMongoOptions"/> and the container's services.</summary>
internal static class MongoClientFactory
{
    /// <summary>The options name of a client: the default name for the unkeyed client, else its key.</summary>
    public static string OptionsName(string? serviceKey) => serviceKey ?? Options.DefaultName;

    /// <summary>Binds configuration to the options of the client registered under <paramref name="serviceKey"/>; without an <see cref="IConfiguration"/> in the container it does nothing.</summary>
    public static void BindConfiguration(IConfiguration? configuration, OpenQuizzMongoOptions options, string? serviceKey)
    {
        if (configuration is null)
        {
            return;
        }

        var section = serviceKey is null
            ? OpenQuizzMongoOptions.ConfigurationSectionName
            : ConfigurationPath.Combine(OpenQuizzMongoOptions.ConfigurationSectionName, serviceKey);

        // Intercepted by the configuration binder's source generator: no reflection (see the csproj).
        configuration.GetSection(section).Bind(options);

        if (configuration.GetConnectionString(serviceKey ?? OpenQuizzMongoOptions.DefaultConnectionStringName) is { Length: > 0 } connectionString)
        {
            options.ConnectionString = connectionString;
        }
    }

    public static MongoClient Create(IServiceProvider services, string? serviceKey, string? connectionString, Action<MongoClientSettings>? configureSettings)
    {
        var options = services.GetRequiredService<IOptionsMonitor<OpenQuizzMongoOptions>>().Get(OptionsName(serviceKey));
        var settings = CreateSettings(options, connectionString, serviceKey);
        settings.LoggerFactory ??= services.GetService<ILoggerFactory>();
        configureSettings?.Invoke(settings);
        return new MongoClient(settings);
    }

    /// <summary>The connection string's settings, overridden by those <paramref name="options"/> sets.</summary>
    /// <exception cref="MongoConfigurationException">No connection string is configured, or it is invalid.</exception>
    public static MongoClientSettings CreateSettings(OpenQuizzMongoOptions options, string? connectionString, string? serviceKey)
    {
        connectionString ??= options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new MongoConfigurationException(MissingConnectionStringMessage(serviceKey));
        }

        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ApplicationName = options.ApplicationName ?? settings.ApplicationName;
        settings.ServerSelectionTimeout = options.ServerSelectionTimeout ?? settings.ServerSelectionTimeout;
        settings.ConnectTimeout = options.ConnectTimeout ?? settings.ConnectTimeout;
        settings.Timeout = options.Timeout ?? settings.Timeout;
        settings.MaxPoolSize = options.MaxPoolSize ?? settings.MaxPoolSize;
        settings.MinPoolSize = options.MinPoolSize ?? settings.MinPoolSize;
        settings.MaxIdleTime = options.MaxIdleTime ?? settings.MaxIdleTime;
        settings.HeartbeatFrequency = options.HeartbeatFrequency ?? settings.HeartbeatFrequency;
        settings.RetryReads = options.RetryReads ?? settings.RetryReads;
        settings.RetryWrites = options.RetryWrites ?? settings.RetryWrites;
        settings.Tls = options.Tls ?? settings.Tls;
        settings.ReplicaSetName = options.ReplicaSetName ?? settings.ReplicaSetName;
        settings.DirectConnection = options.DirectConnection ?? settings.DirectConnection;
        return settings;
    }

    private static string MissingConnectionStringMessage(string? serviceKey)
    {
        var name = serviceKey ?? OpenQuizzMongoOptions.DefaultConnectionStringName;
        var section = serviceKey is null ? OpenQuizzMongoOptions.ConfigurationSectionName : $"{OpenQuizzMongoOptions.ConfigurationSectionName}:{serviceKey}";
        var call = serviceKey is null ? "AddOpenQuizzMongo(connectionString)" : $"AddKeyedOpenQuizzMongo(\"{serviceKey}\", connectionString)";
        return $"No MongoDB connection string is configured{(serviceKey is null ? "" : $" for the client \"{serviceKey}\"")}: "
            + $"set ConnectionStrings:{name} (environment variable ConnectionStrings__{name}) or {section}:ConnectionString, or call {call}.";
    }
}

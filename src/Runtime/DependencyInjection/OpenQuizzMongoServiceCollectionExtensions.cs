using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenQuizz.Typed;
using OpenQuizz.Typed.Bson.Codecs;
using OpenQuizz.Typed.DependencyInjection;

// The extension methods live where IServiceCollection does, as Microsoft.Extensions libraries do, so no using is needed.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OpenQuizz.Typed's MongoDB client and the application's <c>[MongoDatabase]</c> classes.</summary>
/// <remarks>
/// Every registration is a <c>TryAdd</c>: a service registered before (a fake <see cref="IMongoClient"/> in a test, a
/// database class built over other options) wins. The client is a singleton created on first use and disposed with the
/// container; each <c>[MongoDatabase]</c> class listed in <see cref="MongoDatabaseRegistry"/> is a singleton over it.
/// </remarks>
public static class OpenQuizzMongoServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMongoClient"/> and <see cref="MongoClient"/> with the connection string of
    /// <c>ConnectionStrings:Mongo</c> (or <c>OpenQuizz:Mongo:ConnectionString</c>) and the settings of the section
    /// <c>OpenQuizz:Mongo</c> (see <see cref="OpenQuizzMongoOptions"/>), and every <c>[MongoDatabase]</c> class.
    /// </summary>
    /// <remarks>Resolving the client throws <see cref="MongoConfigurationException"/> when no connection string is configured.</remarks>
    public static IServiceCollection AddOpenQuizzMongo(this IServiceCollection services) =>
        AddCore(services, serviceKey: null, connectionString: null, configureSettings: null);

    /// <summary>Registers the client of <paramref name="connectionString"/> (which wins over configuration) and every <c>[MongoDatabase]</c> class.</summary>
    /// <param name="services">The services to add to.</param>
    /// <param name="connectionString">A <c>mongodb://</c> or <c>mongodb+srv://</c> connection string.</param>
    /// <param name="configureSettings">Changes the settings last, after the connection string and configuration.</param>
    public static IServiceCollection AddOpenQuizzMongo(this IServiceCollection services, string connectionString, Action<MongoClientSettings>? configureSettings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return AddCore(services, serviceKey: null, connectionString, configureSettings);
    }

    /// <summary>Registers the client configured as by <see cref="AddOpenQuizzMongo(IServiceCollection)"/>, then changed by <paramref name="configureSettings"/>, and every <c>[MongoDatabase]</c> class.</summary>
    public static IServiceCollection AddOpenQuizzMongo(this IServiceCollection services, Action<MongoClientSettings> configureSettings)
    {
        ArgumentNullException.ThrowIfNull(configureSettings);
        return AddCore(services, serviceKey: null, connectionString: null, configureSettings);
    }

    /// <summary>
    /// Registers a second client as keyed services under <paramref name="serviceKey"/> (<c>[FromKeyedServices("key")] IMongoClient</c>),
    /// with the connection string of <c>ConnectionStrings:{serviceKey}</c> (or <c>OpenQuizz:Mongo:{serviceKey}:ConnectionString</c>),
    /// the settings of the section <c>OpenQuizz:Mongo:{serviceKey}</c>, and every <c>[MongoDatabase]</c> class keyed the same way.
    /// </summary>
    public static IServiceCollection AddKeyedOpenQuizzMongo(this IServiceCollection services, string serviceKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceKey);
        return AddCore(services, serviceKey, connectionString: null, configureSettings: null);
    }

    /// <summary>Registers a keyed client of <paramref name="connectionString"/> and the <c>[MongoDatabase]</c> classes over it, under <paramref name="serviceKey"/>.</summary>
    public static IServiceCollection AddKeyedOpenQuizzMongo(this IServiceCollection services, string serviceKey, string connectionString, Action<MongoClientSettings>? configureSettings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return AddCore(services, serviceKey, connectionString, configureSettings);
    }

    /// <summary>Registers a keyed client configured from <c>ConnectionStrings:{serviceKey}</c> and <c>OpenQuizz:Mongo:{serviceKey}</c>, then changed by <paramref name="configureSettings"/>.</summary>
    public static IServiceCollection AddKeyedOpenQuizzMongo(this IServiceCollection services, string serviceKey, Action<MongoClientSettings> configureSettings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceKey);
        ArgumentNullException.ThrowIfNull(configureSettings);
        return AddCore(services, serviceKey, connectionString: null, configureSettings);
    }

    private static IServiceCollection AddCore(IServiceCollection services, string? serviceKey, string? connectionString, Action<MongoClientSettings>? configureSettings)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Named options, so that services.Configure<OpenQuizzMongoOptions>(name, …) can change them too. Configuration is
        // optional: a bare ServiceCollection with an explicit connection string needs none.
        var optionsName = MongoClientFactory.OptionsName(serviceKey);
        services.AddOptions<OpenQuizzMongoOptions>(optionsName);
        services.AddSingleton<IConfigureOptions<OpenQuizzMongoOptions>>(provider => new ConfigureNamedOptions<OpenQuizzMongoOptions>(
            optionsName, options => MongoClientFactory.BindConfiguration(provider.GetService<IConfiguration>(), options, serviceKey)));

        // The unkeyed path avoids the keyed APIs altogether, so containers without keyed services keep working.
        if (serviceKey is null)
        {
            services.TryAddSingleton(provider => MongoClientFactory.Create(provider, serviceKey: null, connectionString, configureSettings));
            services.TryAddSingleton<IMongoClient>(provider => provider.GetRequiredService<MongoClient>());
            foreach (var database in MongoDatabaseRegistry.Registrations)
            {
                services.TryAdd(ServiceDescriptor.Singleton(database.DatabaseType, provider => database.FromClient(provider.GetRequiredService<IMongoClient>())));
            }
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (provider, _) => MongoClientFactory.Create(provider, serviceKey, connectionString, configureSettings));
            services.TryAddKeyedSingleton<IMongoClient>(serviceKey, (provider, key) => provider.GetRequiredKeyedService<MongoClient>(key));
            foreach (var database in MongoDatabaseRegistry.Registrations)
            {
                services.TryAdd(ServiceDescriptor.KeyedSingleton(database.DatabaseType, serviceKey, (provider, key) => database.FromClient(provider.GetRequiredKeyedService<IMongoClient>(key))));
            }
        }

        return services;
    }
}

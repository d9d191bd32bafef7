using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.DependencyInjection;

/// <summary>What <c>AddOpenQuizzMongo</c> registers, and that everything it registers can be overridden.</summary>
public sealed class ServiceCollectionExtensionsTests
{
    // Nothing listens on port 1 of the loopback interface: the clients built here never reach a server, and need none.
    private const string First = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300";
    private const string Second = "mongodb://127.0.0.2:1/?serverSelectionTimeoutMS=300";

    public ServiceCollectionExtensionsTests() => LibraryDb.Register();

    [Fact]
    public void The_client_and_the_database_classes_are_singletons_registered_once()
    {
        var services = new ServiceCollection();
        services.AddOpenQuizzMongo(First);
        services.AddOpenQuizzMongo(First);

        Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, d => d.ServiceType == typeof(IMongoClient)).Lifetime);
        Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, d => d.ServiceType == typeof(MongoClient)).Lifetime);
        Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, d => d.ServiceType == typeof(LibraryDb)).Lifetime);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var client = provider.GetRequiredService<MongoClient>();
        Assert.Same(client, provider.GetRequiredService<IMongoClient>());
        Assert.Same(client, provider.GetRequiredService<IMongoClient>());
        Assert.Equal([new MongoServerAddress("127.0.0.1", 1)], client.Settings.Hosts);

        var db = provider.GetRequiredService<LibraryDb>();
        Assert.Same(db, provider.GetRequiredService<LibraryDb>());
        Assert.Equal(LibraryDb.DatabaseName, db.Database.Name);
        Assert.Same(client, db.Database.Client);
    }

    [Fact]
    public void Services_registered_before_win()
    {
        using var own = new MongoClient(Second);
        var ownDb = new LibraryDb(own.GetDatabase("elsewhere"));
        var services = new ServiceCollection();
        services.AddSingleton<IMongoClient>(own);
        services.AddSingleton(ownDb);

        // No connection string anywhere: the registered client is used, so nothing asks for one.
        services.AddOpenQuizzMongo();

        using var provider = services.BuildServiceProvider();
        Assert.Same(own, provider.GetRequiredService<IMongoClient>());
        Assert.Same(ownDb, provider.GetRequiredService<LibraryDb>());
    }

    [Fact]
    public void A_registered_client_is_what_the_database_classes_use()
    {
        using var own = new MongoClient(Second);
        var services = new ServiceCollection();
        services.AddSingleton<IMongoClient>(own);
        services.AddOpenQuizzMongo(First);

        using var provider = services.BuildServiceProvider();
        Assert.Same(own, provider.GetRequiredService<LibraryDb>().Database.Client);
    }

    [Fact]
    public void A_keyed_client_is_a_second_client_with_its_own_database_classes()
    {
        var services = new ServiceCollection();
        services.AddOpenQuizzMongo(First);
        services.AddKeyedOpenQuizzMongo("archive", Second);

        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IMongoClient>();
        var archive = provider.GetRequiredKeyedService<IMongoClient>("archive");
        Assert.NotSame(client, archive);
        Assert.Same(archive, provider.GetRequiredKeyedService<MongoClient>("archive"));
        Assert.Equal([new MongoServerAddress("127.0.0.2", 1)], ((MongoClient)archive).Settings.Hosts);
        Assert.Same(archive, provider.GetRequiredKeyedService<LibraryDb>("archive").Database.Client);
        Assert.Same(client, provider.GetRequiredService<LibraryDb>().Database.Client);
    }

    [Fact]
    public void A_keyed_client_alone_registers_nothing_unkeyed()
    {
        var services = new ServiceCollection();
        services.AddKeyedOpenQuizzMongo("archive", Second);

        using var provider = services.BuildServiceProvider();
        Assert.Null(provider.GetService<IMongoClient>());
        Assert.Null(provider.GetService<LibraryDb>());
        Assert.NotNull(provider.GetKeyedService<LibraryDb>("archive"));
    }

    [Fact]
    public void The_containers_logger_factory_is_wired_and_the_action_runs_last()
    {
        var fromContainer = new ListLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(fromContainer);
        services.AddOpenQuizzMongo(First);
        var mine = new ListLoggerFactory();
        services.AddKeyedOpenQuizzMongo("archive", Second, settings =>
        {
            settings.ApplicationName = "archiver";
            settings.LoggerFactory = mine;
        });

        using var provider = services.BuildServiceProvider();
        Assert.Same(fromContainer, provider.GetRequiredService<MongoClient>().Settings.LoggerFactory);
        var archive = provider.GetRequiredKeyedService<MongoClient>("archive").Settings;
        Assert.Same(mine, archive.LoggerFactory);
        Assert.Equal("archiver", archive.ApplicationName);
    }

    [Fact]
    public void The_client_is_disposed_with_the_container()
    {
        var services = new ServiceCollection();
        services.AddOpenQuizzMongo(First);
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IMongoClient>();
        var concrete = Assert.IsType<MongoClient>(client);
        Assert.NotNull(concrete.Cluster);

        provider.Dispose();

        Assert.Throws<ObjectDisposedException>(() => concrete.Cluster);
    }

    [Fact]
    public async Task The_client_is_disposed_with_the_container_asynchronously()
    {
        var services = new ServiceCollection();
        services.AddKeyedOpenQuizzMongo("archive", First);
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<MongoClient>("archive");

        await provider.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => client.Cluster);
    }

    [Fact]
    public void A_missing_connection_string_fails_when_the_client_is_resolved_not_before()
    {
        var services = new ServiceCollection();
        services.AddOpenQuizzMongo();

        // Building (even validating every registration) creates no client, so it needs no connection string yet.
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Assert.Throws<MongoConfigurationException>(() => provider.GetRequiredService<LibraryDb>());
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentException>(() => services.AddOpenQuizzMongo(" "));
        Assert.Throws<ArgumentNullException>(() => services.AddOpenQuizzMongo((Action<MongoClientSettings>)null!));
        Assert.Throws<ArgumentException>(() => services.AddKeyedOpenQuizzMongo("", First));
        Assert.Throws<ArgumentNullException>(() => OpenQuizzMongoServiceCollectionExtensions.AddOpenQuizzMongo(null!));
    }
}

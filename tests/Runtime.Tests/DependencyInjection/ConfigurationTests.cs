using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenQuizz.Typed.DependencyInjection;

namespace OpenQuizz.Typed.Tests.DependencyInjection;

/// <summary>Where the client's connection string and settings come from, in which order, and the error when there is none.</summary>
public sealed class ConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        register(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_connection_string_comes_from_ConnectionStrings_Mongo_and_the_section_overrides_its_options()
    {
        using var provider = Build(
            new()
            {
                ["ConnectionStrings:Mongo"] = "mongodb://127.0.0.1:1/shop?appname=fromString&maxPoolSize=7&retryWrites=true",
                ["OpenQuizz:Mongo:ApplicationName"] = "fromSection",
                ["OpenQuizz:Mongo:ServerSelectionTimeout"] = "00:00:03",
                ["OpenQuizz:Mongo:RetryWrites"] = "false",
                ["OpenQuizz:Mongo:MinPoolSize"] = "2",
            },
            services => services.AddOpenQuizzMongo());

        var settings = provider.GetRequiredService<MongoClient>().Settings;
        Assert.Equal([new MongoServerAddress("127.0.0.1", 1)], settings.Hosts);
        Assert.Equal("shop", settings.DefaultDatabase);
        Assert.Equal("fromSection", settings.ApplicationName);
        Assert.Equal(7, settings.MaxPoolSize);
        Assert.Equal(2, settings.MinPoolSize);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.ServerSelectionTimeout);
        Assert.False(settings.RetryWrites);
    }

    [Fact]
    public void The_section_may_hold_the_connection_string_but_ConnectionStrings_wins()
    {
        using var sectionOnly = Build(
            new() { ["OpenQuizz:Mongo:ConnectionString"] = "mongodb://127.0.0.1:2/" },
            services => services.AddOpenQuizzMongo());
        Assert.Equal(2, sectionOnly.GetRequiredService<MongoClient>().Settings.Hosts[0].Port);

        using var both = Build(
            new() { ["OpenQuizz:Mongo:ConnectionString"] = "mongodb://127.0.0.1:2/", ["ConnectionStrings:Mongo"] = "mongodb://127.0.0.1:3/" },
            services => services.AddOpenQuizzMongo());
        Assert.Equal(3, both.GetRequiredService<MongoClient>().Settings.Hosts[0].Port);
    }

    [Fact]
    public void An_explicit_connection_string_wins_over_configuration_and_the_action_over_everything()
    {
        using var provider = Build(
            new() { ["ConnectionStrings:Mongo"] = "mongodb://127.0.0.1:3/", ["OpenQuizz:Mongo:ApplicationName"] = "fromSection" },
            services => services.AddOpenQuizzMongo("mongodb://127.0.0.1:4/", settings => settings.MaxPoolSize = 5));

        var settings = provider.GetRequiredService<MongoClient>().Settings;
        Assert.Equal(4, settings.Hosts[0].Port);
        Assert.Equal("fromSection", settings.ApplicationName);
        Assert.Equal(5, settings.MaxPoolSize);
    }

    [Fact]
    public void The_action_overload_takes_the_connection_string_from_configuration()
    {
        using var provider = Build(
            new() { ["ConnectionStrings:Mongo"] = "mongodb://127.0.0.1:3/" },
            services => services.AddOpenQuizzMongo(settings => settings.ApplicationName = "fromCode"));

        var settings = provider.GetRequiredService<MongoClient>().Settings;
        Assert.Equal(3, settings.Hosts[0].Port);
        Assert.Equal("fromCode", settings.ApplicationName);
    }

    [Fact]
    public void Options_can_be_configured_in_code_as_named_options()
    {
        using var provider = Build(
            new() { ["ConnectionStrings:Mongo"] = "mongodb://127.0.0.1:3/" },
            services =>
            {
                services.AddOpenQuizzMongo();
                services.Configure<OpenQuizzMongoOptions>(options => options.MaxPoolSize = 9);
            });

        Assert.Equal(9, provider.GetRequiredService<MongoClient>().Settings.MaxPoolSize);
    }

    [Fact]
    public void A_keyed_client_reads_its_own_connection_string_and_section()
    {
        using var provider = Build(
            new()
            {
                ["ConnectionStrings:Mongo"] = "mongodb://127.0.0.1:3/",
                ["OpenQuizz:Mongo:ApplicationName"] = "main",
                ["ConnectionStrings:archive"] = "mongodb://127.0.0.1:5/",
                ["OpenQuizz:Mongo:archive:ApplicationName"] = "archiver",
            },
            services => services.AddOpenQuizzMongo().AddKeyedOpenQuizzMongo("archive"));

        var main = provider.GetRequiredService<MongoClient>().Settings;
        var archive = provider.GetRequiredKeyedService<MongoClient>("archive").Settings;
        Assert.Equal((3, "main"), (main.Hosts[0].Port, main.ApplicationName));
        Assert.Equal((5, "archiver"), (archive.Hosts[0].Port, archive.ApplicationName));
    }

    [Fact]
    public void Without_a_connection_string_resolving_the_client_says_where_to_put_one()
    {
        using var provider = Build([], services => services.AddOpenQuizzMongo());

        var error = Assert.Throws<MongoConfigurationException>(() => provider.GetRequiredService<IMongoClient>());
        Assert.Contains("ConnectionStrings:Mongo", error.Message);
        Assert.Contains("ConnectionStrings__Mongo", error.Message);
        Assert.Contains("OpenQuizz:Mongo:ConnectionString", error.Message);
    }

    [Fact]
    public void Without_configuration_at_all_the_error_is_the_same()
    {
        var services = new ServiceCollection();
        services.AddOpenQuizzMongo(settings => settings.ApplicationName = "x");
        using var provider = services.BuildServiceProvider();

        Assert.Throws<MongoConfigurationException>(() => provider.GetRequiredService<MongoClient>());
    }

    [Fact]
    public void A_keyed_client_without_a_connection_string_is_named_in_the_error()
    {
        using var provider = Build([], services => services.AddKeyedOpenQuizzMongo("archive"));

        var error = Assert.Throws<MongoConfigurationException>(() => provider.GetRequiredKeyedService<IMongoClient>("archive"));
        Assert.Contains("\"archive\"", error.Message);
        Assert.Contains("ConnectionStrings:archive", error.Message);
        Assert.Contains("OpenQuizz:Mongo:archive:ConnectionString", error.Message);
    }

    [Fact]
    public void An_invalid_connection_string_fails_without_showing_the_password()
    {
        using var provider = Build(
            new() { ["ConnectionStrings:Mongo"] = "mongodb://user:s3cr3t@127.0.0.1:1/?authMechanism=NOPE" },
            services => services.AddOpenQuizzMongo());

        var error = Assert.Throws<MongoConfigurationException>(() => provider.GetRequiredService<IMongoClient>());
        Assert.DoesNotContain("s3cr3t", error.Message);
    }
}

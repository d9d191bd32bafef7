using MongoDB.Bson;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.DependencyInjection;

/// <summary>The health check pings through the registered client: against fakes, the embedded server and a closed port.</summary>
public sealed class MongoHealthCheckTests(TestServerFixture server) : IClassFixture<TestServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ServiceProvider Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        register(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task It_sends_ping_to_admin_and_is_healthy_when_answered()
    {
        var client = FakeClient.Create(_ => new BsonDocument("ok", 1.0));
        using var provider = Build(services => services.AddSingleton(client).AddHealthChecks().AddOpenQuizzMongo());

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal("mongo", Assert.Single(report.Entries).Key);
        Assert.Equal(new BsonDocument("ping", 1), Assert.Single(((FakeClient)(object)client).Commands));
    }

    [Fact]
    public async Task A_failure_is_reported_with_its_message_and_the_registrations_status()
    {
        var client = FakeClient.Create(_ => throw new MongoConnectionException(address: null, "Connection refused by db1:27017."));
        using var provider = Build(services => services.AddSingleton(client).AddHealthChecks()
            .AddOpenQuizzMongo(name: "db", failureStatus: HealthStatus.Degraded, tags: ["ready"]));

        var entry = Assert.Single((await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token)).Entries);

        Assert.Equal("db", entry.Key);
        Assert.Equal(HealthStatus.Degraded, entry.Value.Status);
        Assert.Equal("Connection refused by db1:27017.", entry.Value.Description);
        Assert.IsType<MongoConnectionException>(entry.Value.Exception);
        Assert.Equal(["ready"], entry.Value.Tags);
    }

    [Fact]
    public async Task A_keyed_client_can_be_checked()
    {
        var healthy = FakeClient.Create(_ => new BsonDocument("ok", 1.0));
        var failing = FakeClient.Create(_ => throw new MongoConnectionException(address: null, "down"));
        using var provider = Build(services => services
            .AddSingleton(failing)
            .AddKeyedSingleton("archive", healthy)
            .AddHealthChecks().AddOpenQuizzMongo(name: "archive", serviceKey: "archive"));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

        Assert.Equal(HealthStatus.Healthy, report.Entries["archive"].Status);
    }

    [Fact]
    public async Task Healthy_against_a_live_server()
    {
        using var provider = Build(services => services.AddOpenQuizzMongo(server.ConnectionString, settings => settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10))
            .AddHealthChecks().AddOpenQuizzMongo());

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

        var entry = Assert.Single(report.Entries).Value;
        Assert.True(entry.Status == HealthStatus.Healthy, $"{entry.Status}: {entry.Description}");
    }

    [Fact]
    public async Task Unhealthy_against_a_closed_port_without_showing_the_credentials()
    {
        var port = ClosedPort();
        using var provider = Build(services => services
            .AddOpenQuizzMongo($"mongodb://quizmaster:s3cr3t@127.0.0.1:{port}/?serverSelectionTimeoutMS=300&connectTimeoutMS=300")
            .AddHealthChecks().AddOpenQuizzMongo());

        var entry = Assert.Single((await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token)).Entries).Value;

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.IsType<ServerSelectionTimeoutException>(entry.Exception);
        Assert.Contains($"127.0.0.1:{port}", entry.Description);
        Assert.DoesNotContain("s3cr3t", entry.Description);
    }

    // A port that was free a moment ago: bound, read, released.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using OpenQuizz.Typed.Embedded;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>
/// The server an integration test class talks to: the run's external target (<c>OPENQUIZZ_MONGODB_URI</c>, or a
/// Testcontainers replica set where Docker answers; see <see cref="SharedTarget"/>), else a fresh embedded server
/// started for the class.
/// </summary>
public sealed class TestServerFixture : IAsyncLifetime
{
    /// <summary>The embedded server, or null when the tests run against an external MongoDB.</summary>
    public EmbeddedMongoServer? Embedded { get; private set; }

    public string ConnectionString { get; private set; } = string.Empty;

    public bool IsEmbedded => Embedded is not null;

    public async ValueTask InitializeAsync()
    {
        if (await SharedTarget.GetExternalConnectionStringAsync() is { } external)
        {
            ConnectionString = external;
            return;
        }

        Embedded = await EmbeddedMongoServer.StartAsync();
        ConnectionString = Embedded.ConnectionString;
    }

    /// <summary>Settings for this server, with short timeouts so a broken test fails fast, then <paramref name="configure"/>.</summary>
    public MongoClientSettings CreateSettings(Action<MongoClientSettings>? configure = null)
    {
        var settings = MongoClientSettings.FromConnectionString(ConnectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        configure?.Invoke(settings);
        return settings;
    }

    /// <summary>Skips the calling test when it needs the embedded server (stopping it, counting its connections).</summary>
    public EmbeddedMongoServer RequireEmbedded()
    {
        Assert.SkipWhen(Embedded is null, "Needs the embedded server; this run targets an external MongoDB.");
        return Embedded!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Embedded is not null)
        {
            await Embedded.DisposeAsync();
        }
    }
}

/// <summary>Awaits a condition that background work makes true, checking it every few milliseconds up to a deadline.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task AssertAsync(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (!condition())
        {
            if (deadline.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0} s waiting until {because}.");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Awaits <paramref name="task"/> up to the default deadline.</summary>
    public static Task<T> Within<T>(this Task<T> task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? DefaultTimeout, TestContext.Current.CancellationToken);
}

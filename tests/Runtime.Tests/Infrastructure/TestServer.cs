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

/// <summary>
/// Deadlines for awaiting what background work signals. Tests wait on events (recorder waits, server notifications,
/// task completions), never by polling; the deadline is only a safety net that turns a hang into a failure.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Awaits <paramref name="task"/> up to the default deadline.</summary>
    public static Task<T> Within<T>(this Task<T> task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? DefaultTimeout, TestContext.Current.CancellationToken);

    /// <summary>Awaits <paramref name="task"/> (a signal that a condition holds), failing with <paramref name="because"/> at the deadline.</summary>
    public static async Task Within(this Task task, string because, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        try
        {
            await task.WaitAsync(limit, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            Assert.Fail($"Timed out after {limit.TotalSeconds:0} s waiting until {because}.");
        }
    }
}

using Testcontainers.MongoDb;

[assembly: AssemblyFixture(typeof(OpenQuizz.Typed.Tests.Infrastructure.SharedTargetLifetime))]

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>
/// The integration target of this test run, chosen once per process (<see cref="IntegrationTarget.SelectAsync"/>), and
/// the Testcontainers replica set when that is the choice: started by the first fixture that asks, shared by all.
/// </summary>
public static class SharedTarget
{
    // The image the README names for a real server: a current MongoDB that runs as a replica set.
    private const string Image = "mongo:8.0";

    private static readonly Lazy<Task<IntegrationTarget>> Selected = new(() =>
        IntegrationTarget.SelectAsync(Environment.GetEnvironmentVariable, () => DockerProbe.AnswersAsync(Environment.GetEnvironmentVariable, DockerProbe.DefaultTimeout)));

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static MongoDbContainer? s_container;

    /// <summary>The chosen target.</summary>
    public static Task<IntegrationTarget> GetAsync() => Selected.Value;

    /// <summary>The connection string of an external target (the URI or the started container), or null for the embedded server.</summary>
    public static async Task<string?> GetExternalConnectionStringAsync()
    {
        var target = await GetAsync().ConfigureAwait(false);
        switch (target.Kind)
        {
            case IntegrationTargetKind.ExternalUri:
                return target.Uri;
            case IntegrationTargetKind.Embedded:
                return null;
        }

        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (s_container is null)
            {
                var container = new MongoDbBuilder(Image).WithReplicaSet("rs0").Build();
                await container.StartAsync().ConfigureAwait(false);
                s_container = container;
            }

            return s_container.GetConnectionString();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Stops and removes the container, if one was started.</summary>
    internal static async ValueTask DisposeContainerAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (s_container is not null)
            {
                await s_container.DisposeAsync().ConfigureAwait(false);
                s_container = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>Lives as long as the test assembly's run, so the shared container is removed when the last test is done.</summary>
public sealed class SharedTargetLifetime : IAsyncDisposable
{
    public ValueTask DisposeAsync() => SharedTarget.DisposeContainerAsync();
}

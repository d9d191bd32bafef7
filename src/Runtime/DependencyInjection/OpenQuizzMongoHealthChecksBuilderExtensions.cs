using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenQuizz.Typed;
using OpenQuizz.Typed.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a health check of the registered MongoDB client.</summary>
public static class OpenQuizzMongoHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that runs <c>ping</c> through the registered <see cref="IMongoClient"/> (the one keyed
    /// <paramref name="serviceKey"/> when given): healthy when a server answers, else <paramref name="failureStatus"/>
    /// (by default Unhealthy) with the error's message.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported on failure; null for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <param name="timeout">How long the check may run; null for no limit of its own (the client's server selection timeout still applies).</param>
    /// <param name="serviceKey">The key of a client registered with <c>AddKeyedOpenQuizzMongo</c>; null for the unkeyed client.</param>
    public static IHealthChecksBuilder AddOpenQuizzMongo(
        this IHealthChecksBuilder builder,
        string name = "mongo",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null,
        string? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new MongoHealthCheck(serviceKey is null ? provider.GetRequiredService<IMongoClient>() : provider.GetRequiredKeyedService<IMongoClient>(serviceKey)),
            failureStatus,
            tags,
            timeout));
    }
}

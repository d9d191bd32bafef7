using MongoDB.Bson;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.DependencyInjection;

/// <summary>Pings the deployment (<c>{ ping: 1 }</c> on <c>admin</c>): healthy when a server answers.</summary>
internal sealed class MongoHealthCheck(IMongoClient client) : IHealthCheck
{
    private static readonly BsonDocument Ping = new("ping", 1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetDatabase("admin").RunCommandAsync(Ping, cancellationToken: cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The client's messages name servers and options, never a credential, so they can be shown as they are.
            return new HealthCheckResult(context.Registration.FailureStatus, exception.Message, exception);
        }
    }
}

using System.Diagnostics;

namespace OpenQuizz.Typed.Diagnostics;

/// <summary>The <see cref="ActivitySource"/> of the client: one client span per command.</summary>
public static class MongoTelemetry
{
    /// <summary>The name to listen to: <c>OpenQuizz.Typed</c>.</summary>
    public const string ActivitySourceName = "OpenQuizz.Typed";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(MongoTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Starts a command span, or returns null when nobody listens (the common, free case).</summary>
    internal static Activity? StartCommand(string commandName, string databaseName, MongoServerAddress address, long? serverConnectionId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(commandName, ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        activity.DisplayName = $"{commandName} {databaseName}";
        activity.SetTag("db.system", "mongodb");
        activity.SetTag("db.system.name", "mongodb");
        activity.SetTag("db.name", databaseName);
        activity.SetTag("db.namespace", databaseName);
        activity.SetTag("db.operation", commandName);
        activity.SetTag("db.operation.name", commandName);
        if (address.IsUnixSocket)
        {
            activity.SetTag("network.transport", "unix");
            activity.SetTag("server.address", address.Host);
        }
        else
        {
            activity.SetTag("network.transport", "tcp");
            activity.SetTag("server.address", address.Host);
            activity.SetTag("server.port", address.Port);
        }

        if (serverConnectionId is { } id)
        {
            activity.SetTag("db.mongodb.server_connection_id", id);
        }

        return activity;
    }

    internal static void Fail(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        activity.SetTag("error.type", error is MongoCommandException command && command.CodeName is { } codeName ? codeName : error.GetType().FullName);
        if (error is MongoCommandException { Code: var code })
        {
            activity.SetTag("db.response.status_code", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

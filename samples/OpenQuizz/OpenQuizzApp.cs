using System.Text.Json.Serialization;
using OpenQuizz.Typed.Embedded;

namespace OpenQuizz;

/// <summary>
/// The application: <c>--demo</c> runs <see cref="Demo"/> and exits; otherwise the HTTP API runs until stopped. With no
/// connection string configured (<c>ConnectionStrings:Mongo</c>), it starts the embedded server, in memory or in the
/// folder given by <c>--dbpath</c>. Every other argument goes to ASP.NET Core (<c>--urls</c>, …).
/// </summary>
public static class OpenQuizzApp
{
    /// <summary>Runs the application as <c>Program</c> does and returns its exit code; cancelling stops it (tests).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var (demo, dbPath, hostArgs) = ParseArguments(args);
        var builder = WebApplication.CreateBuilder(hostArgs);
        await using var embedded = await StartEmbeddedServerIfNeededAsync(builder.Configuration, dbPath, output, cancellationToken);

        builder.Services.AddOpenQuizzMongo();   // IMongoClient from ConnectionStrings:Mongo, and QuizzDb over it
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<QuizzService>();
        builder.Services.AddHealthChecks().AddOpenQuizzMongo();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new ObjectIdJsonConverter());
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });

        await using var app = builder.Build();
        var quizzes = app.Services.GetRequiredService<QuizzService>();
        if (demo)
        {
            return await RunDemoAsync(quizzes, output, cancellationToken);
        }

        await quizzes.EnsureIndexesAsync(cancellationToken);
        app.MapOpenQuizzApi();
        app.MapHealthChecks("/health");
        await app.StartAsync(cancellationToken);
        output.WriteLine($"OpenQuizz is listening on {string.Join(", ", app.Urls)}");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static async Task<int> RunDemoAsync(QuizzService quizzes, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            await quizzes.EnsureIndexesAsync(cancellationToken);
            await Demo.RunAsync(quizzes, output, cancellationToken);
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.WriteLine($"The demo failed: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static async Task<EmbeddedMongoServer?> StartEmbeddedServerIfNeededAsync(ConfigurationManager configuration, string? dbPath, TextWriter output, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(configuration.GetConnectionString("Mongo")) || !string.IsNullOrEmpty(configuration["OpenQuizz:Mongo:ConnectionString"]))
        {
            if (dbPath is not null)
            {
                output.WriteLine("--dbpath is ignored: a connection string is configured.");
            }

            return null;
        }

        var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { DataDirectory = dbPath }, cancellationToken);
        configuration["ConnectionStrings:Mongo"] = server.ConnectionString;
        output.WriteLine(dbPath is null
            ? $"No connection string configured: started the embedded server at {server.ConnectionString}, in memory (data is lost on exit)."
            : $"No connection string configured: started the embedded server at {server.ConnectionString}, storing data in {Path.GetFullPath(dbPath)}.");
        return server;
    }

    // --demo and --dbpath are ours; the rest is ASP.NET Core's (whose parser would take "--demo" as the key of the next argument).
    private static (bool Demo, string? DbPath, string[] HostArgs) ParseArguments(string[] args)
    {
        var demo = false;
        string? dbPath = null;
        var hostArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--demo":
                    demo = true;
                    break;
                case "--dbpath" when i + 1 < args.Length:
                    dbPath = args[++i];
                    break;
                case "--dbpath":
                    throw new ArgumentException("--dbpath needs a folder.");
                default:
                    hostArgs.Add(args[i]);
                    break;
            }
        }

        return (demo, dbPath, [.. hostArgs]);
    }
}

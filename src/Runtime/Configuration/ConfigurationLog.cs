using Microsoft.Extensions.Logging;

namespace OpenQuizz.Typed.Configuration;

/// <summary>Logs what parsing the connection string noticed but tolerated, so no warning is silent.</summary>
internal static class ConfigurationLog
{
    /// <summary>The log category of configuration messages.</summary>
    public const string Category = "OpenQuizz.Typed.Configuration";

    private static readonly Action<ILogger, string, Exception?> Warning =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(1001, "ConnectionStringWarning"), "Connection string: {Warning}");

    /// <summary>Writes each of <see cref="MongoClientSettings.ParseWarnings"/> as a warning (the warnings never hold a credential).</summary>
    public static void LogParseWarnings(MongoClientSettings settings, ILoggerFactory? loggerFactory)
    {
        if (loggerFactory is null || settings.ParseWarnings.Count == 0)
        {
            return;
        }

        var logger = loggerFactory.CreateLogger(Category);
        foreach (var warning in settings.ParseWarnings)
        {
            Warning(logger, warning, null);
        }
    }
}

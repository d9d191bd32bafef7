using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Configuration;

public class ParseWarningLogTests
{
    [Fact]
    public async Task Connection_string_warnings_are_logged_when_the_client_is_created_and_hold_no_password()
    {
        var logs = new ListLoggerFactory();
        var settings = MongoClientSettings.FromConnectionString("mongodb://user:hunter2@127.0.0.1:1/?notAnOption=1&connectTimeoutMS=-5");
        settings.LoggerFactory = logs;
        Assert.Equal(2, settings.ParseWarnings.Count);

        await using (var client = new MongoClient(settings))
        {
        }

        var warnings = logs.Lines.Where(line => line.StartsWith("Warning OpenQuizz.Typed.Configuration", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, line => line.Contains("notAnOption", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(warnings, line => line.Contains("connectTimeoutMS", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("hunter2", logs.AllText);
    }
}

using System.Diagnostics;
using System.Reflection;
using OpenQuizz.Typed.Embedded.Tests.Host;

namespace OpenQuizz.Typed.Embedded.Tests.Interop;

/// <summary>
/// Runs tests/Interop/pymongo_check.py, a PyMongo program, against the server: CRUD, cursors, indexes and
/// aggregation in process, and authentication against oq-mongod --auth. Skipped where Debian's python3-pymongo
/// is not installed (.ci/install-deps installs it).
/// </summary>
public sealed class PyMongoTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task PyMongo_CRUD_cursors_indexes_and_aggregation_against_the_in_process_server()
    {
        await RequirePyMongoAsync();
        await using var server = await EmbeddedMongoServer.StartAsync();
        var (exitCode, output) = await RunScriptAsync(server.ConnectionString);
        Assert.True(exitCode == 0, output);
        Assert.Contains("PASS cursor batches and getMore", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PyMongo_authenticates_with_SCRAM_SHA_256_and_SHA_1_against_oq_mongod_auth()
    {
        await RequirePyMongoAsync();
        await using var mongod = await MongodProcess.StartAsync("--port", "0", "--auth", "--quiet");
        var (exitCode, output) = await RunScriptAsync($"mongodb://{mongod.EndPoint}/", "--auth");
        Assert.True(exitCode == 0, output);
        Assert.Contains("PASS auth: SCRAM-SHA-256", output, StringComparison.Ordinal);
        Assert.Contains("PASS auth: SCRAM-SHA-1", output, StringComparison.Ordinal);
        Assert.Contains("PASS auth: wrong password fails", output, StringComparison.Ordinal);
        Assert.Equal(0, await mongod.StopAsync());
    }

    private static async Task RequirePyMongoAsync()
    {
        if (!File.Exists(Python))
        {
            Assert.Skip("PyMongo not installed: apt-get install -y python3-pymongo");
        }

        var (exitCode, _) = await RunAsync("-c", "import pymongo");
        if (exitCode != 0)
        {
            Assert.Skip("PyMongo not installed: apt-get install -y python3-pymongo");
        }
    }

    private static Task<(int ExitCode, string Output)> RunScriptAsync(params string[] arguments)
    {
        var root = typeof(PyMongoTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        var script = Path.Combine(root, "tests", "Interop", "pymongo_check.py");
        Assert.True(File.Exists(script), $"missing {script}");
        return RunAsync([script, .. arguments]);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}

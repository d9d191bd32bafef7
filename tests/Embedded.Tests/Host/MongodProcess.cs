using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenQuizz.Typed.Embedded.Tests.Host;

/// <summary>
/// Runs the built <c>oq-mongod</c> as a child process (<c>dotnet oq-mongod.dll …</c>), waits for its
/// <c>listening on</c> line and stops it with a signal. Disposing kills a process that is still running.
/// </summary>
public sealed partial class MongodProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task _stdoutDone = Task.CompletedTask;

    private MongodProcess(Process process) => _process = process;

    public IPEndPoint EndPoint { get; private set; } = null!;

    public string ListeningLine { get; private set; } = string.Empty;

    public int ProcessId => _process.Id;

    /// <summary>Everything printed on stdout so far (read after exit for the complete text).</summary>
    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static string ExecutablePath
    {
        get
        {
            var path = typeof(MongodProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OqMongodPath").Value!;
            path = Path.GetFullPath(path);
            Assert.True(File.Exists(path), $"oq-mongod is not built at {path}");
            return path;
        }
    }

    /// <summary>Starts the server and waits for the listening line.</summary>
    public static async Task<MongodProcess> StartAsync(params string[] arguments)
    {
        var process = Launch(arguments);
        var mongod = new MongodProcess(process);
        try
        {
            mongod.CollectStandardError();
            using var timeout = new CancellationTokenSource(StartTimeout);
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    await process.WaitForExitAsync(timeout.Token);
                    await mongod._stderrClosed.Task.WaitAsync(timeout.Token);
                    Assert.Fail($"oq-mongod exited with {process.ExitCode} before listening: {mongod.StandardError}");
                }

                mongod.AppendStdout(line);
                if (line.StartsWith("listening on ", StringComparison.Ordinal))
                {
                    mongod.ListeningLine = line;
                    mongod.EndPoint = IPEndPoint.Parse(line["listening on ".Length..]);
                    break;
                }
            }

            mongod.CollectRemainingStdout();
            return mongod;
        }
        catch
        {
            await mongod.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs oq-mongod to completion (for option errors) and answers its exit code and stderr.</summary>
    public static async Task<(int ExitCode, string StandardError)> RunToExitAsync(params string[] arguments)
    {
        await using var mongod = new MongodProcess(Launch(arguments));
        mongod.CollectStandardError();
        mongod.CollectRemainingStdout();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await mongod._process.WaitForExitAsync(timeout.Token);
        await mongod._stderrClosed.Task.WaitAsync(timeout.Token);
        return (mongod._process.ExitCode, mongod.StandardError);
    }

    /// <summary>Whether this process ignores <paramref name="signal"/> (Linux: the SigIgn mask of /proc/self/status).</summary>
    public static bool SignalIgnoredByThisProcess(int signal)
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return false;
        }

        foreach (var line in File.ReadLines(Status))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
            {
                var mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
                return (mask & (1UL << (signal - 1))) != 0;
            }
        }

        return false;
    }

    /// <summary>Sends the signal (SIGTERM by default) and waits for the exit code.</summary>
    public async Task<int> StopAsync(int signal = Signals.Term)
    {
        Assert.Equal(0, Kill(_process.Id, signal));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        await _stderrClosed.Task.WaitAsync(timeout.Token);
        await _stdoutDone.WaitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private static Process Launch(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ExecutablePath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
    }

    private void CollectStandardError()
    {
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _stderrClosed.TrySetResult();
                return;
            }

            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    private void CollectRemainingStdout() => _stdoutDone = Task.Run(async () =>
    {
        try
        {
            string? line;
            while ((line = await _process.StandardOutput.ReadLineAsync()) is not null)
            {
                AppendStdout(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process was killed and its pipe closed.
        }
    });

    private void AppendStdout(string line)
    {
        lock (_stdout)
        {
            _stdout.AppendLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static class Signals
    {
        public const int Int = 2;
        public const int Kill = 9;
        public const int Term = 15;
    }
}

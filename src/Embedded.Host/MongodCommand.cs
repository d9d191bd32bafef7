using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using OpenQuizz.Typed.Embedded.Tls;

namespace OpenQuizz.Typed.Embedded.Host;

/// <summary>
/// The <c>oq-mongod</c> command line: mongod's option names for what the embedded server supports. It prints
/// <c>listening on host:port</c> once connections are accepted and stops cleanly on SIGINT/SIGTERM with exit code 0.
/// </summary>
internal static class MongodCommand
{
    /// <summary>mongod's exit codes: 2 bad options, 48 the address is in use.</summary>
    private const int BadOptions = 2;
    private const int AddressInUse = 48;

    /// <summary>mongod's exit code when it fails at start for a reason it reports (DBPathInUse among them).</summary>
    private const int Uncaught = 100;

    /// <summary>How long a signalled shutdown may take before the host gives up on unfinished connections and exits.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    public static RootCommand Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port to listen on (0 picks a free one)", DefaultValueFactory = _ => 27017 };
        var bindIp = new Option<string>("--bind_ip") { Description = "Address to listen on: an IP, localhost, or a comma list naming one address", DefaultValueFactory = _ => "127.0.0.1" };
        var bindIpAll = new Option<bool>("--bind_ip_all") { Description = "Listen on all IPv4 addresses (0.0.0.0)" };
        var dbPath = new Option<string?>("--dbpath") { Description = "Directory for data files; omitted, data lives in memory only" };
        var auth = new Option<bool>("--auth") { Description = "Require authentication (SCRAM-SHA-1/256); create the first user on admin from localhost" };
        var tlsFile = new Option<string?>("--tlsCertificateKeyFile") { Description = "PEM file with the server certificate and its private key; enables TLS" };
        var tlsPassword = new Option<string?>("--tlsCertificateKeyFilePassword") { Description = "Password of an encrypted private key in --tlsCertificateKeyFile" };
        var unixSocket = new Option<string?>("--unixSocket") { Description = "Also listen on this Unix domain socket path" };
        var replSet = new Option<string?>("--replSet") { Description = "Run as the primary of a one-member replica set of this name (retryable writes, operationTime)" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the listening line and errors" };
        var maxConns = new Option<int>("--maxConns") { Description = "Most connections open at once; more are closed as they are accepted", DefaultValueFactory = _ => new EmbeddedServerOptions().MaxIncomingConnections };

        var command = new RootCommand("oq-mongod: the OpenQuizz.Typed embedded MongoDB-compatible server")
        {
            port, bindIp, bindIpAll, dbPath, auth, tlsFile, tlsPassword, unixSocket, quiet, replSet, maxConns,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new HostSettings(
                result.GetValue(port),
                result.GetValue(bindIpAll) ? "0.0.0.0" : result.GetValue(bindIp) ?? "127.0.0.1",
                result.GetValue(dbPath),
                result.GetValue(auth),
                result.GetValue(tlsFile),
                result.GetValue(tlsPassword),
                result.GetValue(unixSocket),
                result.GetValue(quiet))
            {
                ReplSet = result.GetValue(replSet),
                MaxConns = result.GetValue(maxConns),
            };
            return await RunAsync(settings, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(HostSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Port is < 0 or > 65535)
        {
            return Fail(BadOptions, $"--port must be between 0 and 65535, not {settings.Port}");
        }

        if (settings.MaxConns < 1)
        {
            return Fail(BadOptions, $"--maxConns must be at least 1, not {settings.MaxConns}");
        }

        if (!TryParseBindAddress(settings.BindIp, out var address, out var error))
        {
            return Fail(BadOptions, error);
        }

        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null;
        if (settings.TlsCertificateKeyFile is { } pem)
        {
            try
            {
                certificate = ServerCertificate.LoadPem(pem, settings.TlsCertificateKeyFilePassword);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                return Fail(BadOptions, $"cannot load --tlsCertificateKeyFile {pem}: {ex.Message}");
            }
        }

        if (settings.DbPath is { } dbPath && !Directory.Exists(dbPath))
        {
            // mongod refuses a missing dbpath rather than creating it, which catches typos.
            return Fail(BadOptions, $"Data directory {dbPath} not found. Create the missing directory or specify another path using --dbpath.");
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var quiet = settings.Quiet;
        var options = new EmbeddedServerOptions
        {
            Port = settings.Port,
            BindAddress = address,
            DataDirectory = settings.DbPath,
            RequireAuthentication = settings.Auth,
            Certificate = certificate,
            UnixSocketPath = settings.UnixSocket,
            ReplicaSetName = settings.ReplSet,
            MaxIncomingConnections = settings.MaxConns,
            Log = quiet ? null : line =>
            {
                // The listening line is printed once, on stdout, by the host itself.
                if (!line.StartsWith("listening on ", StringComparison.Ordinal))
                {
                    Console.Error.WriteLine(line);
                }
            },
        };

        EmbeddedMongoServer server;
        try
        {
            server = await EmbeddedMongoServer.StartAsync(options, stopping.Token).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return Fail(AddressInUse, $"Address already in use: {address}:{settings.Port}");
        }
        catch (SocketException ex)
        {
            return Fail(BadOptions, $"cannot listen on {address}:{settings.Port}: {ex.Message}");
        }
        catch (DataDirectoryInUseException ex)
        {
            return Fail(Uncaught, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // A damaged or unreadable data directory: one line, as mongod reports it, not a stack trace.
            return Fail(Uncaught, $"cannot open --dbpath {settings.DbPath}: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        await using (server.ConfigureAwait(false))
        {
            Console.Out.WriteLine($"listening on {FormatEndPoint(server.EndPoint)}");
            Console.Out.Flush();
            if (!quiet && settings.Auth)
            {
                Console.Error.WriteLine("access control is enabled; while no user exists, create one on admin from localhost");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A signal or the command line's own cancellation: stop below.
            }

            if (!quiet)
            {
                Console.Error.WriteLine("shutting down");
            }

            // Bounded, so that a connection that does not end can never keep the process alive after a signal.
            try
            {
                await server.StopAsync(CancellationToken.None).WaitAsync(ShutdownTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Console.Error.WriteLine($"shutdown did not finish within {ShutdownTimeout.TotalSeconds} s; exiting");
                return Uncaught;
            }
        }

        certificate?.Dispose();
        return 0;

        void Stop(PosixSignalContext context)
        {
            // Keep the runtime from terminating the process: the server is stopped and the exit code is 0.
            context.Cancel = true;

            // Cancel() runs the awaiting shutdown inline, on the runtime's signal thread, up to its first real wait:
            // on the thread pool instead, so that nothing of the shutdown depends on the thread delivering signals.
            // A signal that comes after the source was disposed (the host already exiting) has nothing to stop.
            ThreadPool.UnsafeQueueUserWorkItem(static source =>
            {
                try
                {
                    source.Cancel();
                }
                catch (ObjectDisposedException)
                {
                }
            }, stopping, preferLocal: false);
        }
    }

    private static bool TryParseBindAddress(string value, out IPAddress address, out string error)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        address = IPAddress.Loopback;
        error = string.Empty;
        if (parts.Length == 0)
        {
            error = "--bind_ip needs an address";
            return false;
        }

        // Listening on several addresses needs one listener per address; a comma list is accepted when it names
        // one (such as "localhost,127.0.0.1"), or includes the wildcard.
        var addresses = new List<IPAddress>();
        foreach (var part in parts)
        {
            if (part is "localhost")
            {
                addresses.Add(IPAddress.Loopback);
            }
            else if (part is "*" or "0.0.0.0")
            {
                addresses.Add(IPAddress.Any);
            }
            else if (IPAddress.TryParse(part, out var parsed))
            {
                addresses.Add(parsed);
            }
            else
            {
                error = $"--bind_ip: '{part}' is not an IP address";
                return false;
            }
        }

        var distinct = addresses.Distinct().ToList();
        if (distinct.Contains(IPAddress.Any))
        {
            address = IPAddress.Any;
            return true;
        }

        if (distinct.Count > 1)
        {
            error = $"--bind_ip: listening on several addresses ({value}) is not supported; give one address or 0.0.0.0";
            return false;
        }

        address = distinct[0];
        return true;
    }

    private static string FormatEndPoint(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : $"{endPoint.Address}:{endPoint.Port}";

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine("oq-mongod: " + message);
        return code;
    }

    private sealed record HostSettings(
        int Port,
        string BindIp,
        string? DbPath,
        bool Auth,
        string? TlsCertificateKeyFile,
        string? TlsCertificateKeyFilePassword,
        string? UnixSocket,
        bool Quiet)
    {
        /// <summary>--replSet: the replica set name, or null for a standalone.</summary>
        public string? ReplSet { get; init; }

        /// <summary>--maxConns: the most connections open at once.</summary>
        public int MaxConns { get; init; } = 1000;
    }
}

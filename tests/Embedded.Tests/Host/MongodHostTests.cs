using System.Net.Security;
using System.Net.Sockets;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Auth;
using OpenQuizz.Typed.Embedded.Tests.Tls;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests.Host;

/// <summary>oq-mongod as a process: the listening line, commands over TCP, signals and exit codes, options.</summary>
public sealed class MongodHostTests
{
    [Fact]
    public async Task Prints_the_listening_line_serves_and_exits_0_on_SIGTERM()
    {
        await using var mongod = await MongodProcess.StartAsync("--port", "0", "--quiet");
        Assert.Matches(@"^listening on 127\.0\.0\.1:\d+$", mongod.ListeningLine);
        Assert.NotEqual(0, mongod.EndPoint.Port);

        await using (var client = await WireClient.ConnectAsync(mongod.EndPoint))
        {
            Reply.Ok(await client.RunAsync(new BsonDocument("ping", 1), "admin"));
            Reply.Ok(await client.RunAsync(new BsonDocument("insert", "c").Add("documents", new BsonArray { new BsonDocument("x", 1) })));
            Assert.Single(Reply.FirstBatch(await client.RunAsync(new BsonDocument("find", "c"))));
        }

        Assert.Equal(0, await mongod.StopAsync(MongodProcess.Signals.Term));
        Assert.Equal(mongod.ListeningLine + Environment.NewLine, mongod.StandardOutput);
    }

    [Fact]
    public async Task Ctrl_C_stops_it_cleanly_too()
    {
        // A run started in the background by a non-interactive shell ignores SIGINT, and every process it starts
        // inherits that (the .NET runtime keeps an inherited "ignore"): Ctrl+C then cannot reach oq-mongod at all.
        Assert.SkipWhen(MongodProcess.SignalIgnoredByThisProcess(MongodProcess.Signals.Int), "SIGINT is ignored by this test run (started in the background), and oq-mongod inherits that");
        await using var mongod = await MongodProcess.StartAsync("--port", "0");
        await using (var client = await WireClient.ConnectAsync(mongod.EndPoint))
        {
            Reply.Ok(await client.RunAsync(new BsonDocument("ping", 1), "admin"));
        }

        Assert.Equal(0, await mongod.StopAsync(MongodProcess.Signals.Int));
        Assert.Contains("shutting down", mongod.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_requires_a_user_created_through_the_localhost_exception()
    {
        await using var mongod = await MongodProcess.StartAsync("--port", "0", "--auth", "--quiet");
        await using var client = await WireClient.ConnectAsync(mongod.EndPoint);
        var refused = await client.RunAsync(new BsonDocument("find", "c"));
        Reply.Error(refused, 13, "Unauthorized");

        Reply.Ok(await client.RunAsync(new BsonDocument { { "createUser", "admin" }, { "pwd", "pw" }, { "roles", new BsonArray { "root" } } }, "admin"));
        Reply.Ok(await new TestScramClient("SCRAM-SHA-256", "admin", "pw").AuthenticateAsync(client));
        Reply.Ok(await client.RunAsync(new BsonDocument("find", "c")));
        Assert.Equal(0, await mongod.StopAsync());
    }

    [Fact]
    public async Task TLS_from_a_PEM_certificate_key_file_and_a_Unix_socket()
    {
        var directory = Directory.CreateTempSubdirectory("oq-host-");
        try
        {
            using var certificate = TestCertificates.SelfSigned();
            var pem = Path.Combine(directory.FullName, "server.pem");
            TestCertificates.WritePem(certificate, pem);
            var socketPath = Path.Combine(directory.FullName, "mongod.sock");

            await using var mongod = await MongodProcess.StartAsync("--port", "0", "--quiet", "--tlsCertificateKeyFile", pem, "--unixSocket", socketPath);
            using (var tcp = new TcpClient())
            {
                await tcp.ConnectAsync(mongod.EndPoint);
                await using var tls = new SslStream(tcp.GetStream());
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
                });
                await tls.WriteAsync(WireFrames.OpMsg(1, new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, new WireOptions()));
                var header = new byte[16];
                await tls.ReadExactlyAsync(header);
                var message = new byte[BitConverter.ToInt32(header)];
                header.CopyTo(message, 0);
                await tls.ReadExactlyAsync(message.AsMemory(16));
                Reply.Ok(WireFrames.ParseReply(message).Body);
            }

            using (var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                await unix.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
                await using var stream = new NetworkStream(unix);
                await using var tls = new SslStream(stream);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
                });
            }

            Assert.Equal(0, await mongod.StopAsync());
            Assert.False(File.Exists(socketPath));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Dbpath_keeps_data_across_a_restart()
    {
        var directory = Directory.CreateTempSubdirectory("oq-dbpath-");
        try
        {
            await using (var first = await MongodProcess.StartAsync("--port", "0", "--quiet", "--dbpath", directory.FullName))
            {
                await using (var client = await WireClient.ConnectAsync(first.EndPoint))
                {
                    Reply.Ok(await client.RunAsync(new BsonDocument("insert", "kept").Add("documents", new BsonArray { new BsonDocument("_id", 1) }), "durable"));
                }

                Assert.Equal(0, await first.StopAsync());
            }

            await using var second = await MongodProcess.StartAsync("--port", "0", "--quiet", "--dbpath", directory.FullName);
            await using (var client = await WireClient.ConnectAsync(second.EndPoint))
            {
                Assert.Single(Reply.FirstBatch(await client.RunAsync(new BsonDocument("find", "kept"), "durable")));
            }

            Assert.Equal(0, await second.StopAsync());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Acknowledged_journaled_writes_survive_kill_9()
    {
        var directory = Directory.CreateTempSubdirectory("oq-kill9-");
        try
        {
            var journaled = new BsonDocument("j", true);
            await using (var first = await MongodProcess.StartAsync("--port", "0", "--quiet", "--dbpath", directory.FullName))
            {
                await using (var client = await WireClient.ConnectAsync(first.EndPoint))
                {
                    var documents = new BsonArray();
                    for (var i = 0; i < 100; i++)
                    {
                        documents.Add(new BsonDocument { { "_id", i }, { "n", 0 } });
                    }

                    Reply.Ok(await client.RunAsync(new BsonDocument { { "insert", "c" }, { "documents", documents }, { "writeConcern", journaled } }, "durable"));
                    Reply.Ok(await client.RunAsync(new BsonDocument
                    {
                        { "update", "c" },
                        { "updates", new BsonArray { new BsonDocument { { "q", new BsonDocument() }, { "u", new BsonDocument("$inc", new BsonDocument("n", 1)) }, { "multi", true } } } },
                        { "writeConcern", journaled },
                    }, "durable"));
                    Reply.Ok(await client.RunAsync(new BsonDocument
                    {
                        { "delete", "c" },
                        { "deletes", new BsonArray { new BsonDocument { { "q", new BsonDocument("_id", 99) }, { "limit", 1 } } } },
                        { "writeConcern", journaled },
                    }, "durable"));
                }

                // SIGKILL: no shutdown code runs, so only what the journal holds on disk survives.
                Assert.NotEqual(0, await first.StopAsync(MongodProcess.Signals.Kill));
            }

            await using var second = await MongodProcess.StartAsync("--port", "0", "--quiet", "--dbpath", directory.FullName);
            await using (var client = await WireClient.ConnectAsync(second.EndPoint))
            {
                var count = await client.RunAsync(new BsonDocument { { "count", "c" } }, "durable");
                Assert.Equal(99, count["n"].ToInt32());
                var updated = await client.RunAsync(new BsonDocument { { "count", "c" }, { "query", new BsonDocument("n", 1) } }, "durable");
                Assert.Equal(99, updated["n"].ToInt32());
            }

            Assert.Equal(0, await second.StopAsync());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_retryable_write_acknowledged_with_j_is_applied_once_across_kill_9()
    {
        var directory = Directory.CreateTempSubdirectory("oq-kill9-retry-");
        try
        {
            var lsid = new BsonDocument("id", BsonBinaryData.FromGuid(Guid.NewGuid(), UuidRepresentation.Standard));
            BsonDocument Increment() => new()
            {
                { "update", "c" },
                { "updates", new BsonArray { new BsonDocument { { "q", new BsonDocument("_id", 1) }, { "u", new BsonDocument("$inc", new BsonDocument("n", 1)) } } } },
                { "lsid", lsid },
                { "txnNumber", 1L },
                { "stmtId", 0 },
                { "writeConcern", new BsonDocument("j", true) },
            };

            string[] arguments = ["--port", "0", "--quiet", "--replSet", "rs0", "--dbpath", directory.FullName];
            await using (var first = await MongodProcess.StartAsync(arguments))
            {
                await using (var client = await WireClient.ConnectAsync(first.EndPoint))
                {
                    Reply.Ok(await client.RunAsync(new BsonDocument { { "insert", "c" }, { "documents", new BsonArray { new BsonDocument { { "_id", 1 }, { "n", 0 } } } } }, "durable"));
                    Assert.Equal(1, Reply.Ok(await client.RunAsync(Increment(), "durable"))["nModified"].ToInt32());
                }

                // SIGKILL right after the acknowledgement: the driver never saw it (say) and will retry after the restart.
                Assert.NotEqual(0, await first.StopAsync(MongodProcess.Signals.Kill));
            }

            await using var second = await MongodProcess.StartAsync(arguments);
            await using (var client = await WireClient.ConnectAsync(second.EndPoint))
            {
                var retry = Reply.Ok(await client.RunAsync(Increment(), "durable"));
                Assert.Equal(new BsonArray { 0 }, retry["retriedStmtIds"]);
                Assert.Equal(1, retry["nModified"].ToInt32());
                var document = Reply.FirstBatch(await client.RunAsync(new BsonDocument("find", "c"), "durable"))[0];
                Assert.Equal(1, document["n"].ToInt32());
            }

            Assert.Equal(0, await second.StopAsync());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_second_server_on_a_locked_dbpath_says_DBPathInUse_in_one_line_and_exits_non_zero()
    {
        var directory = Directory.CreateTempSubdirectory("oq-locked-");
        try
        {
            await using var first = await MongodProcess.StartAsync("--port", "0", "--quiet", "--dbpath", directory.FullName);

            var (exitCode, error) = await MongodProcess.RunToExitAsync("--port", "0", "--dbpath", directory.FullName);

            Assert.Equal(100, exitCode);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith("oq-mongod: DBPathInUse: Unable to lock the lock file", line, StringComparison.Ordinal);
            Assert.Equal(0, await first.StopAsync());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Poisoned_writes_before_kill_9_leave_the_journal_replayable_and_the_data_readable()
    {
        var directory = Directory.CreateTempSubdirectory("oq-poison-");
        try
        {
            var journaled = new BsonDocument("j", true);
            await using (var first = await MongodProcess.StartAsync("--port", "0", "--quiet", "--dbpath", directory.FullName))
            {
                await using var client = await WireClient.ConnectAsync(first.EndPoint);
                Reply.Ok(await client.RunAsync(new BsonDocument { { "insert", "c" }, { "documents", new BsonArray { new BsonDocument("_id", 1) } }, { "writeConcern", journaled } }, "durable"));

                // Too deep (sent as a document sequence, where the parser's 200 levels do not stop it) and too large.
                var poisoned = new BsonArray { new BsonDocument("_id", 2).Add("x", Limits.Hostile.Deep(198)) };
                var deep = Reply.Ok(await client.RunAsync(new BsonDocument { { "insert", "c" }, { "documents", poisoned }, { "writeConcern", journaled } }, "durable", new WireOptions { Sequences = ["documents"] }));
                Assert.Equal(15, deep["writeErrors"][0]["code"].ToInt32());
                var large = new BsonArray { new BsonDocument("_id", 3).Add("s", Limits.Hostile.Text(16 * 1024 * 1024)) };
                var tooLarge = Reply.Ok(await client.RunAsync(new BsonDocument { { "insert", "c" }, { "documents", large }, { "writeConcern", journaled } }, "durable", new WireOptions { Sequences = ["documents"] }));
                Assert.Equal(10334, tooLarge["writeErrors"][0]["code"].ToInt32());
                Reply.Ok(await client.RunAsync(new BsonDocument { { "insert", "c" }, { "documents", new BsonArray { new BsonDocument("_id", 4) } }, { "writeConcern", journaled } }, "durable"));

                Assert.NotEqual(0, await first.StopAsync(MongodProcess.Signals.Kill));
            }

            await using var second = await MongodProcess.StartAsync("--port", "0", "--dbpath", directory.FullName);
            await using (var client = await WireClient.ConnectAsync(second.EndPoint))
            {
                var all = Reply.FirstBatch(await client.RunAsync(new BsonDocument { { "find", "c" }, { "sort", new BsonDocument("_id", 1) } }, "durable"));
                Assert.Equal([1, 4], all.Select(d => d["_id"].ToInt32()));
            }

            Assert.Equal(0, await second.StopAsync());
            Assert.DoesNotContain("journal record skipped", second.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_port_in_use_exits_48()
    {
        await using var first = await MongodProcess.StartAsync("--port", "0", "--quiet");
        var (exitCode, error) = await MongodProcess.RunToExitAsync("--port", first.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(48, exitCode);
        Assert.Contains("Address already in use", error, StringComparison.Ordinal);
        Assert.Equal(0, await first.StopAsync());
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--bind_ip", "not-an-ip")]
    [InlineData("--bind_ip", "127.0.0.1,::1")]
    [InlineData("--tlsCertificateKeyFile", "/nonexistent/server.pem")]
    [InlineData("--dbpath", "/nonexistent/data")]
    [InlineData("--maxConns", "0")]
    public async Task Bad_options_exit_2_with_a_message(string option, string value)
    {
        string[] arguments = option == "--port" ? [option, value] : ["--port", "0", option, value];
        var (exitCode, error) = await MongodProcess.RunToExitAsync(arguments);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("oq-mongod: ", error, StringComparison.Ordinal);
    }
}

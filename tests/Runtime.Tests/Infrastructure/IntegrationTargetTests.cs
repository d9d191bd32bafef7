using System.Net;
using System.Net.Sockets;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>The choice of integration target from the environment, and the Docker probe it relies on.</summary>
public sealed class IntegrationTargetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_URI_wins_over_everything_and_Docker_is_not_asked()
    {
        var probe = new Probe(answers: true);

        var target = await IntegrationTarget.SelectAsync(
            Env(("OPENQUIZZ_MONGODB_URI", "mongodb://db.example.com/?replicaSet=rs0"), ("OPENQUIZZ_TESTCONTAINERS", "1")), probe.AnswersAsync);

        Assert.Equal(IntegrationTargetKind.ExternalUri, target.Kind);
        Assert.Equal("mongodb://db.example.com/?replicaSet=rs0", target.Uri);
        Assert.Equal(0, probe.Calls);
    }

    [Fact]
    public async Task Testcontainers_can_be_forced_without_probing()
    {
        var probe = new Probe(answers: false);

        var target = await IntegrationTarget.SelectAsync(Env(("OPENQUIZZ_TESTCONTAINERS", "1")), probe.AnswersAsync);

        Assert.Equal(IntegrationTargetKind.Testcontainers, target.Kind);
        Assert.Null(target.Uri);
        Assert.Equal(0, probe.Calls);
    }

    [Fact]
    public async Task A_Docker_engine_that_answers_means_Testcontainers()
    {
        var probe = new Probe(answers: true);

        var target = await IntegrationTarget.SelectAsync(Env(("OPENQUIZZ_MONGODB_URI", "")), probe.AnswersAsync);

        Assert.Equal(IntegrationTargetKind.Testcontainers, target.Kind);
        Assert.Equal(1, probe.Calls);
    }

    [Fact]
    public async Task Without_URI_or_Docker_the_embedded_server_is_the_target()
    {
        var probe = new Probe(answers: false);

        var target = await IntegrationTarget.SelectAsync(Env(), probe.AnswersAsync);

        Assert.Equal(IntegrationTargetKind.Embedded, target.Kind);
        Assert.Equal(1, probe.Calls);
    }

    [Fact]
    public async Task Testcontainers_can_be_ruled_out_without_probing()
    {
        var probe = new Probe(answers: true);

        var target = await IntegrationTarget.SelectAsync(Env(("OPENQUIZZ_TESTCONTAINERS", "0")), probe.AnswersAsync);

        Assert.Equal(IntegrationTargetKind.Embedded, target.Kind);
        Assert.Equal(0, probe.Calls);
    }

    [Fact]
    public async Task The_probe_says_yes_to_an_engine_that_answers_the_ping()
    {
        using var engine = new FakeEngine("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");

        Assert.True(await DockerProbe.AnswersAsync(Env(("DOCKER_HOST", engine.Address)), TimeSpan.FromSeconds(10)));
        Assert.StartsWith("GET /_ping ", await engine.Request);
    }

    [Fact]
    public async Task The_probe_says_no_to_anything_else_and_never_throws()
    {
        using var failing = new FakeEngine("HTTP/1.1 500 Internal Server Error\r\n\r\n");
        using var silent = new FakeEngine(response: null);

        Assert.False(await DockerProbe.AnswersAsync(Env(("DOCKER_HOST", failing.Address)), TimeSpan.FromSeconds(10)));
        Assert.False(await DockerProbe.AnswersAsync(Env(("DOCKER_HOST", silent.Address)), TimeSpan.FromMilliseconds(200)));
        Assert.False(await DockerProbe.AnswersAsync(Env(("DOCKER_HOST", "unix:///nonexistent/docker.sock")), TimeSpan.FromSeconds(10)));
        Assert.False(await DockerProbe.AnswersAsync(Env(("DOCKER_HOST", "not a uri")), TimeSpan.FromSeconds(10)));
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private sealed class Probe(bool answers)
    {
        public int Calls { get; private set; }

        public Task<bool> AnswersAsync()
        {
            Calls++;
            return Task.FromResult(answers);
        }
    }

    /// <summary>A loopback listener on an OS-chosen port that reads one request and sends <c>response</c> (or nothing).</summary>
    private sealed class FakeEngine : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public FakeEngine(string? response)
        {
            _listener.Start();
            Request = ServeAsync(response);
        }

        public string Address => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        /// <summary>The request line and headers the probe sent.</summary>
        public Task<string> Request { get; }

        public void Dispose() => _listener.Dispose();

        private async Task<string> ServeAsync(string? response)
        {
            using var client = await _listener.AcceptTcpClientAsync(Token);
            var stream = client.GetStream();
            var buffer = new byte[256];
            var read = await stream.ReadAsync(buffer, Token);
            if (response is not null)
            {
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(response), Token);
            }
            else
            {
                // Hold the connection open without answering until the probe gives up and closes it.
                await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, Token);
            }

            return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        }
    }
}

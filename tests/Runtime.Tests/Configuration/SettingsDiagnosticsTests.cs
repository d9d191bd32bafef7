using Microsoft.Extensions.Logging.Abstractions;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Diagnostics;
using OpenQuizz.Typed.Pooling.Events;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Tests.Configuration;

/// <summary>The logging and event hooks of <see cref="MongoClientSettings"/> and their way into the connection settings.</summary>
public sealed class SettingsDiagnosticsTests
{
    [Fact]
    public void Sinks_are_ignored_by_equality_and_ToString_and_shared_by_Clone()
    {
        var plain = MongoClientSettings.FromConnectionString("mongodb://a/");
        var hooked = MongoClientSettings.FromConnectionString("mongodb://a/");
        hooked.LoggerFactory = NullLoggerFactory.Instance;
        hooked.CommandEventSubscriber = new Commands();
        hooked.ConnectionPoolEventSubscriber = new Pool();
        hooked.SdamEventSubscriber = new Sdam();

        Assert.Equal(plain, hooked);
        Assert.Equal(plain.GetHashCode(), hooked.GetHashCode());
        Assert.Equal(plain.ToString(), hooked.ToString());
        var clone = hooked.Clone();
        Assert.Same(hooked.LoggerFactory, clone.LoggerFactory);
        Assert.Same(hooked.SdamEventSubscriber, clone.SdamEventSubscriber);
    }

    [Fact]
    public void Connection_settings_read_the_logger_and_command_subscriber()
    {
        var commands = new Commands();
        var settings = new MongoClientSettings { LoggerFactory = NullLoggerFactory.Instance, CommandEventSubscriber = commands };

        var fromSettings = ConnectionSettingsFactory.Create(settings);
        var overridden = ConnectionSettingsFactory.Create(settings, commandEvents: new Commands());

        Assert.Same(NullLoggerFactory.Instance, fromSettings.LoggerFactory);
        Assert.Same(commands, fromSettings.CommandEvents);
        Assert.NotSame(commands, overridden.CommandEvents);
    }

    [Theory]
    [InlineData("mongodb+srv://a.example.com/", true)]
    [InlineData("mongodb+srv://a.example.com/?tls=false", false)]
    [InlineData("mongodb://a/?tlsCertificateKeyFilePassword=x", true)]
    public void TLS_follows_IsTlsEnabled_including_the_SRV_default(string uri, bool tls)
    {
        Assert.Equal(tls, ConnectionSettingsFactory.Create(MongoClientSettings.FromConnectionString(uri)).Tls is not null);
    }

    private sealed class Commands : ICommandEventSubscriber
    {
        public void OnCommandStarted(CommandStartedEvent e)
        {
        }

        public void OnCommandSucceeded(CommandSucceededEvent e)
        {
        }

        public void OnCommandFailed(CommandFailedEvent e)
        {
        }
    }

    private sealed class Pool : IConnectionPoolEventSubscriber
    {
        public void Handle(ConnectionPoolEvent poolEvent)
        {
        }
    }

    private sealed class Sdam : ISdamEventSubscriber
    {
        public void Handle(SdamEvent sdamEvent)
        {
        }
    }
}

using OpenQuizz.Typed.Connections;

namespace OpenQuizz.Typed.Tests.Connections;

public class ConnectionSettingsTests
{
    [Fact]
    public void Built_from_client_settings()
    {
        var client = MongoClientSettings.FromConnectionString(
            "mongodb://quizz:pa55-Secret@db.example/?appname=quizzes&connectTimeoutMS=1500&socketTimeoutMS=2500&compressors=snappy,zlib&zlibCompressionLevel=7&tls=true&tlsCAFile=/etc/ca.pem&tlsAllowInvalidHostnames=true&tlsCertificateKeyFilePassword=key-Secret");
        var settings = ConnectionSettingsFactory.Create(client);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), settings.SocketTimeout);
        Assert.Equal("quizzes", settings.ApplicationName);
        Assert.Equal([MongoCompressor.Snappy, MongoCompressor.Zlib.WithLevel(7)], settings.Compressors);
        Assert.Equal("quizz", settings.Credential!.Username);
        Assert.Equal("/etc/ca.pem", settings.Tls!.CAFile);
        Assert.True(settings.Tls.AllowInvalidHostnames);
        Assert.False(settings.Tls.AllowInvalidCertificates);
        Assert.DoesNotContain("pa55-Secret", settings.ToString());
        Assert.DoesNotContain("key-Secret", settings.ToString());
    }

    [Theory]
    [InlineData("mongodb://h/", false)]
    [InlineData("mongodb://h/?tls=false", false)]
    [InlineData("mongodb://h/?tls=true", true)]
    [InlineData("mongodb://h/?tlsInsecure=true", true)]
    public void Tls_only_when_asked(string uri, bool expected)
    {
        var settings = ConnectionSettingsFactory.Create(MongoClientSettings.FromConnectionString(uri));
        Assert.Equal(expected, settings.Tls is not null);
    }

    [Fact]
    public void Tls_insecure_relaxes_every_check()
    {
        var tls = ConnectionSettingsFactory.Create(MongoClientSettings.FromConnectionString("mongodb://h/?tlsInsecure=true")).Tls!;
        Assert.True(tls.AllowInvalidCertificates);
        Assert.True(tls.AllowInvalidHostnames);
        Assert.False(tls.CheckCertificateRevocation);
    }
}

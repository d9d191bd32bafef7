using MongoDB.Bson;
using OpenQuizz.Typed.Authentication;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Compression;
using OpenQuizz.Typed.Diagnostics;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Connections;

/// <summary>The handshake: hello with metadata, compression and speculative authentication, then authentication.</summary>
internal sealed partial class MongoConnection : IAuthenticationChannel
{
    /// <summary>MongoDB 4.0; older servers lack what this client relies on (OP_MSG, sessions, SCRAM-SHA-256 negotiation).</summary>
    public const int MinimumWireVersion = 7;

    private async ValueTask HandshakeAsync(bool async, CancellationToken cancellationToken)
    {
        var authenticator = _settings.Credential is { } credential ? AuthenticatorFactory.Create(credential) : null;
        var hello = CreateHello(authenticator?.CreateSpeculativeAuthenticate());

        // Without a declared API version (or load balancing), the first hello goes as a legacy OP_QUERY isMaster.
        var useOpMsg = _settings.ServerApi is not null || _settings.LoadBalanced;
        var request = new CommandRequest("admin", new BsonDocumentCommandBody(hello));
        BsonDocument reply;
        using (var message = await ExecuteCore(async, request, legacy: !useOpMsg, cancellationToken).ConfigureAwait(false))
        {
            reply = Decode(message!);
        }

        _compressor = NegotiateCompressor(reply);
        var description = ConnectionDescription.FromHello(Address, Id, reply, _compressor?.Type);
        if (description.MaxWireVersion < MinimumWireVersion)
        {
            throw new MongoConnectionException(Address, $"The server's maximum wire version is {description.MaxWireVersion}; this client requires at least {MinimumWireVersion} (MongoDB 4.0).");
        }

        if (_settings.LoadBalanced && description.ServiceId is null)
        {
            throw new MongoConnectionException(Address, "The server's hello reply has no serviceId; the server is not behind a load balancer configured for this client (loadBalanced=true).");
        }

        _description = description;
        if (authenticator is not null)
        {
            var speculative = reply.TryGetValue("speculativeAuthenticate", out var value) && value.IsBsonDocument ? value.AsBsonDocument : null;
            try
            {
                await authenticator.AuthenticateAsync(this, async, description, speculative, cancellationToken).ConfigureAwait(false);
            }
            catch (MongoCommandException e)
            {
                throw new MongoAuthenticationException(authenticator.Mechanism, $"{authenticator.Mechanism} authentication failed: the server answered {e.CodeName ?? e.Code.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({e.ErrorMessage}).", e);
            }

            ConnectionLog.Authenticated(_logger, Id, authenticator.Mechanism);
        }
    }

    /// <summary>The hello (or legacy isMaster) command of the handshake.</summary>
    internal BsonDocument CreateHello(BsonDocument? speculativeAuthenticate)
    {
        var useHello = _settings.ServerApi is not null || _settings.LoadBalanced;
        var hello = new BsonDocument { { useHello ? "hello" : "isMaster", 1 }, { "helloOk", true } };
        if (_settings.LoadBalanced)
        {
            hello.Add("loadBalanced", true);
        }

        hello.Add("client", (_settings.Metadata is { } metadata
            ? ClientMetadata.Create(_settings.ApplicationName, metadata.DriverInfos)
            : ClientMetadata.Create(_settings.ApplicationName, _settings.DriverInfo)));
        var compression = new BsonArray();
        foreach (var compressor in _settings.Compressors)
        {
            compression.Add(compressor.Name);
        }

        hello.Add("compression", compression);
        if (_settings.Credential is { Mechanism: null, Username: { } user } credential)
        {
            hello.Add("saslSupportedMechs", $"{credential.Source}.{user}");
        }

        if (speculativeAuthenticate is not null)
        {
            hello.Add("speculativeAuthenticate", speculativeAuthenticate);
        }

        return hello;
    }

    private ICompressor? NegotiateCompressor(BsonDocument reply)
    {
        if (_settings.Compressors.Count == 0 || !reply.TryGetValue("compression", out var value) || !value.IsBsonArray)
        {
            return null;
        }

        var offered = value.AsBsonArray;
        foreach (var compressor in _settings.Compressors)
        {
            foreach (var name in offered)
            {
                if (name.IsString && string.Equals(name.AsString, compressor.Name, StringComparison.Ordinal))
                {
                    return CompressorFactory.Create(compressor);
                }
            }
        }

        return null;
    }

    async ValueTask<BsonDocument> IAuthenticationChannel.RunAuthenticationCommandAsync(bool async, string database, BsonDocument command, CancellationToken cancellationToken)
    {
        using var reply = await ExecuteCore(async, new CommandRequest(database, new BsonDocumentCommandBody(command)), legacy: false, cancellationToken).ConfigureAwait(false);
        return Decode(reply!);
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>Opens connections to a <see cref="FakeServer"/> and runs commands the sync or the async way.</summary>
public static class TestConnections
{
    internal static async Task<MongoConnection> OpenAsync(FakeServer server, SyncOrAsync mode, ConnectionSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var connection = new MongoConnection(FakeServer.Address, (settings ?? new ConnectionSettings()) with { StreamFactory = server });
        if (mode == SyncOrAsync.Async)
        {
            await connection.OpenAsync(cancellationToken);
        }
        else
        {
            connection.Open(cancellationToken);
        }

        return connection;
    }

    internal static async Task<BsonDocument> RunAsync(MongoConnection connection, SyncOrAsync mode, BsonDocument command, CancellationToken cancellationToken = default, string database = "openquizz") =>
        mode == SyncOrAsync.Async
            ? await connection.RunCommandAsync(database, command, cancellationToken)
            : connection.RunCommand(database, command, cancellationToken);

    internal static async Task<ReplyMessage?> ExecuteAsync(MongoConnection connection, SyncOrAsync mode, CommandRequest request, CancellationToken cancellationToken = default) =>
        mode == SyncOrAsync.Async
            ? await connection.ExecuteCommandAsync(request, cancellationToken)
            : connection.ExecuteCommand(request, cancellationToken);
}

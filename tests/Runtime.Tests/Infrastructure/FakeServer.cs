using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>
/// A scripted server behind a <see cref="ScriptedStream"/>: answers the handshake like a modern mongod, then
/// hands each command to <see cref="OnCommand"/> (default: <c>{ ok: 1 }</c>).
/// </summary>
public sealed class FakeServer : IStreamFactory
{
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public FakeServer()
    {
        Stream = new ScriptedStream(Answer);
    }

    public ScriptedStream Stream { get; }

    public List<TestRequest> Requests { get; } = [];

    /// <summary>The hello reply; tests add fields (compression, saslSupportedMechs, speculativeAuthenticate...).</summary>
    public BsonDocument HelloReply { get; set; } = StandardHello();

    /// <summary>Builds the hello reply from the hello request (speculative authentication); default: <see cref="HelloReply"/>.</summary>
    public Func<TestRequest, BsonDocument>? OnHello { get; set; }

    /// <summary>Answers a non-hello command with the raw reply bytes; receives the request and its request id.</summary>
    public Func<TestRequest, ScriptedAnswer>? OnCommand { get; set; }

    /// <summary>Compresses replies with this compressor id when the request was compressed.</summary>
    public bool CompressReplies { get; set; } = true;

    public static MongoServerAddress Address { get; } = new("fake.example", 27017);

    public static BsonDocument StandardHello() => new()
    {
        { "helloOk", true },
        { "isWritablePrimary", true },
        { "topologyVersion", new BsonDocument { { "processId", ObjectId.GenerateNewId() }, { "counter", 0L } } },
        { "maxBsonObjectSize", 16 * 1024 * 1024 },
        { "maxMessageSizeBytes", 48_000_000 },
        { "maxWriteBatchSize", 100_000 },
        { "localTime", new BsonDateTime(DateTime.UtcNow) },
        { "logicalSessionTimeoutMinutes", 30 },
        { "connectionId", 42 },
        { "minWireVersion", 0 },
        { "maxWireVersion", 21 },
        { "readOnly", false },
        { "ok", 1.0 },
    };

    /// <summary>Completes when at least <paramref name="count"/> requests have arrived (signalled by the arrival itself).</summary>
    public Task WhenRequestCountAsync(int count)
    {
        lock (_lock)
        {
            if (Requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task;
        }
    }

    public ValueTask<Stream> CreateStreamAsync(MongoServerAddress address, bool async, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream>(Stream);

    /// <summary>Answers one whole request message, as the scripted stream does; TLS tests reuse it over a real socket.</summary>
    public ScriptedAnswer Answer(byte[] message)
    {
        var request = TestWire.Parse(message);
        lock (_lock)
        {
            Requests.Add(request);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (Requests.Count >= _waiters[i].Count)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        if (request.Opcode == TestWire.OpQuery)
        {
            return TestWire.Reply(request.RequestId, OnHello?.Invoke(request) ?? HelloReply);
        }

        if (request.CommandName is "hello" or "isMaster")
        {
            return TestWire.Msg(request.RequestId, OnHello?.Invoke(request) ?? HelloReply);
        }

        var answer = OnCommand?.Invoke(request) ?? new ScriptedAnswer(TestWire.Msg(request.RequestId, new BsonDocument("ok", 1)));
        if (CompressReplies && request.CompressorId is { } id && id != 3 && answer.Bytes.Length >= 16 && !answer.EndOfStream)
        {
            return TestWire.Compress(answer.Bytes, id);
        }

        return answer;
    }
}

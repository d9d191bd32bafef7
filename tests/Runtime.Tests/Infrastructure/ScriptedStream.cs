using System.Buffers.Binary;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>
/// The client's end of an in-memory duplex stream. Each complete message the client writes is handed to the
/// server callback, whose answer (bytes, possibly several messages, truncated or garbage) becomes readable.
/// Reads block until bytes arrive, the server ends the stream, or the stream is disposed.
/// </summary>
public sealed class ScriptedStream : Stream
{
    private readonly Func<byte[], ScriptedAnswer> _server;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly List<byte> _pendingWrite = [];
    private byte[] _readable = [];
    private int _readOffset;
    private bool _endOfStream;
    private bool _disposed;

    public ScriptedStream(Func<byte[], ScriptedAnswer> server) => _server = server;

    /// <summary>Every complete message the client wrote, in order.</summary>
    public List<byte[]> Written { get; } = [];

    public bool IsDisposed => _disposed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Makes bytes readable without a request (exhaust replies).</summary>
    public void Push(byte[] bytes, bool endOfStream = false)
    {
        lock (_gate)
        {
            _readable = [.. _readable.AsSpan(_readOffset), .. bytes];
            _readOffset = 0;
            _endOfStream |= endOfStream;
        }

        _available.Release();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (TryTake(buffer, out var read))
            {
                return read;
            }

            _available.Wait();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryTake(buffer.Span, out var read))
            {
                return read;
            }

            await _available.WaitAsync(cancellationToken);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _pendingWrite.AddRange(buffer);
        while (_pendingWrite.Count >= 4)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(_pendingWrite.ToArray());
            if (_pendingWrite.Count < length)
            {
                break;
            }

            var message = _pendingWrite.GetRange(0, length).ToArray();
            _pendingWrite.RemoveRange(0, length);
            Written.Add(message);
            var answer = _server(message);
            Push(answer.Bytes, answer.EndOfStream);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _available.Release(1000);
        base.Dispose(disposing);
    }

    private bool TryTake(Span<byte> buffer, out int read)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var remaining = _readable.Length - _readOffset;
            if (remaining > 0)
            {
                read = Math.Min(remaining, buffer.Length);
                _readable.AsSpan(_readOffset, read).CopyTo(buffer);
                _readOffset += read;
                return true;
            }

            read = 0;
            return _endOfStream;
        }
    }
}

/// <summary>What the scripted server sends back for one request.</summary>
public readonly record struct ScriptedAnswer(byte[] Bytes, bool EndOfStream = false)
{
    public static ScriptedAnswer Nothing => new([]);

    public static implicit operator ScriptedAnswer(byte[] bytes) => new(bytes);
}

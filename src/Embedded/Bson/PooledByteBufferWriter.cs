using System.Buffers;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// A growable <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>.
/// <see cref="Clear"/> keeps the array, so a writer reused across messages allocates nothing in steady state;
/// <see cref="Dispose"/> returns it to the pool.
/// </summary>
internal sealed class PooledByteBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int DefaultInitialCapacity = 256;
    private byte[] _buffer;
    private int _written;
    private bool _disposed;

    /// <summary>Creates a writer whose first array holds at least <paramref name="initialCapacity"/> bytes.</summary>
    public PooledByteBufferWriter(int initialCapacity = DefaultInitialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _buffer = ByteBuffers.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>The number of bytes written so far.</summary>
    public int WrittenCount => _written;

    /// <summary>The bytes written so far; valid until the next write, <see cref="Clear"/> or <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>The bytes written so far; valid until the next write, <see cref="Clear"/> or <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>The room left in the current array before it must grow.</summary>
    public int FreeCapacity => _buffer.Length - _written;

    /// <summary>Forgets what was written and keeps the array for reuse.</summary>
    public void Clear() => _written = 0;

    /// <summary>
    /// Takes back everything written after the first <paramref name="length"/> bytes, such as a document that turned
    /// out not to fit in the message it was encoded into.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or more than <see cref="WrittenCount"/>.</exception>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _written);
        _written = length;
    }

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <inheritdoc />
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count), "Cannot advance past the end of the span that was handed out.");
        }

        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Returns the array to the pool. The writer must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        ByteBuffers.Return(buffer);
    }

    /// <summary>
    /// Clears the writer and, when it has grown past <see cref="ByteBuffers.MaxPooledLength"/> for one large message,
    /// lets that array go, so a long-lived writer does not keep the largest message it ever held.
    /// </summary>
    public void ClearAndShrink()
    {
        _written = 0;
        if (_buffer.Length > ByteBuffers.MaxPooledLength)
        {
            _buffer = ByteBuffers.Rent(DefaultInitialCapacity * 16);
        }
    }

    /// <summary>
    /// The bytes written so far, writable: for back-patching length prefixes and checksums once the bytes after
    /// them are known. Valid until the next write, <see cref="Clear"/> or <see cref="Dispose"/>.
    /// </summary>
    public Span<byte> MutableWrittenSpan => _buffer.AsSpan(0, _written);

    internal void EnsureCapacity(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var needed = (long)_written + sizeHint;
        if (needed > Array.MaxLength)
        {
            throw new OutOfMemoryException($"A buffer of {needed} bytes is larger than an array can hold.");
        }

        var newSize = (int)Math.Min(Math.Max(needed, (long)_buffer.Length * 2), Array.MaxLength);
        var next = ByteBuffers.Rent(newSize);
        _buffer.AsSpan(0, _written).CopyTo(next);
        ByteBuffers.Return(_buffer);
        _buffer = next;
    }
}

using System.Buffers.Binary;
using System.Text;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.WireProtocol;

/// <summary>Length prefixes are reserved then back-patched once what they measure has been written.</summary>
internal static class MessageBuffers
{
    public static int Reserve(PooledByteBufferWriter output, int count)
    {
        var offset = output.WrittenCount;
        output.GetSpan(count)[..count].Clear();
        output.Advance(count);
        return offset;
    }

    public static void PatchInt32(PooledByteBufferWriter output, int offset, int value) =>
        BinaryPrimitives.WriteInt32LittleEndian(Writable(output).Slice(offset, 4), value);

    public static Span<byte> Writable(PooledByteBufferWriter output) => output.MutableWrittenSpan;

    public static void WriteInt32(PooledByteBufferWriter output, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public static void WriteUInt32(PooledByteBufferWriter output, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public static void WriteByte(PooledByteBufferWriter output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public static void WriteCString(PooledByteBufferWriter output, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        var span = output.GetSpan(count + 1);
        Encoding.UTF8.GetBytes(value, span);
        if (span[..count].Contains((byte)0))
        {
            throw new ArgumentException("A C string cannot contain a NUL character.", nameof(value));
        }

        span[count] = 0;
        output.Advance(count + 1);
    }

    public static void WriteBytes(PooledByteBufferWriter output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}

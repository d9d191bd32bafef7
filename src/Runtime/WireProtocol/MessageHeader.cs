using System.Buffers.Binary;

namespace OpenQuizz.Typed.WireProtocol;

/// <summary>The 16-byte header every wire message starts with.</summary>
internal readonly record struct MessageHeader(int MessageLength, int RequestId, int ResponseTo, Opcode Opcode)
{
    public const int Size = 16;

    public static MessageHeader Read(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadInt32LittleEndian(bytes),
        BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]),
        BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
        (Opcode)BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]));

    public void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes, MessageLength);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[4..], RequestId);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[8..], ResponseTo);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[12..], (int)Opcode);
    }
}

/// <summary>Request ids are unique per process, so a reply can always be matched to the request it answers.</summary>
internal static class RequestIds
{
    private static int s_last;

    public static int Next() => Interlocked.Increment(ref s_last);
}

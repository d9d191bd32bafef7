using System.Buffers.Binary;
using System.Numerics;

namespace OpenQuizz.Typed.Embedded.Protocol;

/// <summary>
/// CRC-32C (Castagnoli), the OP_MSG checksum. <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the SSE4.2/ARM
/// instruction where there is one and a table otherwise, so no table of our own is needed.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}

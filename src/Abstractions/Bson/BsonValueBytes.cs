using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson;

/// <summary>
/// Builds MongoDB.Bson's <see cref="ObjectId"/> and <see cref="Decimal128"/> from their BSON bytes and writes them
/// back, without allocating.
/// </summary>
public static class BsonValueBytes
{
    /// <summary>The size of an ObjectId in bytes.</summary>
    public const int ObjectIdSize = 12;

    /// <summary>The size of a Decimal128 in bytes.</summary>
    public const int Decimal128Size = 16;

    /// <summary>The BSON type code of the deprecated DBPointer, which MongoDB.Bson's <see cref="BsonType"/> does not name.</summary>
    public const BsonType DBPointer = (BsonType)0x0C;

    /// <summary>The deprecated binary subtype 2, whose payload carries its own length (MongoDB.Bson marks its name obsolete).</summary>
    public const BsonBinarySubType OldBinary = (BsonBinarySubType)0x02;

    // MongoDB.Bson offers only ObjectId(byte[]) for bytes, which allocates per value. Its layout is three ints
    // holding the big-endian words (a struct MongoDB.Bson has kept since 1.x); the layout is checked once at start
    // up against the public constructor, and the allocating constructor is used if it ever changes.
    private static readonly bool LayoutMatches = CheckLayout();

    /// <summary>Reads an ObjectId from its 12 BSON bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ObjectId ReadObjectId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < ObjectIdSize)
        {
            throw new ArgumentException("An ObjectId needs 12 bytes.", nameof(bytes));
        }

        if (!LayoutMatches)
        {
            return new ObjectId(bytes[..ObjectIdSize].ToArray());
        }

        var words = new ObjectIdWords(
            BinaryPrimitives.ReadInt32BigEndian(bytes),
            BinaryPrimitives.ReadInt32BigEndian(bytes[4..]),
            BinaryPrimitives.ReadInt32BigEndian(bytes[8..]));
        return Unsafe.As<ObjectIdWords, ObjectId>(ref words);
    }

    /// <summary>Writes the 12 BSON bytes of an ObjectId.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteObjectId(ObjectId value, Span<byte> destination) => value.ToByteSpan(destination);

    /// <summary>Reads a Decimal128 from its 16 little-endian BSON bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Decimal128 ReadDecimal128(ReadOnlySpan<byte> bytes) =>
        Decimal128.FromIEEEBits(BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]), BinaryPrimitives.ReadUInt64LittleEndian(bytes));

    /// <summary>Writes the 16 little-endian BSON bytes of a Decimal128.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteDecimal128(Decimal128 value, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, value.GetIEEELowBits());
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], value.GetIEEEHighBits());
    }

    private static bool CheckLayout()
    {
        if (Unsafe.SizeOf<ObjectId>() != Unsafe.SizeOf<ObjectIdWords>())
        {
            return false;
        }

        ReadOnlySpan<byte> probe = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0xFC];
        var expected = new ObjectId(probe.ToArray());
        var words = new ObjectIdWords(
            BinaryPrimitives.ReadInt32BigEndian(probe),
            BinaryPrimitives.ReadInt32BigEndian(probe[4..]),
            BinaryPrimitives.ReadInt32BigEndian(probe[8..]));
        return Unsafe.As<ObjectIdWords, ObjectId>(ref words) == expected;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct ObjectIdWords(int a, int b, int c)
    {
        private readonly int _a = a;
        private readonly int _b = b;
        private readonly int _c = c;
    }
}

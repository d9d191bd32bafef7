using System.Diagnostics.CodeAnalysis;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>BSON binary data with its subtype. The array is kept as given, not copied.</summary>
internal sealed class BsonBinaryData : BsonValue
{
    public BsonBinaryData(byte[] bytes, BsonBinarySubType subType = BsonBinarySubType.Binary)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Bytes = bytes;
        SubType = subType;
    }

    public byte[] Bytes { get; }

    public BsonBinarySubType SubType { get; }

    public override BsonType BsonType => BsonType.Binary;

    /// <summary>Whether this is a UUID (subtype 3 or 4) of 16 bytes.</summary>
    public bool IsUuid => SubType is BsonBinarySubType.UuidLegacy or BsonBinarySubType.UuidStandard && Bytes.Length == 16;

    /// <summary>Encodes a Guid with the given representation.</summary>
    /// <exception cref="BsonSerializationException"><paramref name="representation"/> is <see cref="UuidRepresentation.Unspecified"/>.</exception>
    public static BsonBinaryData FromGuid(Guid value, UuidRepresentation representation)
    {
        var bytes = new byte[16];
        var subType = GuidBytes.Write(value, representation, bytes);
        return new BsonBinaryData(bytes, subType);
    }

    /// <summary>Decodes a UUID; subtype 4 is always standard, subtype 3 needs a legacy representation.</summary>
    /// <exception cref="BsonSerializationException">The data is not a UUID, or subtype 3 is read without a legacy representation.</exception>
    public Guid ToGuid(UuidRepresentation representation = UuidRepresentation.Standard) => GuidBytes.Read(Bytes, SubType, representation);

    public override bool Equals([NotNullWhen(true)] BsonValue? other) =>
        other is BsonBinaryData b && b.SubType == SubType && b.Bytes.AsSpan().SequenceEqual(Bytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(SubType);
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }
}

/// <summary>The byte orders of <see cref="UuidRepresentation"/>.</summary>
internal static class GuidBytes
{
    /// <summary>Writes <paramref name="value"/> in 16 bytes as <paramref name="representation"/> lays it out and returns the subtype to store.</summary>
    /// <exception cref="BsonSerializationException"><paramref name="representation"/> is <see cref="UuidRepresentation.Unspecified"/>.</exception>
    public static BsonBinarySubType Write(Guid value, UuidRepresentation representation, Span<byte> destination)
    {
        switch (representation)
        {
            case UuidRepresentation.Standard:
                value.TryWriteBytes(destination, bigEndian: true, out _);
                return BsonBinarySubType.UuidStandard;
            case UuidRepresentation.PythonLegacy:
                value.TryWriteBytes(destination, bigEndian: true, out _);
                return BsonBinarySubType.UuidLegacy;
            case UuidRepresentation.CSharpLegacy:
                value.TryWriteBytes(destination, bigEndian: false, out _);
                return BsonBinarySubType.UuidLegacy;
            case UuidRepresentation.JavaLegacy:
                value.TryWriteBytes(destination, bigEndian: true, out _);
                destination[..8].Reverse();
                destination[8..16].Reverse();
                return BsonBinarySubType.UuidLegacy;
            default:
                throw new BsonSerializationException(
                    "A Guid cannot be written with UuidRepresentation.Unspecified: choose Standard (or a legacy representation) in the uuidRepresentation setting.");
        }
    }

    /// <summary>Reads a Guid from 16 bytes of subtype 3 or 4 laid out as <paramref name="representation"/> says.</summary>
    /// <exception cref="BsonSerializationException">The bytes are not a UUID of that representation.</exception>
    public static Guid Read(ReadOnlySpan<byte> bytes, BsonBinarySubType subType, UuidRepresentation representation)
    {
        if (bytes.Length != 16)
        {
            throw new BsonSerializationException($"A UUID is 16 bytes, but the binary value has {bytes.Length}.");
        }

        switch (subType)
        {
            case BsonBinarySubType.UuidStandard:
                return new Guid(bytes, bigEndian: true);
            case BsonBinarySubType.UuidLegacy:
                switch (representation)
                {
                    case UuidRepresentation.CSharpLegacy:
                        return new Guid(bytes, bigEndian: false);
                    case UuidRepresentation.PythonLegacy:
                        return new Guid(bytes, bigEndian: true);
                    case UuidRepresentation.JavaLegacy:
                        Span<byte> swapped = stackalloc byte[16];
                        bytes.CopyTo(swapped);
                        swapped[..8].Reverse();
                        swapped[8..].Reverse();
                        return new Guid(swapped, bigEndian: true);
                    default:
                        throw new BsonSerializationException(
                            $"A legacy UUID (subtype 3) cannot be read as a Guid with UuidRepresentation.{representation}: its byte order depends on the driver that wrote it; choose CSharpLegacy, JavaLegacy or PythonLegacy.");
                }

            default:
                throw new BsonSerializationException($"Binary subtype 0x{(byte)subType:X2} is not a UUID.");
        }
    }
}

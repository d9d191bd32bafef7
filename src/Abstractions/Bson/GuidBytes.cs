using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson;

/// <summary>The byte orders of the UUID representations, for writing and reading a <see cref="Guid"/> as BSON binary without allocating.</summary>
public static class GuidBytes
{
    /// <summary>Writes <paramref name="value"/> in 16 bytes as <paramref name="representation"/> lays it out and returns the subtype to store.</summary>
    /// <exception cref="BsonSerializationException"><paramref name="representation"/> is <see cref="GuidRepresentation.Unspecified"/>.</exception>
    public static BsonBinarySubType Write(Guid value, GuidRepresentation representation, Span<byte> destination)
    {
        switch (representation)
        {
            case GuidRepresentation.Standard:
                value.TryWriteBytes(destination, bigEndian: true, out _);
                return BsonBinarySubType.UuidStandard;
            case GuidRepresentation.PythonLegacy:
                value.TryWriteBytes(destination, bigEndian: true, out _);
                return BsonBinarySubType.UuidLegacy;
            case GuidRepresentation.CSharpLegacy:
                value.TryWriteBytes(destination, bigEndian: false, out _);
                return BsonBinarySubType.UuidLegacy;
            case GuidRepresentation.JavaLegacy:
                value.TryWriteBytes(destination, bigEndian: true, out _);
                destination[..8].Reverse();
                destination[8..16].Reverse();
                return BsonBinarySubType.UuidLegacy;
            default:
                throw new BsonSerializationException(
                    "A Guid cannot be written with GuidRepresentation.Unspecified: choose Standard (or a legacy representation) in the uuidRepresentation setting.");
        }
    }

    /// <summary>Reads a Guid from 16 bytes of subtype 3 or 4 laid out as <paramref name="representation"/> says.</summary>
    /// <exception cref="BsonSerializationException">The bytes are not a UUID of that representation.</exception>
    public static Guid Read(ReadOnlySpan<byte> bytes, BsonBinarySubType subType, GuidRepresentation representation)
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
                    case GuidRepresentation.CSharpLegacy:
                        return new Guid(bytes, bigEndian: false);
                    case GuidRepresentation.PythonLegacy:
                        return new Guid(bytes, bigEndian: true);
                    case GuidRepresentation.JavaLegacy:
                        Span<byte> swapped = stackalloc byte[16];
                        bytes.CopyTo(swapped);
                        swapped[..8].Reverse();
                        swapped[8..].Reverse();
                        return new Guid(swapped, bigEndian: true);
                    default:
                        throw new BsonSerializationException(
                            $"A legacy UUID (subtype 3) cannot be read as a Guid with GuidRepresentation.{representation}: its byte order depends on the driver that wrote it; choose CSharpLegacy, JavaLegacy or PythonLegacy.");
                }

            default:
                throw new BsonSerializationException($"Binary subtype 0x{(byte)subType:X2} is not a UUID.");
        }
    }
}

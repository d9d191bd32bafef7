using System.Buffers;

namespace OpenQuizz.Typed.Bson;

/// <summary>Encodes and decodes any type that has a codec in <see cref="BsonCodecRegistry"/>.</summary>
public static class BsonCodecs
{
    /// <summary>Encodes <paramref name="value"/> as a BSON document.</summary>
    public static byte[] Serialize<T>(T value)
    {
        using var buffer = new PooledByteBufferWriter();
        Serialize(buffer, value);
        return buffer.ToArray();
    }

    /// <summary>Encodes <paramref name="value"/> into <paramref name="output"/>.</summary>
    public static void Serialize<T>(IBufferWriter<byte> output, T value)
    {
        ArgumentNullException.ThrowIfNull(output);
        var codec = BsonCodecRegistry.Get<T>();
        var writer = new BsonSpanWriter(output);
        codec.Encode(ref writer, value);
    }

    /// <summary>Decodes exactly one document from <paramref name="bytes"/>.</summary>
    /// <exception cref="BsonFormatException">The bytes are not one valid document.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> bytes)
    {
        var codec = BsonCodecRegistry.Get<T>();
        var reader = new BsonSpanReader(bytes);
        var value = codec.Decode(ref reader);
        if (reader.Remaining != 0)
        {
            throw new BsonFormatException($"Invalid BSON at offset {reader.Position}: {reader.Remaining} bytes follow the end of the document.") { Offset = reader.Position };
        }

        return value;
    }

    /// <summary>Decodes exactly one document from <paramref name="bytes"/>.</summary>
    public static T Deserialize<T>(ReadOnlySequence<byte> bytes)
    {
        var codec = BsonCodecRegistry.Get<T>();
        var reader = new BsonSpanReader(bytes);
        try
        {
            var value = codec.Decode(ref reader);
            if (reader.Remaining != 0)
            {
                throw new BsonFormatException($"Invalid BSON at offset {reader.Position}: {reader.Remaining} bytes follow the end of the document.") { Offset = reader.Position };
            }

            return value;
        }
        finally
        {
            reader.Dispose();
        }
    }
}

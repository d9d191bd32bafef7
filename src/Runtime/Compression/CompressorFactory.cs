namespace OpenQuizz.Typed.Compression;

/// <summary>Maps the configured compressors to implementations and knows which commands must never be compressed.</summary>
internal static class CompressorFactory
{
    /// <summary>The compressor for <paramref name="compressor"/>, honouring its zlib level.</summary>
    public static ICompressor Create(MongoCompressor compressor) => compressor.Type switch
    {
        MongoCompressorType.Zlib => new ZlibCompressor(compressor.Level ?? -1),
        MongoCompressorType.Snappy => SnappyCompressor.Instance,
        MongoCompressorType.Zstd => ZstdCompressor.Instance,
        _ => throw new MongoCompressionException($"Unknown compressor {compressor.Type}."),
    };

    /// <summary>The compressor for an id read from an OP_COMPRESSED message, or null for an unknown id.</summary>
    public static ICompressor? ForId(byte id, ICompressor? negotiated) => id switch
    {
        _ when negotiated is not null && (byte)negotiated.Type == id => negotiated,
        NoopCompressor.Id => NoopCompressor.Instance,
        (byte)MongoCompressorType.Zlib => ZlibCompressor.Default,
        (byte)MongoCompressorType.Snappy => SnappyCompressor.Instance,
        (byte)MongoCompressorType.Zstd => ZstdCompressor.Instance,
        _ => null,
    };

    /// <summary>True for the handshake and authentication commands that the spec forbids compressing.</summary>
    public static bool MayCompress(string commandName) => !(
        commandName.Equals("hello", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("isMaster", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("saslStart", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("saslContinue", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("getnonce", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("authenticate", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("createUser", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("updateUser", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("copydbSaslStart", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("copydbgetnonce", StringComparison.OrdinalIgnoreCase)
        || commandName.Equals("copydb", StringComparison.OrdinalIgnoreCase));
}

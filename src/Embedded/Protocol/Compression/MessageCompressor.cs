using System.Buffers;

namespace OpenQuizz.Typed.Embedded.Protocol.Compression;

/// <summary>One OP_COMPRESSED algorithm, identified on the wire by <see cref="Id"/> and in hello by <see cref="Name"/>.</summary>
internal abstract class MessageCompressor
{
    public abstract byte Id { get; }

    public abstract string Name { get; }

    /// <summary>Appends the compressed form of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public abstract void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination);

    /// <summary>Fills <paramref name="destination"/> exactly; anything else is a protocol error.</summary>
    public abstract void Decompress(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>
    /// The most bytes <paramref name="compressedLength"/> bytes can expand to with this algorithm, so that a message
    /// announcing more is refused before a buffer of the announced size is allocated for it.
    /// </summary>
    public virtual long MaxExpansion(int compressedLength) => long.MaxValue;
}

/// <summary>The compressors this process can run, looked up by wire id or by hello name.</summary>
internal sealed class CompressorRegistry
{
    private readonly MessageCompressor?[] _byId = new MessageCompressor?[4];

    public CompressorRegistry(IEnumerable<string> enabled, int zlibLevel)
    {
        foreach (var name in enabled)
        {
            MessageCompressor? compressor = name switch
            {
                "snappy" => new SnappyCompressor(),
                "zlib" => new ZlibCompressor(zlibLevel),
                "zstd" => new ZstdCompressor(),
                _ => null,
            };
            if (compressor is not null)
            {
                _byId[compressor.Id] = compressor;
                Names.Add(compressor.Name);
            }
        }

        _byId[NoopCompressor.Instance.Id] = NoopCompressor.Instance;
    }

    /// <summary>The enabled names in the server's order of preference.</summary>
    public List<string> Names { get; } = [];

    public MessageCompressor? Find(byte id) => id < _byId.Length ? _byId[id] : null;

    public MessageCompressor? Find(string name)
    {
        foreach (var compressor in _byId)
        {
            if (compressor is not null && compressor.Name == name)
            {
                return compressor;
            }
        }

        return null;
    }
}

/// <summary>Id 0: the payload is stored as is.</summary>
internal sealed class NoopCompressor : MessageCompressor
{
    public static readonly NoopCompressor Instance = new();

    public override byte Id => 0;

    public override string Name => "noop";

    public override void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination) => destination.Write(source);

    public override void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != destination.Length)
        {
            throw new ProtocolException("noop-compressed payload does not have the announced size");
        }

        source.CopyTo(destination);
    }
}

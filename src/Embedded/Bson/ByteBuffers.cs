using System.Buffers;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// Where the server's byte buffers come from: small ones from a pool of its own, which keeps them for reuse; large
/// ones (a 48 MB message, a 16 MB reply) allocated for the occasion and left to the garbage collector. Not
/// <see cref="ArrayPool{T}.Shared"/>: it keeps up to 32 arrays of every size per core and per thread, so the bursts of
/// a hostile client (many connections growing buffers at once) would stay pinned in it, well over 100 MB; this pool
/// keeps at most <see cref="MaxArraysPerSize"/> arrays of each size, a few tens of megabytes at worst.
/// </summary>
internal static class ByteBuffers
{
    /// <summary>Arrays up to this size are pooled; larger ones are not.</summary>
    public const int MaxPooledLength = 1024 * 1024;

    /// <summary>How many arrays of one size the pool keeps.</summary>
    public const int MaxArraysPerSize = 16;

    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(MaxPooledLength, MaxArraysPerSize);

    public static byte[] Rent(int minimumLength) =>
        minimumLength <= MaxPooledLength ? Pool.Rent(minimumLength) : GC.AllocateUninitializedArray<byte>(minimumLength);

    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= MaxPooledLength && buffer.Length > 0)
        {
            Pool.Return(buffer);
        }
    }
}

/// <summary>
/// The same policy for character buffers (Extended JSON text, error messages that quote a document): small ones pooled
/// and kept, large ones left to the garbage collector. <see cref="ArrayPool{T}.Shared"/> would keep the multi-megabyte
/// buffers of a few huge documents written as JSON for the life of the process.
/// </summary>
internal static class CharBuffers
{
    /// <summary>Arrays up to this length are pooled; larger ones are not.</summary>
    public const int MaxPooledLength = 64 * 1024;

    private static readonly ArrayPool<char> Pool = ArrayPool<char>.Create(MaxPooledLength, ByteBuffers.MaxArraysPerSize);

    public static char[] Rent(int minimumLength) =>
        minimumLength <= MaxPooledLength ? Pool.Rent(minimumLength) : GC.AllocateUninitializedArray<char>(minimumLength);

    public static void Return(char[] buffer)
    {
        if (buffer.Length <= MaxPooledLength && buffer.Length > 0)
        {
            Pool.Return(buffer);
        }
    }
}

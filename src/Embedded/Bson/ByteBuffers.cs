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

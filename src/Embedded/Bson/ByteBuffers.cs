using System.Buffers;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// Where the server's byte buffers come from: small ones from <see cref="ArrayPool{T}.Shared"/>, which keeps them for
/// reuse; large ones (a 48 MB message, a 16 MB reply) allocated for the occasion and left to the garbage collector,
/// because the shared pool would keep every large array it is given for the life of the process and a few hostile
/// messages would pin hundreds of megabytes.
/// </summary>
internal static class ByteBuffers
{
    /// <summary>Arrays up to this size are pooled; larger ones are not.</summary>
    public const int MaxPooledLength = 1024 * 1024;

    public static byte[] Rent(int minimumLength) =>
        minimumLength <= MaxPooledLength ? ArrayPool<byte>.Shared.Rent(minimumLength) : GC.AllocateUninitializedArray<byte>(minimumLength);

    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= MaxPooledLength && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using System.Buffers.Binary;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Protocol;

namespace OpenQuizz.Typed.Embedded.Storage.Persistence;

/// <summary>
/// The framing shared by the journal and the snapshot: each record is <c>[int32 length][uint32 CRC-32C][BSON document]</c>
/// (little-endian, length and checksum over the document bytes). A reader stops at the first record that is cut short or
/// whose checksum does not match, which is how a write torn by a crash shows up.
/// </summary>
internal static class JournalFile
{
    public const int HeaderSize = 8;

    /// <summary>A record larger than this cannot be real (documents are at most 16 MiB plus a little framing).</summary>
    private const int MaxRecordSize = 48 * 1024 * 1024;

    public static void Write(Stream stream, BsonDocument record)
    {
        var payload = record.ToBytes();
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32C.Compute(payload));
        stream.Write(header);
        stream.Write(payload);
    }

    /// <summary>
    /// Reads records until the end or the first damaged one; <paramref name="validLength"/> is where the good records
    /// end, and <paramref name="offsets"/>, when given, receives where each record starts.
    /// </summary>
    public static List<BsonDocument> ReadAll(Stream stream, out long validLength, out bool torn, List<long>? offsets = null)
    {
        var records = new List<BsonDocument>();
        var header = new byte[HeaderSize];
        validLength = 0;
        torn = false;
        while (true)
        {
            var read = stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false);
            if (read == 0)
            {
                return records;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (read < HeaderSize || length < 5 || length > MaxRecordSize)
            {
                torn = true;
                return records;
            }

            var payload = new byte[length];
            if (stream.ReadAtLeast(payload, length, throwOnEndOfStream: false) < length
                || Crc32C.Compute(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)))
            {
                torn = true;
                return records;
            }

            BsonDocument record;
            try
            {
                record = BsonDocument.FromBytes(payload);
            }
            catch (Exception ex) when (ex is BsonException or ArgumentException or FormatException)
            {
                torn = true;
                return records;
            }

            records.Add(record);
            offsets?.Add(validLength);
            validLength += HeaderSize + length;
        }
    }
}

using System.Buffers.Binary;
using System.Text;

namespace OpenQuizz.Typed.Configuration.Dns;

/// <summary>
/// Decodes DNS responses (RFC 1035 section 4, RFC 2782 for SRV). Every read is bounds-checked and compression pointers
/// must point strictly before the run of labels they end, so any input — truncated, hostile or random — either decodes
/// or raises <see cref="DnsException"/>, in time linear in its length.
/// </summary>
internal static class DnsMessageReader
{
    private const int MaxNameLength = 255;
    private const ushort ResponseFlag = 0x8000;
    private const ushort TruncatedFlag = 0x0200;

    /// <summary>Reads the id of a packet, or null when it is shorter than a header.</summary>
    public static ushort? ReadId(ReadOnlySpan<byte> packet) =>
        packet.Length < DnsMessageWriter.HeaderLength ? null : BinaryPrimitives.ReadUInt16BigEndian(packet);

    /// <summary>Decodes a response and checks that it answers the query (<paramref name="id"/>, name, type, class IN).</summary>
    /// <exception cref="DnsException">The packet is malformed or answers another query.</exception>
    public static DnsResponse ParseResponse(ReadOnlySpan<byte> packet, ushort id, string name, DnsRecordType type)
    {
        if (packet.Length < DnsMessageWriter.HeaderLength)
        {
            throw DnsException.Malformed($"{packet.Length} bytes is shorter than the 12-byte header");
        }

        var responseId = BinaryPrimitives.ReadUInt16BigEndian(packet);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var questions = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        if (responseId != id)
        {
            throw DnsException.Malformed($"the id {responseId} does not match the query's id {id}");
        }

        if ((flags & ResponseFlag) == 0)
        {
            throw DnsException.Malformed("the packet is a query, not a response");
        }

        var truncated = (flags & TruncatedFlag) != 0;
        var responseCode = (DnsResponseCode)(flags & 0x000F);
        var offset = DnsMessageWriter.HeaderLength;

        // A server may omit the question from an error reply; when present it must be ours.
        if (questions != 1 && !(questions == 0 && (truncated || responseCode != DnsResponseCode.NoError)))
        {
            throw DnsException.Malformed($"expected one question, found {questions}");
        }

        if (questions == 1)
        {
            var questionName = ReadName(packet, ref offset);
            var questionType = ReadUInt16(packet, ref offset);
            var questionClass = ReadUInt16(packet, ref offset);
            if (!string.Equals(questionName, name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
                || questionType != (ushort)type || questionClass != DnsMessageWriter.ClassIn)
            {
                throw DnsException.Malformed($"the question ({questionName}, type {questionType}) does not match the query ({name}, {type})");
            }
        }

        if (truncated || responseCode != DnsResponseCode.NoError)
        {
            return new DnsResponse(responseId, truncated, responseCode, [], []);
        }

        var srv = new List<DnsSrvRecord>();
        var txt = new List<DnsTxtRecord>();
        for (var i = 0; i < answers; i++)
        {
            _ = ReadName(packet, ref offset);
            var recordType = ReadUInt16(packet, ref offset);
            var recordClass = ReadUInt16(packet, ref offset);
            var ttl = ReadUInt32(packet, ref offset);
            var dataLength = ReadUInt16(packet, ref offset);
            var end = offset + dataLength;
            if (end > packet.Length)
            {
                throw DnsException.Malformed($"answer {i} claims {dataLength} bytes of data but only {packet.Length - offset} remain");
            }

            // Other types (a CNAME on the way, say) and classes are skipped: the seedlist spec does not follow CNAMEs.
            if (recordClass == DnsMessageWriter.ClassIn && recordType == (ushort)type)
            {
                var timeToLive = TimeSpan.FromSeconds(ttl > int.MaxValue ? 0 : ttl); // RFC 2181 section 8: treat as 0
                if (type == DnsRecordType.Srv)
                {
                    srv.Add(ReadSrv(packet, offset, end, timeToLive));
                }
                else
                {
                    txt.Add(ReadTxt(packet[offset..end], timeToLive));
                }
            }

            offset = end;
        }

        return new DnsResponse(responseId, truncated, responseCode, srv, txt);
    }

    private static DnsSrvRecord ReadSrv(ReadOnlySpan<byte> packet, int offset, int end, TimeSpan timeToLive)
    {
        var data = packet[..end];
        var priority = ReadUInt16(data, ref offset);
        var weight = ReadUInt16(data, ref offset);
        var port = ReadUInt16(data, ref offset);
        var target = ReadName(data, ref offset, packet);
        if (offset != end)
        {
            throw DnsException.Malformed("an SRV record's data is longer than its fields");
        }

        if (target.Length == 0)
        {
            throw DnsException.Malformed("an SRV record has the root as its target (the service is not available)");
        }

        return new DnsSrvRecord(priority, weight, port, target.ToLowerInvariant(), timeToLive);
    }

    private static DnsTxtRecord ReadTxt(ReadOnlySpan<byte> data, TimeSpan timeToLive)
    {
        var strings = new List<string>();
        var offset = 0;
        while (offset < data.Length)
        {
            var length = data[offset++];
            if (offset + length > data.Length)
            {
                throw DnsException.Malformed("a TXT string runs past its record");
            }

            strings.Add(Encoding.UTF8.GetString(data.Slice(offset, length)));
            offset += length;
        }

        return new DnsTxtRecord(strings, timeToLive);
    }

    /// <summary>Reads a possibly compressed name at <paramref name="offset"/> and advances past it.</summary>
    /// <param name="packet">Where the name's own labels must lie (a record's data ends the name's first run).</param>
    /// <param name="offset">The position of the name; on return, the position after it.</param>
    /// <param name="whole">The whole message, which compression pointers index; <paramref name="packet"/> when omitted.</param>
    internal static string ReadName(ReadOnlySpan<byte> packet, ref int offset, ReadOnlySpan<byte> whole = default)
    {
        if (whole.IsEmpty)
        {
            whole = packet;
        }

        var text = new StringBuilder();
        var limit = packet;
        var position = offset;
        var runStart = offset;
        var jumped = false;
        var length = 1;
        while (true)
        {
            if (position >= limit.Length)
            {
                throw DnsException.Malformed("a name runs past the end of its data");
            }

            var labelLength = limit[position];
            if ((labelLength & 0xC0) == 0xC0)
            {
                if (position + 1 >= limit.Length)
                {
                    throw DnsException.Malformed("a compression pointer is cut short");
                }

                var target = ((labelLength & 0x3F) << 8) | limit[position + 1];

                // Pointing strictly before the current run makes every jump go further back: no loop is possible.
                if (target >= runStart)
                {
                    throw DnsException.Malformed($"a compression pointer at {position} points forward or into a loop (to {target})");
                }

                if (!jumped)
                {
                    offset = position + 2;
                    jumped = true;
                }

                limit = whole;
                position = target;
                runStart = target;
                continue;
            }

            if ((labelLength & 0xC0) != 0)
            {
                throw DnsException.Malformed($"unsupported label type 0x{labelLength:X2}");
            }

            if (labelLength == 0)
            {
                if (!jumped)
                {
                    offset = position + 1;
                }

                return text.ToString();
            }

            length += labelLength + 1;
            if (length > MaxNameLength)
            {
                throw DnsException.Malformed("a name is longer than 255 bytes");
            }

            if (position + 1 + labelLength > limit.Length)
            {
                throw DnsException.Malformed("a label runs past the end of its data");
            }

            if (text.Length > 0)
            {
                text.Append('.');
            }

            foreach (var b in limit.Slice(position + 1, labelLength))
            {
                // Host names are printable ASCII; a '.' inside a label would change the name's meaning.
                if (b is <= (byte)' ' or > (byte)'~' or (byte)'.')
                {
                    throw DnsException.Malformed($"a label contains the byte 0x{b:X2}, which no host name may hold");
                }

                text.Append((char)b);
            }

            position += 1 + labelLength;
        }
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> packet, ref int offset)
    {
        if (offset + 2 > packet.Length)
        {
            throw DnsException.Malformed("the packet ends inside a record");
        }

        var value = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
        offset += 2;
        return value;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> packet, ref int offset)
    {
        if (offset + 4 > packet.Length)
        {
            throw DnsException.Malformed("the packet ends inside a record");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(packet[offset..]);
        offset += 4;
        return value;
    }
}

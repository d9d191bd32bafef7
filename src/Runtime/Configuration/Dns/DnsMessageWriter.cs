using System.Buffers.Binary;

namespace OpenQuizz.Typed.Configuration.Dns;

/// <summary>Encodes DNS queries (RFC 1035 section 4): a header with recursion desired and one question of class IN.</summary>
internal static class DnsMessageWriter
{
    public const int HeaderLength = 12;
    public const ushort ClassIn = 1;
    private const ushort RecursionDesired = 0x0100;
    private const int MaxLabelLength = 63;
    private const int MaxNameLength = 255;

    /// <summary>Returns the query packet for <paramref name="name"/> (a trailing dot is optional).</summary>
    /// <exception cref="DnsException">The name is empty, has an empty or over-long label, is longer than 255 bytes, or is not ASCII.</exception>
    public static byte[] EncodeQuery(ushort id, string name, DnsRecordType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        var labels = SplitName(name);
        var nameLength = labels.Sum(l => l.Length + 1) + 1;
        var packet = new byte[HeaderLength + nameLength + 4];
        var span = packet.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, id);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], RecursionDesired);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 1); // QDCOUNT; AN/NS/AR counts stay 0
        var offset = HeaderLength;
        foreach (var label in labels)
        {
            packet[offset++] = (byte)label.Length;
            foreach (var c in label)
            {
                packet[offset++] = (byte)c;
            }
        }

        packet[offset++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 2)..], ClassIn);
        return packet;
    }

    /// <summary>Splits a name into labels, checking the RFC 1035 limits; the result has no trailing empty label.</summary>
    internal static string[] SplitName(string name)
    {
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        if (trimmed.Length == 0)
        {
            throw new DnsException("A DNS name cannot be empty.");
        }

        var labels = trimmed.Split('.');
        var total = 1;
        foreach (var label in labels)
        {
            if (label.Length is 0 or > MaxLabelLength)
            {
                throw new DnsException($"The DNS name '{name}' has an empty label or one longer than {MaxLabelLength} characters.");
            }

            if (label.Any(c => c is <= ' ' or > '~'))
            {
                throw new DnsException($"The DNS name '{name}' contains a character that is not printable ASCII.");
            }

            total += label.Length + 1;
        }

        if (total > MaxNameLength)
        {
            throw new DnsException($"The DNS name '{name}' is longer than {MaxNameLength} bytes.");
        }

        return labels;
    }
}

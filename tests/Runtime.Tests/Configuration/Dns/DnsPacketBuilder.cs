using System.Buffers.Binary;
using System.Text;
using OpenQuizz.Typed.Configuration.Dns;

namespace OpenQuizz.Typed.Tests.Configuration.Dns;

/// <summary>Writes DNS responses byte by byte, compressing names against earlier ones as real servers do.</summary>
internal sealed class DnsPacketBuilder
{
    private readonly List<byte> _bytes = [];
    private readonly Dictionary<string, int> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action> _answers = [];

    public DnsPacketBuilder(ushort id, string question, DnsRecordType type)
    {
        Id = id;
        Question = question;
        Type = type;
    }

    public ushort Id { get; }

    public string Question { get; }

    public DnsRecordType Type { get; }

    public bool Truncated { get; init; }

    public DnsResponseCode ResponseCode { get; init; }

    public bool Compress { get; init; } = true;

    public DnsPacketBuilder Srv(string target, ushort port = 27017, uint ttl = 60, string? owner = null)
    {
        _answers.Add(() => Record(owner ?? Question, DnsRecordType.Srv, ttl, () =>
        {
            U16(0);
            U16(5);
            U16(port);
            Name(target);
        }));
        return this;
    }

    public DnsPacketBuilder Txt(uint ttl = 60, params string[] strings)
    {
        _answers.Add(() => Record(Question, DnsRecordType.Txt, ttl, () =>
        {
            foreach (var s in strings)
            {
                var bytes = Encoding.ASCII.GetBytes(s);
                _bytes.Add((byte)bytes.Length);
                _bytes.AddRange(bytes);
            }
        }));
        return this;
    }

    /// <summary>A CNAME record, which resolvers may put before the answers; the reader must skip it.</summary>
    public DnsPacketBuilder Cname(string alias)
    {
        _answers.Add(() => Record(Question, (DnsRecordType)5, 30, () => Name(alias)));
        return this;
    }

    public byte[] Build()
    {
        _bytes.Clear();
        _names.Clear();
        U16(Id);
        U16((ushort)(0x8180 | (Truncated ? 0x0200 : 0) | (int)ResponseCode));
        U16(1);
        U16((ushort)_answers.Count);
        U16(0);
        U16(0);
        Name(Question);
        U16((ushort)Type);
        U16(1);
        foreach (var answer in _answers)
        {
            answer();
        }

        return [.. _bytes];
    }

    private void Record(string owner, DnsRecordType type, uint ttl, Action data)
    {
        Name(owner);
        U16((ushort)type);
        U16(1);
        var ttlBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(ttlBytes, ttl);
        _bytes.AddRange(ttlBytes);
        var lengthAt = _bytes.Count;
        U16(0);
        var start = _bytes.Count;
        data();
        var length = _bytes.Count - start;
        _bytes[lengthAt] = (byte)(length >> 8);
        _bytes[lengthAt + 1] = (byte)length;
    }

    private void Name(string name)
    {
        var labels = name.TrimEnd('.').Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var suffix = string.Join('.', labels[i..]);
            if (Compress && _names.TryGetValue(suffix, out var at))
            {
                U16((ushort)(0xC000 | at));
                return;
            }

            if (_bytes.Count < 0x3FFF)
            {
                _names[suffix] = _bytes.Count;
            }

            _bytes.Add((byte)labels[i].Length);
            _bytes.AddRange(Encoding.ASCII.GetBytes(labels[i]));
        }

        _bytes.Add(0);
    }

    private void U16(ushort value)
    {
        _bytes.Add((byte)(value >> 8));
        _bytes.Add((byte)value);
    }
}

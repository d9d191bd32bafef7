using OpenQuizz.Typed.Configuration.Dns;

namespace OpenQuizz.Typed.Tests.Configuration.Dns;

/// <summary>Query encoding and response decoding, on hand-recorded packets and on fuzzed ones.</summary>
public sealed class DnsMessageTests
{
    // An Atlas-style answer for _mongodb._tcp.cluster0.x1y2z.mongodb.net: three SRV records whose owner is a pointer to
    // the question (0xC00C) and whose targets end in a pointer to "x1y2z.mongodb.net" inside the question (0xC023).
    private const string RecordedSrvResponse =
        "5a3c81800001000300000000" // id 0x5a3c, QR RD RA, 1 question, 3 answers
        + "085f6d6f6e676f6462045f74637008636c75737465723005783179327a076d6f6e676f6462036e657400" + "00210001"
        + "c00c002100010000003c001d" + "00000000" + "6989" + "14636c7573746572302d73686172642d30302d3030c023"
        + "c00c002100010000003c001d" + "00000000" + "6989" + "14636c7573746572302d73686172642d30302d3031c023"
        + "c00c002100010000003c001d" + "00000000" + "6989" + "14636c7573746572302d73686172642d30302d3032c023";

    // The TXT record of cluster0.x1y2z.mongodb.net, one record of two strings (TTL 300).
    private const string RecordedTxtResponse =
        "1b2d8180000100010000000008636c75737465723005783179327a076d6f6e676f6462036e65740000100001"
        + "c00c001000010000012c002f" + "1161757468536f757263653d61646d696e26" + "1c7265706c6963615365743d61746c61732d6162632d73686172642d30";

    private const string SrvName = "_mongodb._tcp.cluster0.x1y2z.mongodb.net";

    [Fact]
    public void A_query_has_the_RFC_1035_layout()
    {
        var query = DnsMessageWriter.EncodeQuery(0xBEEF, "_mongodb._tcp.a.example.com.", DnsRecordType.Srv);

        Assert.Equal(
            "beef01000001000000000000" + "085f6d6f6e676f6462045f7463700161076578616d706c6503636f6d00" + "00210001",
            Convert.ToHexStringLower(query));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("a..example.com")]
    [InlineData("exämple.com")]
    [InlineData("with space.com")]
    public void Invalid_query_names_are_rejected(string name)
    {
        Assert.Throws<DnsException>(() => DnsMessageWriter.EncodeQuery(1, name, DnsRecordType.Txt));
    }

    [Fact]
    public void Over_long_labels_and_names_are_rejected()
    {
        Assert.Throws<DnsException>(() => DnsMessageWriter.EncodeQuery(1, new string('a', 64) + ".com", DnsRecordType.Srv));
        Assert.Throws<DnsException>(() => DnsMessageWriter.EncodeQuery(1, string.Join('.', Enumerable.Repeat(new string('a', 63), 4)), DnsRecordType.Srv));
        _ = DnsMessageWriter.EncodeQuery(1, new string('a', 63) + ".com", DnsRecordType.Srv);
    }

    [Fact]
    public void A_recorded_SRV_answer_decodes_through_its_compression_pointers()
    {
        var response = DnsMessageReader.ParseResponse(Convert.FromHexString(RecordedSrvResponse), 0x5a3c, SrvName, DnsRecordType.Srv);

        Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        Assert.False(response.Truncated);
        Assert.Equal(
            ["cluster0-shard-00-00.x1y2z.mongodb.net", "cluster0-shard-00-01.x1y2z.mongodb.net", "cluster0-shard-00-02.x1y2z.mongodb.net"],
            response.SrvRecords.Select(r => r.Target));
        Assert.All(response.SrvRecords, r => Assert.Equal((ushort)27017, r.Port));
        Assert.All(response.SrvRecords, r => Assert.Equal(TimeSpan.FromSeconds(60), r.TimeToLive));
        Assert.Equal((ushort)5, DnsMessageReader.ParseResponse(new DnsPacketBuilder(1, "x.example.com", DnsRecordType.Srv).Srv("a.example.com").Build(), 1, "x.example.com", DnsRecordType.Srv).SrvRecords[0].Weight);
    }

    [Fact]
    public void A_recorded_TXT_answer_keeps_its_strings_in_order()
    {
        var response = DnsMessageReader.ParseResponse(Convert.FromHexString(RecordedTxtResponse), 0x1b2d, "cluster0.x1y2z.mongodb.net.", DnsRecordType.Txt);

        var record = Assert.Single(response.TxtRecords);
        Assert.Equal(["authSource=admin&", "replicaSet=atlas-abc-shard-0"], record.Strings);
        Assert.Equal("authSource=admin&replicaSet=atlas-abc-shard-0", record.Text);
        Assert.Equal(TimeSpan.FromSeconds(300), record.TimeToLive);
    }

    [Fact]
    public void Uncompressed_and_compressed_encodings_decode_alike()
    {
        foreach (var compress in new[] { true, false })
        {
            var packet = new DnsPacketBuilder(7, "_mongodb._tcp.test.example.com", DnsRecordType.Srv) { Compress = compress }
                .Srv("node1.example.com", 27018, ttl: 120).Srv("NODE2.Example.COM.", 27019, ttl: 90).Build();

            var response = DnsMessageReader.ParseResponse(packet, 7, "_mongodb._tcp.test.example.com", DnsRecordType.Srv);

            Assert.Equal([("node1.example.com", 27018), ("node2.example.com", 27019)], response.SrvRecords.Select(r => (r.Target, (int)r.Port)));
            Assert.Equal([120, 90], response.SrvRecords.Select(r => (int)r.TimeToLive.TotalSeconds));
        }
    }

    [Fact]
    public void Records_of_other_types_such_as_a_CNAME_are_skipped()
    {
        var packet = new DnsPacketBuilder(9, "_mongodb._tcp.a.example.com", DnsRecordType.Srv).Cname("b.example.com").Srv("h.example.com").Build();

        var response = DnsMessageReader.ParseResponse(packet, 9, "_mongodb._tcp.a.example.com", DnsRecordType.Srv);

        Assert.Equal("h.example.com", Assert.Single(response.SrvRecords).Target);
    }

    [Theory]
    [InlineData(3)] // NXDOMAIN
    [InlineData(2)] // SERVFAIL
    [InlineData(5)] // REFUSED
    public void Error_codes_are_reported_without_answers(int responseCode)
    {
        var code = (DnsResponseCode)responseCode;
        var packet = new DnsPacketBuilder(3, "a.example.com", DnsRecordType.Txt) { ResponseCode = code }.Build();

        var response = DnsMessageReader.ParseResponse(packet, 3, "a.example.com", DnsRecordType.Txt);

        Assert.Equal(code, response.ResponseCode);
        Assert.Empty(response.TxtRecords);
    }

    [Fact]
    public void A_truncated_answer_is_flagged_and_its_records_not_read()
    {
        var full = new DnsPacketBuilder(4, "a.example.com", DnsRecordType.Txt) { Truncated = true }.Txt(60, "replicaSet=rs0").Build();

        var response = DnsMessageReader.ParseResponse(full.AsSpan(0, full.Length - 5), 4, "a.example.com", DnsRecordType.Txt);

        Assert.True(response.Truncated);
        Assert.Empty(response.TxtRecords);
    }

    [Theory]
    [InlineData(0x1234, SrvName, 33, "id")]
    [InlineData(0x5a3c, "b.example.com", 33, "question")]
    [InlineData(0x5a3c, SrvName, 16, "question")]
    public void A_response_to_another_query_is_rejected(int id, string name, int recordType, string reason)
    {
        var type = (DnsRecordType)recordType;
        var error = Assert.Throws<DnsException>(() => DnsMessageReader.ParseResponse(Convert.FromHexString(RecordedSrvResponse), (ushort)id, name, type));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_query_echoed_back_is_not_a_response()
    {
        var query = DnsMessageWriter.EncodeQuery(5, "a.example.com", DnsRecordType.Txt);
        Assert.Throws<DnsException>(() => DnsMessageReader.ParseResponse(query, 5, "a.example.com", DnsRecordType.Txt));
    }

    [Theory]
    [InlineData("c00c", "points forward")] // the answer's owner points at itself
    [InlineData("c0ff", "points forward")] // past the packet
    [InlineData("4001", "label type")] // the obsolete extended label type
    public void Bad_compression_is_rejected(string ownerName, string reason)
    {
        var packet = Convert.FromHexString(RecordedSrvResponse);
        var ownerOffset = 58; // the first answer's owner (12-byte header + 46-byte question)
        var bytes = Convert.FromHexString(ownerName);
        bytes.CopyTo(packet, ownerOffset);
        if (ownerName == "c00c")
        {
            packet[ownerOffset + 1] = (byte)ownerOffset;
        }

        var error = Assert.Throws<DnsException>(() => DnsMessageReader.ParseResponse(packet, 0x5a3c, SrvName, DnsRecordType.Srv));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_pointer_loop_between_two_names_ends_in_an_error()
    {
        // The name at 12 is "a" then a pointer to 16, where "b" points back to 12: a loop, refused at its forward jump
        // (a pointer must go strictly before the run of labels it ends, so no chain of pointers can come back).
        byte[] packet = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 0xC0, 16, 1, (byte)'b', 0xC0, 12, 0, 16, 0, 1];

        var error = Assert.Throws<DnsException>(() => DnsMessageReader.ParseResponse(packet, 1, "a.b", DnsRecordType.Txt));

        Assert.Contains("Malformed", error.Message);
    }

    [Fact]
    public void Every_prefix_of_a_valid_answer_fails_with_a_typed_error()
    {
        var packet = Convert.FromHexString(RecordedSrvResponse);
        for (var length = 0; length < packet.Length; length++)
        {
            Assert.Throws<DnsException>(() => DnsMessageReader.ParseResponse(packet.AsSpan(0, length), 0x5a3c, SrvName, DnsRecordType.Srv));
        }
    }

    [Fact]
    public void Fuzzed_packets_decode_or_raise_DnsException_only()
    {
        var random = new Random(20250101);
        var seeds = new[]
        {
            Convert.FromHexString(RecordedSrvResponse),
            Convert.FromHexString(RecordedTxtResponse),
            new DnsPacketBuilder(0x5a3c, SrvName, DnsRecordType.Srv).Cname("x.mongodb.net").Srv("a.x1y2z.mongodb.net").Build(),
        };
        var decoded = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var packet = Mutate(seeds[i % seeds.Length], random);
            var type = i % seeds.Length == 1 ? DnsRecordType.Txt : DnsRecordType.Srv;
            var name = type == DnsRecordType.Txt ? "cluster0.x1y2z.mongodb.net" : SrvName;
            var id = DnsMessageReader.ReadId(packet) ?? 0;
            try
            {
                DnsMessageReader.ParseResponse(packet, id, name, type);
                decoded++;
            }
            catch (DnsException)
            {
            }
        }

        Assert.InRange(decoded, 1, 19_999); // the mutations hit both outcomes
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var packet = seed.ToArray();
        switch (random.Next(4))
        {
            case 0: // flip a few bytes, sparing the header's id and flags sometimes
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    packet[random.Next(packet.Length)] = (byte)random.Next(256);
                }

                return packet;
            case 1: // cut
                return packet[..random.Next(packet.Length)];
            case 2: // plant a compression pointer anywhere, to anywhere
                var at = random.Next(12, packet.Length - 1);
                packet[at] = (byte)(0xC0 | random.Next(0x40));
                packet[at + 1] = (byte)random.Next(256);
                return packet;
            default: // pure noise behind a plausible header
                var noise = new byte[random.Next(12, 300)];
                random.NextBytes(noise);
                noise[2] |= 0x80;
                noise[4] = 0;
                noise[5] = 1;
                return noise;
        }
    }
}

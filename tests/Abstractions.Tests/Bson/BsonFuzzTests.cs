using MongoDB.Bson;
using System.Buffers.Binary;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Tests.Bson;

/// <summary>
/// Feeds 100,000 random and mutated buffers (from a fixed seed, so any failure reproduces) to the reader:
/// the only exception that may come out is <see cref="BsonFormatException"/>.
/// </summary>
public class BsonFuzzTests
{
    private const int Seed = 20261122;
    private const int Iterations = 100_000;

    private static readonly int[] InterestingInt32 = [0, 1, 4, 5, -1, int.MinValue, int.MaxValue, 0x7F, 0x80, 0xFF, 0x10000];

    [Fact]
    public void Malformed_input_raises_only_BsonFormatException()
    {
        var random = new Random(Seed);
        var seeds = SeedDocuments().Select(d => d.ToBytes()).ToArray();
        var decoded = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var input = i % 10 == 0 ? RandomBuffer(random) : Mutate(random, seeds[random.Next(seeds.Length)], seeds);
            try
            {
                var document = BsonDocument.FromBytes(input);
                decoded++;
                // Compared as bytes: MongoDB.Bson's DOM equality does not take NaN as equal to itself.
                var encoded = document.ToBytes();
                Assert.Equal(encoded, BsonDocument.FromBytes(encoded).ToBytes());
            }
            catch (BsonFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"Iteration {i} (seed {Seed}) raised {e.GetType().Name}: {e.Message}\ninput: {Convert.ToHexString(input)}");
            }

            try
            {
                SkipEverything(input);
            }
            catch (BsonFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"Iteration {i} (seed {Seed}) raised {e.GetType().Name} while skipping: {e.Message}\ninput: {Convert.ToHexString(input)}");
            }
        }

        // Some mutations (of string contents, say) stay valid: the loop exercised both outcomes.
        Assert.InRange(decoded, 1, Iterations - 1);
    }

    private static void SkipEverything(byte[] input)
    {
        var reader = new BsonSpanReader(input);
        reader.ReadStartDocument();
        while (reader.ReadBsonType() != BsonType.EndOfDocument)
        {
            reader.ReadNameBytes();
            reader.SkipValue();
        }

        reader.ReadEndDocument();
    }

    private static byte[] RandomBuffer(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        if (bytes.Length >= 4 && random.Next(2) == 0)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes, bytes.Length);
        }

        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed, byte[][] seeds)
    {
        var bytes = (byte[])seed.Clone();
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && bytes.Length > 0; m++)
        {
            switch (random.Next(6))
            {
                case 0:
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 2 when bytes.Length >= 4:
                    BinaryPrimitives.WriteInt32LittleEndian(
                        bytes.AsSpan(random.Next(bytes.Length - 3)),
                        random.Next(3) == 0 ? InterestingInt32[random.Next(InterestingInt32.Length)] : random.Next(-8, bytes.Length + 8));
                    break;
                case 3:
                    Array.Resize(ref bytes, random.Next(bytes.Length));
                    break;
                case 4:
                    var extra = new byte[random.Next(1, 16)];
                    random.NextBytes(extra);
                    bytes = [.. bytes, .. extra];
                    break;
                default:
                    var other = seeds[random.Next(seeds.Length)];
                    var cut = random.Next(bytes.Length);
                    var from = random.Next(other.Length);
                    bytes = [.. bytes.AsSpan(0, cut), .. other.AsSpan(from)];
                    break;
            }
        }

        return bytes;
    }

    internal static IEnumerable<BsonDocument> SeedDocuments()
    {
        var id = ObjectId.Parse("56e1fc72e0c917e9c4714161");
        yield return new BsonDocument();
        yield return new BsonDocument { { "a", 1 }, { "b", 2L }, { "c", 1.5 }, { "d", "text" }, { "e", true } };
        yield return new BsonDocument { { "doc", new BsonDocument { { "x", new BsonArray { 1, "two", new BsonDocument("y", BsonNull.Value) } } } } };
        yield return new BsonDocument { { "bin", new BsonBinaryData([1, 2, 3, 4]) }, { "old", new BsonBinaryData([5, 6], BsonValueBytes.OldBinary) }, { "uuid", new BsonBinaryData(Guid.NewGuid(), GuidRepresentation.Standard) } };
        yield return new BsonDocument { { "re", new BsonRegularExpression("^a.*z$", "im") }, { "js", new BsonJavaScript("function(){}") }, { "sym", BsonSymbol.Create("s") } };
        yield return new BsonDocument { { "jws", new BsonJavaScriptWithScope("x + y", new BsonDocument { { "x", 1 }, { "y", new BsonArray { 2 } } }) } };
        yield return new BsonDocument { { "oid", id }, { "ts", new BsonTimestamp(1, 2) }, { "dt", new BsonDateTime(1_700_000_000_000) } };
        yield return new BsonDocument { { "dec", new Decimal128(1234.5678m) }, { "min", BsonMinKey.Value }, { "max", BsonMaxKey.Value }, { "u", BsonUndefined.Value }, { "n", BsonNull.Value } };
        yield return new BsonDocument { { "ünï", "çødé ✓ 𝄞" }, { "arr", new BsonArray { new BsonArray { new BsonArray { 1 } } } } };
    }
}

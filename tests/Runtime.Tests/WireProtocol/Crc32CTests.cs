using System.Text;
using OpenQuizz.Typed.Tests.Infrastructure;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Tests.WireProtocol;

public class Crc32CTests
{
    [Fact]
    public void Check_value_of_the_standard_input()
    {
        // The catalogue check value of CRC-32C (iSCSI) for "123456789".
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Hardware_and_portable_paths_agree_with_a_bitwise_reference()
    {
        var random = new Random(5802);
        for (var length = 0; length < 300; length += 7)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var expected = TestWire.TestCrc32C(data);
            Assert.Equal(expected, Crc32C.Compute(data));
            Assert.Equal(expected, Crc32C.ComputePortable(data));
        }
    }
}

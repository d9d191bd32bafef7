using OpenQuizz.Typed.Authentication;

namespace OpenQuizz.Typed.Tests.Authentication;

public class SaslPrepTests
{
    [Theory]
    [InlineData("I\u00ADX", "IX")] // RFC 4013 section 3: soft hyphen mapped to nothing
    [InlineData("user", "user")]
    [InlineData("USER", "USER")]
    [InlineData("\u00AA", "a")] // NFKC of the feminine ordinal indicator
    [InlineData("\u2168", "IX")] // NFKC of ROMAN NUMERAL NINE
    [InlineData("a\u00A0b", "a b")] // non-ASCII space mapped to space
    [InlineData("a\u2003b\u3000c", "a b c")]
    [InlineData("p\u200Bass", "pass")] // zero-width space mapped to nothing
    [InlineData("\uFEFFword", "word")]
    [InlineData("\u0627\u0628", "\u0627\u0628")] // right-to-left only
    [InlineData("\u0627 1 \u0628", "\u0627 1 \u0628")] // RandAL first and last, neutral inside
    [InlineData("pa\u0301ss", "p\u00E1ss")] // composed by NFKC
    [InlineData("", "")]
    public void Prepares(string input, string expected)
    {
        Assert.Equal(expected, SaslPrep.Prepare(input));
    }

    [Theory]
    [InlineData("\u0007")] // RFC 4013 section 3: prohibited control character
    [InlineData("\u0627\u0031")] // RFC 4013 section 3: RandALCat must be first and last
    [InlineData("a\u0627")] // mixing L and RandAL
    [InlineData("\uE000")] // private use
    [InlineData("a\u0000b")]
    [InlineData("\u007F")]
    [InlineData("\u200E")] // change-display (bidi mark)
    [InlineData("\U000E0001")] // tagging
    [InlineData("\uFFFD")] // inappropriate for plain text
    [InlineData("\u0378")] // unassigned
    public void Rejects(string input)
    {
        var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare(input));
        Assert.DoesNotContain(input, error.Message, StringComparison.Ordinal);
    }
}

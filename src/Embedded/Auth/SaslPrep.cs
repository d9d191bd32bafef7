using System.Globalization;
using System.Text;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// SASLprep (RFC 4013, the stringprep profile of RFC 3454) for SCRAM-SHA-256 passwords: map, NFKC-normalise,
/// refuse prohibited characters and check the bidirectional rule. Tables are the RFC's; the bidi classes are
/// taken by script block (Hebrew, Arabic and related blocks are RandALCat), which matches them for real passwords.
/// </summary>
internal static class SaslPrep
{
    /// <summary>Prepares a stored string (unassigned code points are refused, as RFC 3454 §7 asks for stored strings).</summary>
    /// <exception cref="FormatException">The string holds a prohibited character or breaks the bidi rule.</exception>
    public static string Prepare(string value)
    {
        var mapped = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (IsMappedToNothing(rune.Value))
            {
                continue;
            }

            if (IsNonAsciiSpace(rune.Value))
            {
                mapped.Append(' ');
                continue;
            }

            mapped.Append(rune.ToString());
        }

        var normalized = mapped.ToString().Normalize(NormalizationForm.FormKC);
        var hasRandAL = false;
        var hasL = false;
        Rune first = default, last = default;
        var any = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (IsProhibited(rune.Value) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherNotAssigned)
            {
                throw new FormatException($"SASLprep: prohibited character U+{rune.Value:X4}");
            }

            if (!any)
            {
                first = rune;
                any = true;
            }

            last = rune;
            if (IsRandAL(rune.Value))
            {
                hasRandAL = true;
            }
            else if (Rune.IsLetter(rune))
            {
                hasL = true;
            }
        }

        if (hasRandAL && (hasL || !IsRandAL(first.Value) || !IsRandAL(last.Value)))
        {
            throw new FormatException("SASLprep: right-to-left text must not mix with left-to-right letters and must start and end with a right-to-left character");
        }

        return normalized;
    }

    // RFC 3454 B.1: commonly mapped to nothing.
    private static bool IsMappedToNothing(int c) =>
        c is 0x00AD or 0x034F or 0x1806 or 0x180B or 0x180C or 0x180D or 0x200B or 0x200C or 0x200D or 0x2060
            or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF;

    // RFC 3454 C.1.2: non-ASCII space characters.
    private static bool IsNonAsciiSpace(int c) =>
        c is 0x00A0 or 0x1680 or (>= 0x2000 and <= 0x200B) or 0x202F or 0x205F or 0x3000;

    // RFC 4013 §2.3: C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9.
    private static bool IsProhibited(int c) =>
        IsNonAsciiSpace(c)
        || c is < 0x20 or 0x7F
        || c is (>= 0x80 and <= 0x9F) or 0x06DD or 0x070F or 0x180E or 0x200C or 0x200D or 0x2028 or 0x2029
            or (>= 0x2060 and <= 0x2063) or (>= 0x206A and <= 0x206F) or 0xFEFF or (>= 0xFFF9 and <= 0xFFFC)
            or (>= 0x1D173 and <= 0x1D17A)
        || c is (>= 0xE000 and <= 0xF8FF) or (>= 0xF0000 and <= 0xFFFFD) or (>= 0x100000 and <= 0x10FFFD)
        || c is (>= 0xFDD0 and <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE
        || c is >= 0xD800 and <= 0xDFFF
        || c is >= 0xFFF9 and <= 0xFFFD
        || c is >= 0x2FF0 and <= 0x2FFB
        || c is 0x0340 or 0x0341 or 0x200E or 0x200F or (>= 0x202A and <= 0x202E)
        || c is 0xE0001 or (>= 0xE0020 and <= 0xE007F);

    private static bool IsRandAL(int c) =>
        c is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFE) or (>= 0x10800 and <= 0x10FFF)
            or (>= 0x1E800 and <= 0x1EFFF)
        && Rune.IsLetter(new Rune(c));
}

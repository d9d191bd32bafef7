using System.Globalization;
using System.Text;

namespace OpenQuizz.Typed.Authentication;

/// <summary>
/// SASLprep (RFC 4013, the stringprep profile of RFC 3454) for SCRAM-SHA-256 passwords: map non-ASCII spaces
/// to space and soft hyphens and joiners to nothing, normalize with NFKC, reject prohibited and unassigned code
/// points and check bidirectional strings.
/// </summary>
internal static class SaslPrep
{
    /// <summary>Prepares <paramref name="value"/>; ASCII strings without controls return unchanged.</summary>
    /// <exception cref="ArgumentException">The string holds a prohibited character or breaks the bidi rule; the message never quotes it.</exception>
    public static string Prepare(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsPlainAscii(value))
        {
            return value;
        }

        var mapped = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            // B.1 first: U+200B is in both tables, and mapping it to nothing is what other drivers do.
            if (IsMappedToNothing(rune.Value))
            {
                continue;
            }

            if (IsNonAsciiSpace(rune.Value))
            {
                mapped.Append(' ');
            }
            else
            {
                mapped.Append(rune.ToString());
            }
        }

        string normalized;
        try
        {
            normalized = mapped.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("The string holds an invalid UTF-16 sequence and cannot be prepared with SASLprep.", e);
        }

        var hasRandAL = false;
        var hasL = false;
        var first = true;
        var firstIsRandAL = false;
        var lastIsRandAL = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var c = rune.Value;
            if (IsProhibited(c))
            {
                throw new ArgumentException($"The string holds a character SASLprep prohibits (U+{c:X4}).");
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherNotAssigned)
            {
                throw new ArgumentException($"The string holds an unassigned code point (U+{c:X4}), which SASLprep rejects.");
            }

            var randAL = IsRandAL(c);
            hasRandAL |= randAL;
            hasL |= !randAL && IsL(rune);
            if (first)
            {
                firstIsRandAL = randAL;
                first = false;
            }

            lastIsRandAL = randAL;
        }

        if (hasRandAL && (hasL || !firstIsRandAL || !lastIsRandAL))
        {
            throw new ArgumentException("The string mixes right-to-left and left-to-right text in a way SASLprep forbids.");
        }

        return normalized;
    }

    private static bool IsPlainAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < (char)0x20 or > (char)0x7E)
            {
                return false;
            }
        }

        return true;
    }

    // RFC 3454 C.1.2.
    private static bool IsNonAsciiSpace(int c) =>
        c is 0x00A0 or 0x1680 or (>= 0x2000 and <= 0x200B) or 0x202F or 0x205F or 0x3000;

    // RFC 3454 B.1.
    private static bool IsMappedToNothing(int c) =>
        c is 0x00AD or 0x034F or 0x1806 or 0x180B or 0x180C or 0x180D or 0x200B or 0x200C or 0x200D or 0x2060
            or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF;

    // RFC 3454 C.1.2, C.2.1, C.2.2, C.3, C.4, C.5 (surrogates cannot survive EnumerateRunes), C.6, C.7, C.8, C.9.
    private static bool IsProhibited(int c) =>
        IsNonAsciiSpace(c)
        || c is <= 0x1F or 0x7F
        || c is (>= 0x80 and <= 0x9F) or 0x06DD or 0x070F or 0x180E or 0x200C or 0x200D or 0x2028 or 0x2029
            or (>= 0x2060 and <= 0x2063) or (>= 0x206A and <= 0x206F) or 0xFEFF or (>= 0xFFF9 and <= 0xFFFC)
            or (>= 0x1D173 and <= 0x1D17A)
        || c is (>= 0xE000 and <= 0xF8FF) or (>= 0xF0000 and <= 0xFFFFD) or (>= 0x100000 and <= 0x10FFFD)
        || (c & 0xFFFE) == 0xFFFE || c is >= 0xFDD0 and <= 0xFDEF
        || c is >= 0xD800 and <= 0xDFFF
        || c is 0xFFF9 or 0xFFFA or 0xFFFB or 0xFFFC or 0xFFFD
        || c is >= 0x2FF0 and <= 0x2FFB
        || c is 0x0340 or 0x0341 or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or 0x206A or 0x206B or 0x206C or 0x206D or 0x206E or 0x206F
        || c is 0xE0001 or (>= 0xE0020 and <= 0xE007F);

    // RFC 3454 D.1 (approximated by the right-to-left blocks: Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).
    private static bool IsRandAL(int c) =>
        c is 0x05BE or 0x05C0 or 0x05C3 or (>= 0x05D0 and <= 0x05F4) or 0x061B or 0x061F or (>= 0x0621 and <= 0x064A)
            or (>= 0x066D and <= 0x066F) or (>= 0x0671 and <= 0x06D5) or 0x06DD or (>= 0x06E5 and <= 0x06E6)
            or (>= 0x06FA and <= 0x06FE) or (>= 0x0700 and <= 0x070D) or 0x0710 or (>= 0x0712 and <= 0x072C)
            or (>= 0x0780 and <= 0x07A5) or 0x07B1 or (>= 0x07C0 and <= 0x07EA) or 0x200F or (>= 0xFB1D and <= 0xFB4F)
            or (>= 0xFB50 and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFC);

    // RFC 3454 D.2 is every strong left-to-right character; letters and marks of other scripts approximate it.
    private static bool IsL(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.SpacingCombiningMark;
}

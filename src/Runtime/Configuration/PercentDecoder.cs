using System.Text;

namespace OpenQuizz.Typed.Configuration;

/// <summary>Decodes the percent-encoding of connection strings (RFC 3986 §2.1); escaped bytes are UTF-8.</summary>
internal static class PercentDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="text"/>; false when a '%' is not followed by two hex digits or the bytes are not UTF-8.</summary>
    /// <remarks>'+' is kept as-is: only %20 means a space, so that passwords containing '+' survive.</remarks>
    public static bool TryDecode(ReadOnlySpan<char> text, out string decoded)
    {
        var percent = text.IndexOf('%');
        if (percent < 0)
        {
            decoded = text.ToString();
            return true;
        }

        var result = new StringBuilder(text.Length);
        Span<byte> bytes = text.Length <= 768 ? stackalloc byte[text.Length / 3 + 1] : new byte[text.Length / 3 + 1];
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '%')
            {
                result.Append(text[i]);
                i++;
                continue;
            }

            // Decode a whole run of escapes at once, so that multi-byte UTF-8 sequences come out as one character.
            var count = 0;
            while (i < text.Length && text[i] == '%')
            {
                if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
                {
                    decoded = string.Empty;
                    return false;
                }

                bytes[count++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                i += 3;
            }

            try
            {
                result.Append(StrictUtf8.GetString(bytes[..count]));
            }
            catch (DecoderFallbackException)
            {
                decoded = string.Empty;
                return false;
            }
        }

        decoded = result.ToString();
        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

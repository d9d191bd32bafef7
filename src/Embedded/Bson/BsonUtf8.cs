using System.Text;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>Strict UTF-8: invalid bytes or lone surrogates are errors, never silently replaced.</summary>
internal static class BsonUtf8
{
    public static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}

using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Emitting;

/// <summary>
/// Names of the per-member encoders that each codec class exposes: translated queries (and field descriptors) encode
/// values through them, so a query compares with exactly what the codec stores.
/// </summary>
internal static class FieldsEmitter
{
    /// <summary>Whether the codec gets member encoders: closed, non-generic document types.</summary>
    public static bool HasFields(CodecSpec spec) => spec.CanRegister;

    public static string EncoderName(MemberSpec member) => "__Encode_" + member.Name;

    public static string ItemEncoderName(MemberSpec member) => "__EncodeItem_" + member.Name;
}

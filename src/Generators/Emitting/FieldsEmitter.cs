using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Emitting;

/// <summary>
/// The field descriptors of a document type (<c>QuizFields.Status</c>: a <c>Field&lt;Quiz, QuizStatus&gt;</c> with the
/// element path and the member's encoder and decoder), and the names of the per-member encoders and decoders that each
/// codec class exposes; translated queries and the descriptors both encode through them, so a query compares with
/// exactly what the codec stores.
/// </summary>
internal static class FieldsEmitter
{
    /// <summary>Whether the codec gets member encoders and descriptors: closed, non-generic, accessible document types.</summary>
    public static bool HasFields(CodecSpec spec) => spec.CanRegister;

    public static string EncoderName(MemberSpec member) => "__Encode_" + member.Name;

    public static string ItemEncoderName(MemberSpec member) => "__EncodeItem_" + member.Name;

    public static string DecoderName(MemberSpec member) => "__Decode_" + member.Name;

    public static string ItemDecoderName(MemberSpec member) => "__DecodeItem_" + member.Name;

    /// <summary>The descriptor class name: the type's name, with its containing types' names before it, and "Fields".</summary>
    public static string ClassName(CodecSpec spec)
    {
        var display = spec.DisplayName;
        if (spec.Namespace is { Length: > 0 } ns && display.StartsWith(ns + ".", System.StringComparison.Ordinal))
        {
            display = display.Substring(ns.Length + 1);
        }

        return display.Replace(".", string.Empty) + "Fields";
    }

    public static string HintName(CodecSpec spec) => spec.HintName.Replace(".BsonCodec.g.cs", ".Fields.g.cs");

    public static string Emit(CodecSpec spec)
    {
        var w = new StringBuilder();
        var accessibility = spec.IsPublic && spec.IsNested ? "public" : "internal";
        w.AppendLine(Names.Header);
        w.AppendLine("#nullable enable");
        w.AppendLine("#pragma warning disable CS0612, CS0618");
        w.AppendLine();
        var indent = string.Empty;
        if (spec.Namespace is not null)
        {
            w.AppendLine("namespace " + spec.Namespace);
            w.AppendLine("{");
            indent = "    ";
        }

        w.AppendLine($"{indent}/// <summary>The stored fields of <c>{CodecEmitter.Xml(spec.DisplayName)}</c>: element paths with the members' encoders, for the typed builders.</summary>");
        w.AppendLine($"{indent}{Names.GeneratedCodeAttribute}");
        w.AppendLine($"{indent}{accessibility} static partial class {ClassName(spec)}");
        w.AppendLine($"{indent}{{");
        var codec = spec.CodecTypeName;
        foreach (var member in spec.Members)
        {
            if (member.IsExtraElements)
            {
                continue;
            }

            var name = SyntaxFacts.GetKeywordKind(member.Name) != SyntaxKind.None ? "@" + member.Name : member.Name;
            var path = SymbolDisplay.FormatLiteral(member.ElementName, quote: true);
            var value = member.Value;
            w.AppendLine($"{indent}    /// <summary>The element <c>{CodecEmitter.Xml(member.ElementName)}</c> of <c>{CodecEmitter.Xml(member.Name)}</c>.</summary>");
            if (value.Kind is ValueKind.Collection or ValueKind.Dictionary && value.Item is { } item)
            {
                var kind = value.Kind == ValueKind.Collection ? "ArrayField" : "DictionaryField";
                var type = $"global::OpenQuizz.Typed.{kind}<{spec.TypeName}, {value.TypeName}, {item.TypeName}>";
                w.AppendLine($"{indent}    public static readonly {type} {name} = new({path}, {codec}.{EncoderName(member)}, {codec}.{ItemEncoderName(member)}, {codec}.{DecoderName(member)}, {codec}.{ItemDecoderName(member)});");
            }
            else
            {
                var type = $"global::OpenQuizz.Typed.Field<{spec.TypeName}, {value.TypeName}>";
                w.AppendLine($"{indent}    public static readonly {type} {name} = new({path}, {codec}.{EncoderName(member)}, {codec}.{DecoderName(member)});");
            }
        }

        w.AppendLine($"{indent}}}");
        if (spec.Namespace is not null)
        {
            w.AppendLine("}");
        }

        return w.ToString();
    }

}

using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;

namespace OpenQuizz.Typed.Generators.Parsing;

/// <summary>Element and collection naming conventions, and the names of generated types.</summary>
internal static class Naming
{
    public const int AsDeclared = 1;
    public const int CamelCase = 2;

    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat;

    public static readonly SymbolDisplayFormat FullyQualifiedNullable = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>camelCase as System.Text.Json does it: lower the leading run of capitals, leaving the last one of a run followed by a lower-case letter.</summary>
    public static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (char.IsSeparator(chars[i + 1]))
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    public static string Apply(int convention, string memberName) => convention == CamelCase ? ToCamelCase(memberName) : memberName;

    /// <summary>A C# identifier made from any text (assembly names, qualified type names).</summary>
    public static string Identifier(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>The hint name of a type's generated file: its metadata name, with type-parameter counts kept.</summary>
    public static string HintName(INamedTypeSymbol type, string suffix)
    {
        var builder = new StringBuilder();
        var ns = type.ContainingNamespace;
        if (ns is not null && !ns.IsGlobalNamespace)
        {
            builder.Append(ns.ToDisplayString()).Append('.');
        }

        var containing = new System.Collections.Generic.List<string>();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            containing.Insert(0, t.MetadataName.Replace('`', '_'));
        }

        builder.Append(string.Join(".", containing));
        builder.Append('.').Append(suffix).Append(".g.cs");
        return builder.ToString();
    }

    public static string TypeKeyword(INamedTypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Interface)
        {
            return "interface";
        }

        if (type.IsValueType)
        {
            var prefix = type.IsReadOnly ? "readonly " : string.Empty;
            return prefix + (type.IsRecord ? "record struct" : "struct");
        }

        return type.IsRecord ? "record" : "class";
    }

    /// <summary>The head of a partial declaration: modifiers such as <c>readonly</c> go before <c>partial</c>.</summary>
    public static string PartialDeclaration(string keyword, string name) =>
        keyword.StartsWith("readonly ", System.StringComparison.Ordinal)
            ? "readonly partial " + keyword.Substring("readonly ".Length) + " " + name
            : "partial " + keyword + " " + name;

    public static string NameWithTypeParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0 ? type.Name : type.Name + "<" + string.Join(", ", System.Linq.Enumerable.Select(type.TypeParameters, p => p.Name)) + ">";

    /// <summary>The C# literal of a constant, or null when it cannot be written (the caller then uses default).</summary>
    public static string? Literal(object? value, ITypeSymbol type)
    {
        var cast = "(" + type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(FullyQualified) + ")";
        switch (value)
        {
            case null: return null;
            case string s: return SymbolDisplay.FormatLiteral(s, quote: true);
            case char c: return SymbolDisplay.FormatLiteral(c, quote: true);
            case bool b: return b ? "true" : "false";
            case double d:
                if (double.IsNaN(d)) return "global::System.Double.NaN";
                if (double.IsPositiveInfinity(d)) return "global::System.Double.PositiveInfinity";
                if (double.IsNegativeInfinity(d)) return "global::System.Double.NegativeInfinity";
                return cast + "(" + d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "d)";
            case float f:
                if (float.IsNaN(f)) return "global::System.Single.NaN";
                if (float.IsPositiveInfinity(f)) return "global::System.Single.PositiveInfinity";
                if (float.IsNegativeInfinity(f)) return "global::System.Single.NegativeInfinity";
                return cast + "(" + f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f)";
            case decimal m: return cast + "(" + m.ToString(System.Globalization.CultureInfo.InvariantCulture) + "m)";
            case ulong ul: return cast + "(" + ul.ToString(System.Globalization.CultureInfo.InvariantCulture) + "UL)";
            case long l: return cast + "(" + (l == long.MinValue ? "-9223372036854775807L - 1L" : l.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L") + ")";
            case System.IConvertible convertible:
                var text = convertible.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return cast + "(" + (text.StartsWith("-", System.StringComparison.Ordinal) ? "(" + text + ")" : text) + ")";
            default: return null;
        }
    }
}

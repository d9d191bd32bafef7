using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Parsing;

/// <summary>
/// MongoDB.Bson's mapping attributes: which ones the generated codec honours, and a diagnostic (OQ1013/OQ1014) for
/// every other attribute or argument of that namespace, because ignoring one would write other bytes than the class
/// map silently.
/// </summary>
internal sealed partial class DocumentParser
{
    private static readonly HashSet<string> s_memberAttributes = new()
    {
        "BsonIdAttribute", "BsonElementAttribute", "BsonIgnoreAttribute", "BsonIgnoreIfNullAttribute", "BsonIgnoreIfDefaultAttribute",
        "BsonDefaultValueAttribute", "BsonRequiredAttribute", "BsonExtraElementsAttribute", "BsonRepresentationAttribute",
        "BsonGuidRepresentationAttribute", "BsonDateTimeOptionsAttribute", "BsonSerializerAttribute",
    };

    private static readonly HashSet<string> s_typeAttributes = new()
    {
        "BsonDiscriminatorAttribute", "BsonKnownTypesAttribute", "BsonIgnoreExtraElementsAttribute", "BsonNoIdAttribute", "BsonSerializerAttribute",
    };

    private static bool IsMongoBsonAttribute(AttributeData data) =>
        data.AttributeClass?.ContainingNamespace?.ToDisplayString() + "." == KnownTypes.Attributes;

    /// <summary>Whether <c>[BsonIgnoreExtraElements]</c> applies: on the type, or on a base with <c>Inherited = true</c>.</summary>
    private bool IgnoresExtraElements(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (KnownTypes.Find(t.OriginalDefinition, _known.BsonIgnoreExtraElements) is { } attribute &&
                (SymbolEqualityComparer.Default.Equals(t, type) || KnownTypes.Named(attribute, "Inherited") is true))
            {
                return !(attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is false);
            }
        }

        return false;
    }

    /// <summary>An attribute that can be switched off with a <c>false</c> argument (<c>[BsonIgnoreIfNull(false)]</c>).</summary>
    private static bool IsOn(ISymbol symbol, INamedTypeSymbol? attribute) =>
        KnownTypes.Find(symbol, attribute) is { } data && !(data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Value is false);

    private void ReportUnsupportedTypeAttributes(INamedTypeSymbol type)
    {
        foreach (var data in type.GetAttributes())
        {
            if (IsMongoBsonAttribute(data) && !s_typeAttributes.Contains(data.AttributeClass!.Name))
            {
                Report(DiagnosticDescriptors.UnsupportedBsonAttribute, type, "[" + ShortName(data) + "]", Display(type), "remove it, or map the type by hand with an IBsonCodec<T> named in [BsonSerializer(typeof(...))]");
            }
        }

        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            foreach (var data in method.GetAttributes())
            {
                if (IsMongoBsonAttribute(data) && data.AttributeClass!.Name == "BsonFactoryMethodAttribute")
                {
                    Report(DiagnosticDescriptors.UnsupportedBsonAttribute, method, "[BsonFactoryMethod]", Display(type), "generated codecs create objects through a constructor; mark one with [BsonConstructor] instead");
                }
            }
        }
    }

    /// <summary>Reports member attributes the codec does not honour; false when the member must be skipped.</summary>
    private bool CheckMemberAttributes(ISymbol member, ITypeSymbol type, INamedTypeSymbol owner)
    {
        var ok = true;
        void Unsupported(string attribute, string fix)
        {
            Report(DiagnosticDescriptors.UnsupportedBsonAttribute, member, attribute, Display(owner) + "." + member.Name, fix);
            ok = false;
        }

        foreach (var data in member.GetAttributes())
        {
            if (!IsMongoBsonAttribute(data))
            {
                continue;
            }

            var name = data.AttributeClass!.Name;
            if (!s_memberAttributes.Contains(name))
            {
                Unsupported("[" + ShortName(data) + "]", "remove it, or encode the member with an IBsonCodec<T> named in [BsonSerializer(typeof(...))]");
                continue;
            }

            switch (name)
            {
                case "BsonRepresentationAttribute" when KnownTypes.Named(data, "AllowOverflow") is true || KnownTypes.Named(data, "AllowTruncation") is true:
                    Unsupported("[BsonRepresentation(AllowOverflow/AllowTruncation = true)]", "generated codecs always check conversions; remove the argument, or pick a representation that holds every value");
                    break;
                case "BsonGuidRepresentationAttribute" when data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Value is 0:
                    Unsupported("[BsonGuidRepresentation(GuidRepresentation.Unspecified)]", "the class map cannot write such a Guid at all; use GuidRepresentation.Standard");
                    break;
                case "BsonDateTimeOptionsAttribute":
                    if (KnownTypes.Named(data, "DateOnly") is true)
                    {
                        Unsupported("[BsonDateTimeOptions(DateOnly = true)]", "declare the member as System.DateOnly instead, which is stored the same way");
                    }
                    else if (KnownTypes.Named(data, "Representation") is int representation && representation != ValueSpec.RepDateTime)
                    {
                        Unsupported("[BsonDateTimeOptions(Representation = ...)]", "only BsonType.DateTime is supported; remove the argument");
                    }
                    else if (UnderlyingOf(type).SpecialType != SpecialType.System_DateTime)
                    {
                        Unsupported("[BsonDateTimeOptions]", "it applies to DateTime members only; remove it");
                    }

                    break;
            }
        }

        return ok;
    }

    private static ITypeSymbol UnderlyingOf(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private static string ShortName(AttributeData data)
    {
        var name = data.AttributeClass!.Name;
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    /// <summary>
    /// The <c>IBsonCodec&lt;T&gt;</c> type a <c>[BsonSerializer(typeof(X))]</c> names, or null. A MongoDB.Bson
    /// <c>IBsonSerializer</c> there is reported (OQ1014): generated codecs read spans and cannot call one yet.
    /// </summary>
    private INamedTypeSymbol? SerializerOf(ISymbol symbol, ITypeSymbol valueType, ISymbol reportAt, out bool failed)
    {
        failed = false;
        if (KnownTypes.Find(symbol, _known.BsonSerializer) is not { ConstructorArguments.Length: 1 } data || data.ConstructorArguments[0].Value is not INamedTypeSymbol serializer)
        {
            return null;
        }

        if (!serializer.AllInterfaces.Any(i => KnownTypes.Is(i, _known.IBsonCodec)) && serializer.AllInterfaces.Any(i => KnownTypes.Is(i, _known.IBsonSerializer)))
        {
            Report(DiagnosticDescriptors.BsonSerializerNotSupported, reportAt, Display(serializer), reportAt is INamedTypeSymbol ? Display(reportAt) : Display(reportAt.ContainingType) + "." + reportAt.Name,
                Display(UnderlyingOf(valueType).WithNullableAnnotation(NullableAnnotation.NotAnnotated)));
            failed = true;
            return null;
        }

        return serializer;
    }

    /// <summary>The member names the parameters of <paramref name="constructor"/> bind to: <c>[BsonConstructor("A", "B")]</c>'s, else the parameter names.</summary>
    private string[] ParameterNames(IMethodSymbol constructor)
    {
        var names = constructor.Parameters.Select(p => p.Name).ToArray();
        if (KnownTypes.Find(constructor, _known.BsonConstructor) is { ConstructorArguments.Length: 1 } data && data.ConstructorArguments[0].Kind == TypedConstantKind.Array)
        {
            var given = data.ConstructorArguments[0].Values.Select(v => v.Value as string).ToArray();
            if (given.Length == names.Length && given.All(n => n is not null))
            {
                return given!;
            }
        }

        return names;
    }
}

using Microsoft.CodeAnalysis;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Queries;

/// <summary>
/// One intercepted call, as data: where it is, and the interceptor's source (null when the query did not translate,
/// in which case <see cref="Diagnostics"/> says why). Strings and values only, so an unchanged query stays cached.
/// </summary>
internal sealed record QuerySpec(
    string HintName,
    string ClassName,
    int LocationVersion,
    string LocationData,
    string? Interceptor,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A translation failure at a place in the query; caught once per query and reported as its diagnostic.</summary>
internal sealed class TranslationException(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) : System.Exception(descriptor.Id)
{
    public DiagnosticDescriptor Descriptor { get; } = descriptor;

    public Location? At { get; } = location;

    public string[] Arguments { get; } = arguments;
}

/// <summary>
/// A stored value the query reaches from the lambda's parameter: its dotted path (a C# expression, usually a literal),
/// its C# type and codec recipe, and the encoders that turn a C# value into what it stores.
/// </summary>
internal sealed class FieldRef
{
    public FieldRef(string path, bool literal, ITypeSymbol type, ValueSpec? spec, string? encoder, string? itemEncoder)
    {
        Path = path;
        IsLiteral = literal;
        Type = type;
        Spec = spec;
        Encoder = encoder;
        ItemEncoder = itemEncoder;
    }

    /// <summary>The path: the element names joined by dots when <see cref="IsLiteral"/>, else a C# string expression.</summary>
    public string Path { get; }

    public bool IsLiteral { get; }

    public ITypeSymbol Type { get; }

    public ValueSpec? Spec { get; }

    /// <summary>A method group that encodes a value of <see cref="Type"/> as the member stores it.</summary>
    public string? Encoder { get; }

    /// <summary>For a collection or dictionary member: the encoder of one item.</summary>
    public string? ItemEncoder { get; }

    /// <summary>Whether this is the element of an <c>$elemMatch</c> itself (the path is empty).</summary>
    public bool IsElement => IsLiteral && Path.Length == 0;

    /// <summary>The path as C# code.</summary>
    public string PathCode => IsLiteral ? Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(Path, quote: true) : Path;

    public FieldRef With(ITypeSymbol type) => new(Path, IsLiteral, type, Spec, Encoder, ItemEncoder);

    /// <summary>The path of <paramref name="element"/> under this one (a literal or a C# expression).</summary>
    public string Join(string element, bool elementIsLiteral, out bool literal)
    {
        literal = IsLiteral && elementIsLiteral;
        if (literal)
        {
            return Path.Length == 0 ? element : Path + "." + element;
        }

        var left = PathCode;
        var right = elementIsLiteral ? Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(element, quote: true) : element;
        return IsLiteral && Path.Length == 0 ? right : "global::OpenQuizz.Typed.Queries.QueryValues.Path(" + left + ", " + right + ")";
    }
}

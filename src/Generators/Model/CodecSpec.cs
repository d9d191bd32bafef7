using OpenQuizz.Typed.Generators.Diagnostics;

namespace OpenQuizz.Typed.Generators.Model;

/// <summary>How a decoded value reaches its member.</summary>
internal enum MemberSetKind
{
    /// <summary>Not set when decoding (read-only member: encoded only).</summary>
    None,

    /// <summary>Passed to the constructor.</summary>
    Constructor,

    /// <summary>Assigned in the object initializer (required members, and init-only members that no accessor can reach).</summary>
    Initializer,

    /// <summary>Assigned after construction, when the element was present.</summary>
    Setter,

    /// <summary>An init accessor called after construction through an <c>[UnsafeAccessor]</c>, when the element was present.</summary>
    InitAccessor,
}

/// <summary>One mapped field or property.</summary>
internal sealed record MemberSpec(
    string Name,
    string ElementName,
    ValueSpec Value,
    MemberSetKind SetKind,
    int ConstructorIndex,
    bool IsRequired,
    bool IgnoreIfNull,
    bool IgnoreIfDefault,
    bool IsExtraElements,
    string? DefaultValueLiteral,
    string? AccessorTargetTypeName);

/// <summary>A type that contains a nested document type (emitted as a partial declaration around the codec).</summary>
internal sealed record ContainingTypeSpec(string Keyword, string NameWithTypeParameters);

/// <summary>A derived type a polymorphic codec dispatches to.</summary>
internal sealed record DerivedTypeSpec(string TypeName, string CodecTypeName, string Discriminator, bool HasOwnDerivedTypes, int Depth);

/// <summary>Everything needed to emit the codec of one type (a type definition; generic types get one generic codec).</summary>
internal sealed record CodecSpec(
    string HintName,
    string TypeName,
    string DisplayName,
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string Keyword,
    string NameWithTypeParameters,
    bool IsNested,
    bool HidesBaseCodec,
    string CodecClassName,
    string CodecTypeName,
    bool IsValueType,
    bool IsAbstract,
    bool CanRegister,
    EquatableArray<MemberSpec> Members,
    int ConstructorParameterCount,
    bool UnknownElementsRejected,
    string? DiscriminatorElement,
    string? Discriminator,
    EquatableArray<DerivedTypeSpec> DerivedTypes)
{
    public bool IsPolymorphicBase => DerivedTypes.Count > 0;
}

/// <summary>A codec registration for the module initializer: a closed type and the expression of its codec instance.</summary>
internal sealed record CodecRegistration(string TypeName, string CodecExpression);

/// <summary>What parsing one attributed declaration produced.</summary>
internal sealed record DocumentParseResult(
    EquatableArray<CodecSpec> Codecs,
    EquatableArray<CodecRegistration> Registrations,
    EquatableArray<DiagnosticInfo> Diagnostics);

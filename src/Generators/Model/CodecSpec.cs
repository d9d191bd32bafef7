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

/// <summary>
/// One mapped field or property. <see cref="HasBsonDefaultValue"/>: <see cref="DefaultValueLiteral"/> comes from
/// <c>[BsonDefaultValue]</c>, so a missing element sets it and <c>[BsonIgnoreIfDefault]</c> compares with it.
/// </summary>
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
    string? AccessorTargetTypeName,
    bool HasBsonDefaultValue = false);

/// <summary>A type that contains a nested document type (emitted as a partial declaration around the codec).</summary>
internal sealed record ContainingTypeSpec(string Keyword, string NameWithTypeParameters);

/// <summary>A derived type a polymorphic codec dispatches to.</summary>
internal sealed record DerivedTypeSpec(string TypeName, string CodecTypeName, string Discriminator, bool HasOwnDerivedTypes, int Depth);

/// <summary>
/// Everything needed to emit the codec of one type (a type definition; generic types get one generic codec).
/// <see cref="DiscriminatorRequired"/>: the discriminator is written even when the nominal type is the actual one
/// (<c>[BsonDiscriminator(Required = true)]</c> or a <c>RootClass</c> hierarchy), as MongoDB.Bson's class map does;
/// <see cref="DiscriminatorPath"/>: for a RootClass hierarchy, the discriminators from the root down to this type,
/// written as an array when longer than one; <see cref="SkippedElement"/>: the discriminator element every codec
/// skips when reading, as the class map does, hierarchy or not.
/// </summary>
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
    EquatableArray<DerivedTypeSpec> DerivedTypes,
    bool DiscriminatorRequired = false,
    EquatableArray<string> DiscriminatorPath = default,
    string SkippedElement = "_t",
    bool IsPublic = false)
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

using OpenQuizz.Typed.Generators.Diagnostics;

namespace OpenQuizz.Typed.Generators.Model;

/// <summary>One <c>partial IMongoCollection&lt;T&gt;</c> property of a database class.</summary>
internal sealed record CollectionPropertySpec(string Modifiers, string PropertyName, string DocumentTypeName, string CollectionName, string CodecExpression);

/// <summary>A <c>[MongoDatabase]</c> class to complete.</summary>
internal sealed record DatabaseSpec(
    string HintName,
    string TypeName,
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string Keyword,
    string NameWithTypeParameters,
    string ClassName,
    string DatabaseName,
    bool CanRegister,
    EquatableArray<CollectionPropertySpec> Collections);

/// <summary>What parsing one <c>[MongoDatabase]</c> class produced; its collections' document types bring codecs along.</summary>
internal sealed record DatabaseParseResult(DatabaseSpec? Database, DocumentParseResult Documents, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Per-assembly facts: the name used for the generated registration class and the registrations of referenced assemblies.</summary>
internal sealed record AssemblySpec(string AssemblyName, string RegistrationsClassName, EquatableArray<string> ReferencedRegistrations);

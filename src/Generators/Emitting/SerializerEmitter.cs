using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;
using OpenQuizz.Typed.Generators.Model;
using OpenQuizz.Typed.Generators.Parsing;

namespace OpenQuizz.Typed.Generators.Emitting;

/// <summary>
/// Emits, beside each registrable codec, the <c>IBsonSerializer&lt;T&gt;</c> MongoDB.Bson and MongoDB.Driver use
/// instead of a class map: a subclass of <c>GeneratedBsonSerializer&lt;T&gt;</c> (which encodes through the codec)
/// that adds what only the model knows — member element names and serializers for LINQ and builders, the
/// <c>_id</c> accessors, and the discriminator table. It sits where the codec sits (nested in a partial type, so it
/// reaches the same members) and never changes the codec.
/// </summary>
internal static class SerializerEmitter
{
    private const string NestedClassName = "OpenQuizzBsonSerializer";
    private const string Ns = "global::OpenQuizz.Typed.Bson.Serialization";

    /// <summary>Whether <paramref name="spec"/> gets a serializer: closed, accessible types whose codec is registered.</summary>
    public static bool HasSerializer(CodecSpec spec) => spec.CanRegister;

    public static string HintName(CodecSpec spec) => spec.HintName.Replace(".BsonCodec.g.cs", ".BsonSerializer.g.cs");

    public static EquatableArray<SerializerRegistration> RegistrationsOf(IEnumerable<CodecSpec> codecs)
    {
        var list = new List<SerializerRegistration>();
        foreach (var codec in codecs)
        {
            if (HasSerializer(codec))
            {
                list.Add(new SerializerRegistration(codec.TypeName, SerializerTypeName(codec)));
            }
        }

        return list.ToEquatableArray();
    }

    /// <summary>The registration lines of the module initializer, after the codecs'.</summary>
    public static void EmitRegistrations(SourceWriter w, IReadOnlyList<SerializerRegistration> serializers)
    {
        foreach (var serializer in serializers)
        {
            w.Line($"{Ns}.GeneratedBsonSerializers.TryRegister<{serializer.TypeName}>({serializer.SerializerTypeName}.Default);");
        }
    }

    private static string ClassName(CodecSpec spec) =>
        spec.IsNested ? NestedClassName : Replace(spec.CodecClassName, "_BsonCodec", "_BsonSerializer");

    private static string SerializerTypeName(CodecSpec spec) =>
        spec.IsNested
            ? Replace(spec.CodecTypeName, "." + DocumentParser.NestedCodecClassName, "." + NestedClassName)
            : Replace(spec.CodecTypeName, "_BsonCodec", "_BsonSerializer");

    private static string Replace(string text, string suffix, string replacement) =>
        text.EndsWith(suffix, System.StringComparison.Ordinal) ? text.Substring(0, text.Length - suffix.Length) + replacement : text + replacement;

    public static string Emit(CodecSpec spec)
    {
        var w = new SourceWriter();
        w.Line(Names.Header);
        w.Line("#nullable enable");
        w.Line("#pragma warning disable CS0612, CS0618 // Mapped members may be obsolete; the serializer still describes them.");
        // "new" follows the codec's HidesBaseCodec; a generic base has a nested codec but no serializer to hide.
        w.Line("#pragma warning disable CS0109 // The serializer class hides its base type's whenever the codec class does.");
        w.Line();
        var depth = 0;
        var ns = spec.IsNested ? spec.Namespace : DocumentParser.GeneratedNamespace;
        if (ns is not null)
        {
            w.Open("namespace " + ns);
            depth++;
        }

        if (spec.IsNested)
        {
            foreach (var containing in spec.ContainingTypes)
            {
                w.Open(Naming.PartialDeclaration(containing.Keyword, containing.NameWithTypeParameters));
                depth++;
            }

            w.Open(Naming.PartialDeclaration(spec.Keyword, spec.NameWithTypeParameters));
            depth++;
        }

        EmitClass(w, spec);
        for (var i = 0; i < depth; i++)
        {
            w.Close();
        }

        return w.ToString();
    }

    private static void EmitClass(SourceWriter w, CodecSpec spec)
    {
        var cls = ClassName(spec);
        var t = spec.TypeName;
        var polymorphic = spec.Discriminator is not null || spec.IsPolymorphicBase;
        var baseType = polymorphic ? $"{Ns}.GeneratedPolymorphicBsonSerializer<{t}>" : $"{Ns}.GeneratedBsonSerializer<{t}>";
        var accessibility = spec.IsNested ? "public" : "internal";
        w.Line($"/// <summary>The MongoDB.Bson serializer of <c>{CodecEmitter.Xml(spec.DisplayName)}</c>: its generated codec, with member, id and discriminator information.</summary>");
        w.Line(Names.GeneratedCodeAttribute);
        w.Line($"[{Names.EditorBrowsableNever}]");
        w.Open($"{accessibility} {(spec.HidesBaseCodec ? "new " : string.Empty)}sealed class {cls} : {baseType}");
        w.Line("/// <summary>The serializer over the codec registered by default; the instance registered with MongoDB.Bson.</summary>");
        w.Line($"public static readonly {cls} Default = new({spec.CodecTypeName}.Default);");
        w.Line();
        w.Line($"private readonly {Names.Options} _options;");
        w.Line();
        w.Line("/// <summary>A serializer over <paramref name=\"codec\"/>, whose options decide how members such as Guids are described.</summary>");
        w.Line($"public {cls}({Names.ConfigurableCodec}<{t}> codec)");
        w.Line(polymorphic ? $"    : base(codec, CreateDiscriminatorConvention())" : "    : base(codec)");
        w.OpenBlock();
        w.Line("_options = codec.Options;");
        w.Close();
        if (polymorphic)
        {
            EmitDiscriminatorConvention(w, spec);
        }

        EmitMembers(w, spec);
        EmitId(w, spec);
        w.Close();
    }

    private static void EmitDiscriminatorConvention(SourceWriter w, CodecSpec spec)
    {
        w.Line();
        w.Open($"private static {Ns}.GeneratedDiscriminatorConvention CreateDiscriminatorConvention()");
        w.Line($"return new {Ns}.GeneratedDiscriminatorConvention(");
        w.Indent++;
        var entries = new List<string>();
        if (!spec.IsAbstract && spec.Discriminator is not null)
        {
            entries.Add($"(typeof({spec.TypeName}), {Literal(spec.Discriminator)})");
        }

        foreach (var derived in spec.DerivedTypes)
        {
            entries.Add($"(typeof({derived.TypeName}), {Literal(derived.Discriminator)})");
        }

        w.Line(Literal(spec.DiscriminatorElement ?? "_t") + (entries.Count > 0 ? "," : ");"));
        for (var i = 0; i < entries.Count; i++)
        {
            w.Line(entries[i] + (i == entries.Count - 1 ? ");" : ","));
        }

        w.Indent--;
        w.Close();
    }

    private static void EmitMembers(SourceWriter w, CodecSpec spec)
    {
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"protected override global::MongoDB.Bson.Serialization.BsonSerializationInfo? CreateMemberSerializationInfo(string memberName)");
        w.Open("switch (memberName)");
        foreach (var member in spec.Members)
        {
            if (member.IsExtraElements)
            {
                continue;
            }

            w.Line($"case {Literal(member.Name)}:");
            w.Line($"    return Member({Literal(member.ElementName)}, {ValueSerializers.Expression(member.Value)});");
        }

        w.Line("default:");
        w.Line("    return null;");
        w.Close();
        w.Close();
    }

    private static void EmitId(SourceWriter w, CodecSpec spec)
    {
        MemberSpec? id = null;
        foreach (var member in spec.Members)
        {
            if (member.ElementName == "_id" && !member.IsExtraElements)
            {
                id = member;
            }
        }

        if (id is null)
        {
            return;
        }

        // The driver fills in an empty _id before an insert; it can only when the member is settable after construction.
        var settable = !spec.IsValueType && !spec.IsAbstract && id.SetKind is MemberSetKind.Setter or MemberSetKind.InitAccessor;
        var generator = settable ? ValueSerializers.IdGenerator(id.Value) : null;
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"protected override bool TryGetId({spec.TypeName} document, out object? id, out global::System.Type? nominalType, out global::MongoDB.Bson.Serialization.IIdGenerator? generator)");
        w.Line($"id = document.{Id(id.Name)};");
        w.Line($"nominalType = typeof({id.Value.BareTypeName});");
        w.Line($"generator = {generator ?? "null"};");
        w.Line("return true;");
        w.Close();
        if (generator is null)
        {
            return;
        }

        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"protected override void SetId({spec.TypeName} document, object id)");
        if (id.SetKind == MemberSetKind.Setter)
        {
            w.Line($"document.{Id(id.Name)} = ({id.Value.TypeName})id;");
        }
        else
        {
            w.Line($"__SetId(document, ({id.Value.TypeName})id);");
            w.Close();
            w.Line();
            w.Line($"[{Names.UnsafeAccessor}({Names.UnsafeAccessorKind}.Method, Name = \"set_{id.Name}\")]");
            w.Line($"private static extern void __SetId({id.AccessorTargetTypeName} target, {id.Value.TypeName} value);");
            return;
        }

        w.Close();
    }

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    private static string Id(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

}

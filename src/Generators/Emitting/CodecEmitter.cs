using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using OpenQuizz.Typed.Generators.Model;
using OpenQuizz.Typed.Generators.Parsing;

namespace OpenQuizz.Typed.Generators.Emitting;

/// <summary>
/// Emits the codec class of one <see cref="CodecSpec"/>: element names as UTF-8 literals, name dispatch on length
/// then bytes, static Write/Read methods that nested codecs call directly, and one helper method per collection,
/// dictionary or string-stored enum shape.
/// </summary>
internal sealed partial class CodecEmitter
{
    private readonly CodecSpec _spec;
    private readonly SourceWriter _w = new();
    private readonly Dictionary<ValueSpec, string> _helpers = new();
    private readonly Queue<ValueSpec> _pendingHelpers = new();
    private readonly Dictionary<string, string> _codecFields = new();
    private int _variables;

    private CodecEmitter(CodecSpec spec) => _spec = spec;

    public static string Emit(CodecSpec spec) => new CodecEmitter(spec).Emit();

    private string Emit()
    {
        _w.Line(Names.Header);
        _w.Line("#nullable enable");
        _w.Line("#pragma warning disable CS0612, CS0618 // Mapped members may be obsolete; the codec still reads and writes them.");
        _w.Line();
        var depth = 0;
        var ns = _spec.IsNested ? _spec.Namespace : DocumentParserNamespace;
        if (ns is not null)
        {
            _w.Open("namespace " + ns);
            depth++;
        }

        if (_spec.IsNested)
        {
            foreach (var containing in _spec.ContainingTypes)
            {
                _w.Open(Naming.PartialDeclaration(containing.Keyword, containing.NameWithTypeParameters));
                depth++;
            }

            _w.Open(Naming.PartialDeclaration(_spec.Keyword, _spec.NameWithTypeParameters));
            depth++;
        }

        EmitCodecClass();
        for (var i = 0; i < depth; i++)
        {
            _w.Close();
        }

        return _w.ToString();
    }

    private const string DocumentParserNamespace = Parsing.DocumentParser.GeneratedNamespace;

    private string T => _spec.TypeName;

    private void EmitCodecClass()
    {
        var accessibility = _spec.IsNested ? "public" : "internal";
        var cls = _spec.CodecClassName;
        _w.Line($"/// <summary>The BSON codec of <c>{Xml(_spec.DisplayName)}</c>, generated at build time.</summary>");
        _w.Line(Names.GeneratedCodeAttribute);
        _w.Line($"[{Names.EditorBrowsableNever}]");
        _w.Open($"{accessibility} {(_spec.HidesBaseCodec ? "new " : string.Empty)}sealed class {cls} : {Names.ConfigurableCodec}<{T}>");
        _w.Line($"private const string TypeName = {Literal(_spec.DisplayName)};");
        _w.Line();
        _w.Line("/// <summary>The codec with the default options; the instance registered in BsonCodecRegistry.</summary>");
        _w.Line($"public static readonly {cls} Default = new({Names.Options}.Default);");
        _w.Line();
        _w.Line($"private readonly {Names.Options} _options;");
        _w.Line();
        _w.Line("/// <summary>A codec that encodes with <paramref name=\"options\"/>.</summary>");
        _w.Open($"public {cls}({Names.Options} options)");
        _w.Line($"{Names.ArgumentNullException}.ThrowIfNull(options);");
        _w.Line("_options = options;");
        _w.Close();
        _w.Line();
        _w.Line("/// <inheritdoc/>");
        _w.Line($"public {Names.Options} Options => _options;");
        _w.Line();
        _w.Line("/// <inheritdoc/>");
        _w.Line($"public {Names.IBsonCodec}<{T}> WithOptions({Names.Options} options) => options == _options ? this : new {cls}(options);");
        _w.Line();
        _w.Line("/// <inheritdoc/>");
        _w.Line($"public void Encode(ref {Names.BsonSpanWriter} writer, {T} value) => Write(ref writer, value, _options);");
        _w.Line();
        _w.Line("/// <inheritdoc/>");
        _w.Line($"public {T} Decode(ref {Names.BsonSpanReader} reader) => Read(ref reader, _options);");

        if (_spec.IsPolymorphicBase)
        {
            EmitWriteDispatch();
            EmitReadDispatch();
        }
        else if (InHierarchy && !_spec.IsAbstract)
        {
            EmitLeafEntryPoints();
        }

        if (!_spec.IsAbstract)
        {
            EmitWriteBody(InHierarchy ? "WriteBody" : "Write");
            EmitReadBody(InHierarchy ? "ReadBody" : "Read");
        }

        if (FieldsEmitter.HasFields(_spec))
        {
            EmitMemberEncoders();
        }

        while (_pendingHelpers.Count > 0)
        {
            EmitHelper(_pendingHelpers.Dequeue());
        }

        foreach (var member in _spec.Members)
        {
            if (member.SetKind == MemberSetKind.InitAccessor && !_spec.IsAbstract)
            {
                _w.Line();
                _w.Line($"[{Names.UnsafeAccessor}({Names.UnsafeAccessorKind}.Method, Name = \"set_{member.Name}\")]");
                var target = (_spec.IsValueType ? "ref " : string.Empty) + member.AccessorTargetTypeName;
                _w.Line($"private static extern void __Set_{member.Name}({target} target, {member.Value.TypeName} value);");
            }
        }

        foreach (var pair in _codecFields)
        {
            _w.Line();
            _w.Line($"private static readonly {pair.Key} {pair.Value.Split('|')[0]} = {pair.Value.Split('|')[1]};");
        }

        _w.Close();
    }

    /// <summary>
    /// One encoder per stored member (and per item of a collection or dictionary member) that turns a C# value into the
    /// BsonValue the member stores: the field descriptors and the translated queries encode their values with these,
    /// so a query compares with exactly what the codec writes.
    /// </summary>
    private void EmitMemberEncoders()
    {
        foreach (var member in _spec.Members)
        {
            if (member.IsExtraElements)
            {
                continue;
            }

            EmitEncoder(FieldsEmitter.EncoderName(member), member.Value, member.Name);
            EmitDecoder(FieldsEmitter.DecoderName(member), member.Value, member.Name);
            if (member.Value.Kind is ValueKind.Collection or ValueKind.Dictionary && member.Value.Item is { } item)
            {
                EmitEncoder(FieldsEmitter.ItemEncoderName(member), item, member.Name);
                EmitDecoder(FieldsEmitter.ItemDecoderName(member), item, member.Name);
            }
        }
    }

    /// <summary>The BsonValue of a scalar built without encoding, where that is exactly what the codec writes; else null.</summary>
    private static string? DirectBsonValue(ValueSpec value, string e)
    {
        const string B = "global::MongoDB.Bson.";
        var rep = value.Representation;
        return value.Kind switch
        {
            ValueKind.Boolean when rep == ValueSpec.DefaultRepresentation => $"{B}BsonBoolean.Create({e})",
            ValueKind.Int32 when rep is ValueSpec.DefaultRepresentation or ValueSpec.RepInt32 => $"{B}BsonInt32.Create({e})",
            ValueKind.Int64 when rep is ValueSpec.DefaultRepresentation or ValueSpec.RepInt64 => $"{B}BsonInt64.Create({e})",
            ValueKind.Double when rep is ValueSpec.DefaultRepresentation or ValueSpec.RepDouble => $"{B}BsonDouble.Create({e})",
            ValueKind.String when rep == ValueSpec.DefaultRepresentation => $"new {B}BsonString({e})",
            ValueKind.ObjectId when rep == ValueSpec.DefaultRepresentation => $"new {B}BsonObjectId({e})",
            ValueKind.Decimal128 => $"new {B}BsonDecimal128({e})",
            ValueKind.Enum when rep is ValueSpec.DefaultRepresentation or ValueSpec.RepInt32 && value.EnumUnderlying is ValueKind.Int32 or ValueKind.Int16 or ValueKind.Byte or ValueKind.SByte or ValueKind.UInt16 =>
                $"{B}BsonInt32.Create((int){e})",
            ValueKind.Enum when rep == ValueSpec.RepInt64 || (rep == ValueSpec.DefaultRepresentation && value.EnumUnderlying == ValueKind.Int64) => $"{B}BsonInt64.Create((long){e})",
            _ => null,
        };
    }

    private void EmitDecoder(string name, ValueSpec value, string memberName)
    {
        _w.Line();
        _w.Line($"/// <summary>Reads the current value as the member <c>{Xml(memberName)}</c> stores it (for distinct values and other results of one field).</summary>");
        _w.Line($"[{Names.EditorBrowsableNever}]");
        _w.Open($"public static {value.TypeName} {name}(ref {Names.BsonSpanReader} reader)");
        _w.Line($"var options = {Names.Options}.Default;");
        _w.Line($"return {ReadExpression(value)};");
        _w.Close();
    }

    private void EmitEncoder(string name, ValueSpec value, string memberName)
    {
        _w.Line();
        _w.Line($"/// <summary>The BSON value that the member <c>{Xml(memberName)}</c> stores for <paramref name=\"value\"/>.</summary>");
        _w.Line($"[{Names.EditorBrowsableNever}]");
        var nullCheck = value.IsValueType && value.Kind != ValueKind.Nullable ? string.Empty : $"value is null ? global::MongoDB.Bson.BsonNull.Value : ";

        // The common scalars are built directly (the same value the codec writes); the rest go through the codec's bytes.
        var direct = value.Kind == ValueKind.Nullable ? DirectBsonValue(value.Item!, "value.Value") : DirectBsonValue(value, "value");
        if (direct is not null)
        {
            _w.Line($"public static global::MongoDB.Bson.BsonValue {name}({value.TypeName} value) => {nullCheck}{direct};");
            return;
        }

        _w.Line($"public static global::MongoDB.Bson.BsonValue {name}({value.TypeName} value) => {nullCheck}{Names.Helpers}.ToBsonValue(value, static (ref {Names.BsonSpanWriter} writer, {value.TypeName} value) => {name}_Write(ref writer, value));");
        _w.Line();
        _w.Open($"private static void {name}_Write(ref {Names.BsonSpanWriter} writer, {value.TypeName} value)");
        _w.Line($"var options = {Names.Options}.Default;");
        EmitWrite(value, "value", memberName);
        _w.Close();
    }

    /// <summary>Whether the type is in a polymorphic hierarchy: its body methods take whether to write the discriminator.</summary>
    private bool InHierarchy => _spec.Discriminator is not null;

    /// <summary>
    /// A type of a hierarchy that dispatches to no subclass: written with its discriminator only when that is
    /// required, since the nominal type is the actual one (a base's codec calls WriteBody with true instead).
    /// </summary>
    private void EmitLeafEntryPoints()
    {
        _w.Line();
        _w.Line("/// <summary>Writes <paramref name=\"value\"/> as the next document of <paramref name=\"writer\"/>.</summary>");
        _w.Line($"public static void Write(ref {Names.BsonSpanWriter} writer, {T} value, {Names.Options} options) => WriteBody(ref writer, value, options, {(_spec.DiscriminatorRequired ? "true" : "false")});");
        _w.Line();
        _w.Line("/// <summary>Reads the next document of <paramref name=\"reader\"/>.</summary>");
        _w.Line($"public static {T} Read(ref {Names.BsonSpanReader} reader, {Names.Options} options) => ReadBody(ref reader, options);");
    }

    private void EmitWriteDispatch()
    {
        _w.Line();
        _w.Line($"/// <summary>Writes <paramref name=\"value\"/> as a document, with the discriminator of its run-time type.</summary>");
        _w.Open($"public static void Write(ref {Names.BsonSpanWriter} writer, {T} value, {Names.Options} options)");
        _w.Open("switch (value)");
        foreach (var derived in _spec.DerivedTypes)
        {
            // The nominal type is this one and the actual type another: the class map writes the discriminator.
            _w.Line($"case {derived.TypeName} derived{_variables}:");
            _w.Line($"    {derived.CodecTypeName}.WriteBody(ref writer, derived{_variables}, options, true);");
            _w.Line("    return;");
            _variables++;
        }

        _w.Line("case null:");
        _w.Line($"    throw {Names.Helpers}.NullDocument(TypeName);");
        _w.Close();
        if (_spec.IsAbstract)
        {
            _w.Line($"throw {Names.Helpers}.UnknownDerivedType(TypeName, value.GetType());");
        }
        else
        {
            _w.Open($"if (value.GetType() != typeof({T}))");
            _w.Line($"throw {Names.Helpers}.UnknownDerivedType(TypeName, value.GetType());");
            _w.Close();
            _w.Line();
            _w.Line($"WriteBody(ref writer, value, options, {(_spec.DiscriminatorRequired ? "true" : "false")});");
        }

        _w.Close();
    }

    private void EmitReadDispatch()
    {
        _w.Line();
        _w.Line($"/// <summary>Reads a document as the type its discriminator names.</summary>");
        _w.Open($"public static {T} Read(ref {Names.BsonSpanReader} reader, {Names.Options} options)");
        _w.Open($"if ({Names.Helpers}.TryPeekDiscriminator(ref reader, {Utf8(_spec.DiscriminatorElement!)}, TypeName, out var discriminator))");
        foreach (var derived in _spec.DerivedTypes)
        {
            _w.Open($"if (global::System.MemoryExtensions.SequenceEqual(discriminator, {Utf8(derived.Discriminator)}))");
            _w.Line($"return {derived.CodecTypeName}.ReadBody(ref reader, options);");
            _w.Close();
            _w.Line();
        }

        if (!_spec.IsAbstract)
        {
            _w.Open($"if (global::System.MemoryExtensions.SequenceEqual(discriminator, {Utf8(_spec.Discriminator!)}))");
            _w.Line("return ReadBody(ref reader, options);");
            _w.Close();
            _w.Line();
        }

        _w.Line($"{Names.Helpers}.ThrowUnknownDiscriminator(ref reader, TypeName, discriminator);");
        _w.Close();
        _w.Line();
        if (_spec.IsAbstract)
        {
            _w.Line($"{Names.Helpers}.ThrowMissingDiscriminator(ref reader, TypeName, {Literal(_spec.DiscriminatorElement!)});");
            _w.Line("return default!;");
        }
        else
        {
            _w.Line("return ReadBody(ref reader, options);");
        }

        _w.Close();
    }

    private void EmitWriteBody(string name)
    {
        _w.Line();
        _w.Line(InHierarchy
            ? "/// <summary>Writes <paramref name=\"value\"/> as a document of exactly this type, with its discriminator when <paramref name=\"discriminator\"/>.</summary>"
            : "/// <summary>Writes <paramref name=\"value\"/> as the next document of <paramref name=\"writer\"/>.</summary>");
        _w.Open($"public static void {name}(ref {Names.BsonSpanWriter} writer, {T} value, {Names.Options} options{(InHierarchy ? ", bool discriminator" : string.Empty)})");
        if (!_spec.IsValueType)
        {
            _w.Open("if (value is null)");
            _w.Line($"throw {Names.Helpers}.NullDocument(TypeName);");
            _w.Close();
            _w.Line();
        }

        _w.Line("writer.WriteStartDocument();");

        // The discriminator comes first, before _id, as the class map writes it.
        if (InHierarchy)
        {
            EmitDiscriminator();
        }

        foreach (var member in _spec.Members)
        {
            if (member.IsExtraElements)
            {
                // In the member's place, as the class map writes them.
                _w.Line($"{Names.Helpers}.WriteExtraElements(ref writer, value.{Id(member.Name)});");
                continue;
            }

            EmitMemberWrite(member);
        }

        _w.Line("writer.WriteEndDocument();");
        _w.Close();
    }

    private void EmitDiscriminator()
    {
        _w.Open("if (discriminator)");
        _w.Line($"writer.WriteName({Utf8(_spec.DiscriminatorElement!)});");
        if (_spec.DiscriminatorPath.Count > 1)
        {
            // A RootClass hierarchy: the discriminators from the root down (HierarchicalDiscriminatorConvention).
            _w.Line("writer.WriteStartArray();");
            foreach (var value in _spec.DiscriminatorPath)
            {
                _w.Line($"writer.WriteString({Utf8(value)});");
            }

            _w.Line("writer.WriteEndArray();");
        }
        else
        {
            _w.Line($"writer.WriteString({Utf8(_spec.Discriminator!)});");
        }

        _w.Close();
    }

    private void EmitMemberWrite(MemberSpec member)
    {
        var access = "value." + Id(member.Name);
        var closes = 0;
        if (member.IgnoreIfNull && member.Value.CanBeNull)
        {
            _w.Open($"if ({access} is not null)");
            closes++;
        }

        if (member.IgnoreIfDefault)
        {
            var defaultValue = member.HasBsonDefaultValue && member.DefaultValueLiteral is not null ? member.DefaultValueLiteral : "default!";
            _w.Open($"if (!{Names.EqualityComparer}<{member.Value.TypeName}>.Default.Equals({access}, {defaultValue}))");
            closes++;
        }

        _w.Line($"writer.WriteName({Utf8(member.ElementName)});");
        EmitWrite(member.Value, access, member.Name);
        for (var i = 0; i < closes; i++)
        {
            _w.Close();
        }
    }

    private void EmitReadBody(string name)
    {
        var members = _spec.Members;
        _w.Line();
        _w.Line("/// <summary>Reads the next document of <paramref name=\"reader\"/>.</summary>");
        _w.Open($"public static {T} {name}(ref {Names.BsonSpanReader} reader, {Names.Options} options)");
        _w.Line($"{Names.Helpers}.ReadStartDocument(ref reader, TypeName);");
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var type = member.IsExtraElements ? Names.BsonDocument + "?" : member.Value.TypeName;
            _w.Line($"{type} m{i} = {member.DefaultValueLiteral ?? "default!"};");
            if (NeedsPresence(member))
            {
                _w.Line($"var has{i} = false;");
            }
        }

        _w.Open($"while (reader.ReadBsonType() != {Names.BsonType}.EndOfDocument)");
        _w.Line("var name = reader.ReadNameBytes();");
        var byLength = new SortedDictionary<int, List<(string Element, int Index)>>();
        for (var i = 0; i < members.Count; i++)
        {
            if (!members[i].IsExtraElements)
            {
                Add(byLength, members[i].ElementName, i);
            }
        }

        // The discriminator element is skipped by every codec, hierarchy or not, as by the class map.
        var skipped = _spec.Discriminator is not null ? _spec.DiscriminatorElement! : _spec.SkippedElement;
        if (!members.Any(m => m.ElementName == skipped))
        {
            Add(byLength, skipped, -1);
        }

        if (byLength.Count > 0)
        {
            _w.Open("switch (name.Length)");
            foreach (var group in byLength)
            {
                _w.Line($"case {group.Key}:");
                _w.Indent++;
                var distinguishing = group.Value.Count > 2 ? DistinguishingByte(group.Value, group.Key) : -1;
                if (distinguishing >= 0)
                {
                    // One byte tells the candidates of this length apart: switch on it, then confirm the whole name.
                    _w.Open($"switch (name[{distinguishing}])");
                    foreach (var candidate in group.Value)
                    {
                        var b = System.Text.Encoding.UTF8.GetBytes(candidate.Element)[distinguishing];
                        _w.Line($"case 0x{b:X2}:");
                        _w.Indent++;
                        EmitElementMatch(members, candidate.Element, candidate.Index);
                        _w.Line("break;");
                        _w.Indent--;
                    }

                    _w.Close();
                }
                else
                {
                    foreach (var (element, index) in group.Value)
                    {
                        EmitElementMatch(members, element, index);
                    }
                }

                _w.Line("break;");
                _w.Indent--;
            }

            _w.Close();
            _w.Line();
        }

        var extra = -1;
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].IsExtraElements)
            {
                extra = i;
            }
        }

        if (extra >= 0)
        {
            _w.Line($"{Names.Helpers}.ReadExtraElement(ref reader, name, ref m{extra});");
            _w.Line($"has{extra} = true;");
        }
        else if (_spec.UnknownElementsRejected)
        {
            _w.Line($"{Names.Helpers}.ThrowUnknownElement(ref reader, TypeName);");
        }
        else
        {
            _w.Line("reader.SkipValue();");
        }

        _w.Close();
        _w.Line();
        _w.Line("reader.ReadEndDocument();");
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].IsRequired)
            {
                _w.Open($"if (!has{i})");
                _w.Line($"{Names.Helpers}.ThrowMissingElement(TypeName, {Literal(members[i].ElementName)}, {Literal(members[i].Name)});");
                _w.Close();
                _w.Line();
            }
        }

        EmitConstruction();
        _w.Line("return result;");
        _w.Close();
    }

    private void EmitElementMatch(EquatableArray<MemberSpec> members, string element, int index)
    {
        _w.Open($"if (global::System.MemoryExtensions.SequenceEqual(name, {Utf8(element)}))");
        if (index < 0)
        {
            _w.Line("reader.SkipValue();");
        }
        else
        {
            _w.Line($"m{index} = {ReadExpression(members[index].Value)};");
            if (NeedsPresence(members[index]))
            {
                _w.Line($"has{index} = true;");
            }
        }

        _w.Line("continue;");
        _w.Close();
        _w.Line();
    }

    /// <summary>A byte position (last first: names often share a prefix) at which all candidates differ, or -1.</summary>
    private static int DistinguishingByte(List<(string Element, int Index)> candidates, int length)
    {
        var bytes = new List<byte[]>();
        foreach (var candidate in candidates)
        {
            bytes.Add(System.Text.Encoding.UTF8.GetBytes(candidate.Element));
        }

        for (var i = length - 1; i >= 0; i--)
        {
            var seen = new HashSet<byte>();
            var distinct = true;
            foreach (var b in bytes)
            {
                if (!seen.Add(b[i]))
                {
                    distinct = false;
                    break;
                }
            }

            if (distinct)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Add(SortedDictionary<int, List<(string, int)>> byLength, string element, int index)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(element);
        if (!byLength.TryGetValue(length, out var list))
        {
            byLength[length] = list = new List<(string, int)>();
        }

        list.Add((element, index));
    }

    private void EmitConstruction()
    {
        var members = _spec.Members;
        var arguments = new string[_spec.ConstructorParameterCount];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = "default!";
        }

        var initializers = new List<string>();
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var value = ValueOf(member, i);
            if (member.SetKind == MemberSetKind.Constructor && member.ConstructorIndex < arguments.Length)
            {
                arguments[member.ConstructorIndex] = value;
            }
            else if (member.SetKind == MemberSetKind.Initializer)
            {
                initializers.Add($"{Id(member.Name)} = {value},");
            }
        }

        var creation = $"var result = new {T}({string.Join(", ", arguments)})";
        if (initializers.Count == 0)
        {
            _w.Line(creation + ";");
        }
        else
        {
            _w.Line(creation);
            _w.OpenBlock();
            foreach (var initializer in initializers)
            {
                _w.Line(initializer);
            }

            _w.Close(";");
        }

        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (member.SetKind is MemberSetKind.Setter or MemberSetKind.InitAccessor)
            {
                // A [BsonDefaultValue] member is set either way: a missing element means its default value.
                var set = member.SetKind == MemberSetKind.Setter
                    ? $"result.{Id(member.Name)} = {ValueOf(member, i)};"
                    : $"__Set_{member.Name}({(_spec.IsValueType ? "ref " : string.Empty)}result, {ValueOf(member, i)});";
                if (member.HasBsonDefaultValue)
                {
                    _w.Line(set);
                    continue;
                }

                _w.Open($"if (has{i})");
                _w.Line(set);
                _w.Close();
                _w.Line();
            }
        }
    }

    /// <summary>Whether decoding tracks that the element was present: to check a required one, or to leave a member's initializer alone.</summary>
    private static bool NeedsPresence(MemberSpec member) =>
        member.IsRequired || member.IsExtraElements || (member.SetKind is MemberSetKind.Setter or MemberSetKind.InitAccessor && !member.HasBsonDefaultValue);

    private static string ValueOf(MemberSpec member, int index) =>
        member.IsExtraElements && !member.Value.CanBeNull ? $"m{index}!" : $"m{index}";

    private string NewVariable(string prefix) => prefix + (_variables++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    private static string Utf8(string text) => Literal(text) + "u8";

    private static string Id(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>Text made safe for an XML doc comment.</summary>
    internal static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}

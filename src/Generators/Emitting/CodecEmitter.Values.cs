using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Emitting;

internal sealed partial class CodecEmitter
{
    private const string H = Names.Helpers;

    /// <summary>Writes the statements that encode <paramref name="expression"/> as the next value.</summary>
    private void EmitWrite(ValueSpec value, string expression, string memberName)
    {
        if (value.Kind == ValueKind.Nullable || (value.CanBeNull && !value.IsValueType))
        {
            var variable = NewVariable("v");
            _w.Open($"if ({expression} is {{ }} {variable})");
            EmitWriteCore(value.Kind == ValueKind.Nullable ? value.Item! : value, variable);
            _w.Close();
            _w.Open("else");

            // MongoDB.Bson keeps BSON null for BsonNull.Value, so a C# null BsonValue is written as { _csharpnull: true }.
            _w.Line(value.Kind == ValueKind.BsonValue ? $"{H}.WriteCSharpNull(ref writer);" : "writer.WriteNull();");
            _w.Close();
            return;
        }

        if (!value.IsValueType)
        {
            // A member declared non-nullable that holds null: fail with the member's name rather than write a document that will not decode.
            var variable = NewVariable("v");
            _w.Open($"if ({expression} is {{ }} {variable})");
            EmitWriteCore(value, variable);
            _w.Close();
            _w.Open("else");
            _w.Line($"throw {H}.NullMember(TypeName, {Literal(memberName)});");
            _w.Close();
            return;
        }

        EmitWriteCore(value, expression);
    }

    private void EmitWriteCore(ValueSpec value, string e)
    {
        _w.Line(WriteStatement(value, e));
    }

    private string WriteStatement(ValueSpec value, string e)
    {
        var rep = value.Representation;
        switch (value.Kind)
        {
            case ValueKind.Boolean: return $"writer.WriteBoolean({e});";
            case ValueKind.Int32:
            case ValueKind.Byte:
            case ValueKind.SByte:
            case ValueKind.Int16:
            case ValueKind.UInt16:
            case ValueKind.Char:
            case ValueKind.Int64:
            case ValueKind.UInt32:
            case ValueKind.UInt64:
            case ValueKind.Double:
            case ValueKind.Single:
            case ValueKind.Decimal:
                return NumberWrite(value.Kind, rep, e);
            case ValueKind.String:
                return rep == ValueSpec.RepObjectId ? $"{H}.WriteStringAsObjectId(ref writer, {e}, TypeName);" : $"writer.WriteString({e});";
            case ValueKind.Guid:
                return rep == ValueSpec.RepString ? $"{H}.WriteFormatted(ref writer, {e});"
                    : value.GuidRepresentation != ValueSpec.FromOptions ? $"{H}.WriteGuid(ref writer, {e}, ({Names.GuidRepresentation}){value.GuidRepresentation});"
                    : $"{H}.WriteGuid(ref writer, {e}, options);";
            case ValueKind.DateTime: return $"{H}.WriteDateTime(ref writer, {e});";
            case ValueKind.DateTimeOffset:
                // MongoDB.Bson's default keeps the offset in a document; [BsonRepresentation(BsonType.DateTime)] keeps the instant only.
                return rep == ValueSpec.RepDateTime ? $"{H}.WriteDateTimeOffset(ref writer, {e});" : $"{H}.WriteDateTimeOffsetDocument(ref writer, {e});";
            case ValueKind.DateOnly: return $"{H}.WriteDateOnly(ref writer, {e});";
            case ValueKind.TimeOnly: return $"writer.WriteInt64({e}.Ticks);";
            case ValueKind.TimeSpan:
                // MongoDB.Bson writes a TimeSpan as its "c" string by default; Int64 is ticks.
                return rep == ValueSpec.RepInt64 ? $"writer.WriteInt64({e}.Ticks);" : $"{H}.WriteFormatted(ref writer, {e});";
            case ValueKind.ByteArray: return $"writer.WriteBinary({e});";
            case ValueKind.ObjectId:
                return rep == ValueSpec.RepString ? $"{H}.WriteFormatted(ref writer, {e});" : $"writer.WriteObjectId({e});";
            case ValueKind.Decimal128: return $"writer.WriteDecimal128({e});";
            case ValueKind.BsonValue: return $"{H}.WriteBsonValue(ref writer, {e});";
            case ValueKind.Enum:
                if (rep == ValueSpec.RepString)
                {
                    return $"{HelperName(value)}_Write(ref writer, {e});";
                }

                var underlying = rep switch
                {
                    ValueSpec.RepInt64 => ValueKind.Int64,
                    ValueSpec.RepInt32 => ValueKind.Int32,
                    _ => value.EnumUnderlying,
                };
                return NumberWrite(underlying, ValueSpec.DefaultRepresentation, $"({CSharpType(underlying)}){e}");
            case ValueKind.Document: return $"{value.CodecTypeName}.Write(ref writer, {e}, options);";
            case ValueKind.Registry: return $"{Names.BsonCodecRegistry}.Get<{value.BareTypeName}>().Encode(ref writer, {e});";
            case ValueKind.Custom: return $"{CodecField(value)}.Encode(ref writer, {e});";
            case ValueKind.Collection:
            case ValueKind.Dictionary:
                return $"{HelperName(value)}_Write(ref writer, {e}, options);";
            default:
                return $"throw new global::System.NotSupportedException({Literal(value.Kind.ToString())});";
        }
    }

    private static string NumberWrite(ValueKind kind, int rep, string e)
    {
        // The class map refuses to write a value that the chosen representation does not hold; so do these.
        if (rep == ValueSpec.RepDouble && kind is ValueKind.Decimal)
        {
            return $"{H}.WriteDecimalAsDouble(ref writer, {e}, TypeName);";
        }

        if (rep == ValueSpec.RepDouble && kind is ValueKind.Int64 or ValueKind.UInt64)
        {
            return $"{H}.WriteInt64AsDouble(ref writer, checked((long){e}), TypeName);";
        }

        switch (rep)
        {
            case ValueSpec.RepInt32: return $"writer.WriteInt32(checked((int){e}));";
            case ValueSpec.RepInt64: return $"writer.WriteInt64(checked((long){e}));";
            case ValueSpec.RepDouble: return $"writer.WriteDouble((double){e});";
            case ValueSpec.RepDecimal128: return $"writer.WriteDecimal128(new {Names.Decimal128}((decimal){e}));";
            case ValueSpec.RepString: return $"{H}.WriteFormatted(ref writer, {e});";
        }

        return kind switch
        {
            ValueKind.Int64 => $"writer.WriteInt64({e});",
            // MongoDB.Bson's UInt32Serializer writes Int32 and refuses values above int.MaxValue.
            ValueKind.UInt32 => $"writer.WriteInt32(checked((int){e}));",
            ValueKind.UInt64 => $"{H}.WriteUInt64(ref writer, {e}, TypeName);",
            ValueKind.Double => $"writer.WriteDouble({e});",
            ValueKind.Single => $"{H}.WriteSingle(ref writer, {e});",
            ValueKind.Decimal => $"{H}.WriteDecimal(ref writer, {e});",
            _ => $"writer.WriteInt32({e});",
        };
    }

    private static string CSharpType(ValueKind kind) => kind switch
    {
        ValueKind.Int64 => "long",
        ValueKind.UInt64 => "ulong",
        ValueKind.UInt32 => "uint",
        ValueKind.Byte => "byte",
        ValueKind.SByte => "sbyte",
        ValueKind.Int16 => "short",
        ValueKind.UInt16 => "ushort",
        _ => "int",
    };

    /// <summary>An expression that decodes the current element's value.</summary>
    private string ReadExpression(ValueSpec value)
    {
        if (value.Kind == ValueKind.Nullable)
        {
            return $"({H}.TryReadNull(ref reader) ? default({value.TypeName}) : {ReadCore(value.Item!)})";
        }

        if (value.Kind == ValueKind.BsonValue && value.CanBeNull)
        {
            return $"{H}.ReadNullableBsonValue<{value.BareTypeName}>(ref reader, TypeName)";
        }

        if (value.CanBeNull && !value.IsValueType)
        {
            return $"({H}.TryReadNull(ref reader) ? default({value.BareTypeName})! : {ReadCore(value)})";
        }

        return ReadCore(value);
    }

    private string ReadCore(ValueSpec value)
    {
        var rep = value.Representation;
        switch (value.Kind)
        {
            case ValueKind.Boolean: return $"{H}.ReadBoolean(ref reader, TypeName)";
            case ValueKind.Int32:
            case ValueKind.Byte:
            case ValueKind.SByte:
            case ValueKind.Int16:
            case ValueKind.UInt16:
            case ValueKind.Char:
            case ValueKind.Int64:
            case ValueKind.UInt32:
            case ValueKind.UInt64:
            case ValueKind.Double:
            case ValueKind.Single:
            case ValueKind.Decimal:
                return rep == ValueSpec.RepString ? $"{H}.ReadParsed<{value.BareTypeName}>(ref reader, TypeName)" : NumberRead(value.Kind);
            case ValueKind.String:
                return rep == ValueSpec.RepObjectId ? $"{H}.ReadObjectIdAsString(ref reader, TypeName)" : $"{H}.ReadString(ref reader, TypeName)";
            case ValueKind.Guid:
                return rep == ValueSpec.RepString ? $"{H}.ReadParsed<global::System.Guid>(ref reader, TypeName)"
                    : value.GuidRepresentation != ValueSpec.FromOptions ? $"{H}.ReadGuid(ref reader, ({Names.GuidRepresentation}){value.GuidRepresentation}, TypeName)"
                    : $"{H}.ReadGuid(ref reader, options, TypeName)";
            case ValueKind.DateTime:
                return value.DateTimeKind != ValueSpec.FromOptions
                    ? $"{H}.ReadDateTime(ref reader, TypeName, ({Names.DateTimeKind}){value.DateTimeKind})"
                    : $"{H}.ReadDateTime(ref reader, TypeName)";
            case ValueKind.DateTimeOffset:
                return rep == ValueSpec.RepDateTime ? $"{H}.ReadDateTimeOffset(ref reader, TypeName)" : $"{H}.ReadDateTimeOffsetDocument(ref reader, TypeName)";
            case ValueKind.DateOnly: return $"{H}.ReadDateOnly(ref reader, TypeName)";
            case ValueKind.TimeOnly: return $"{H}.ReadTimeOnly(ref reader, TypeName)";
            case ValueKind.TimeSpan:
                return rep == ValueSpec.RepInt64
                    ? $"new {Names.TimeSpan}({H}.ReadInt64(ref reader, TypeName))"
                    : $"{H}.ReadTimeSpan(ref reader, TypeName)";
            case ValueKind.ByteArray: return $"{H}.ReadBytes(ref reader, TypeName)";
            case ValueKind.ObjectId:
                return rep == ValueSpec.RepString ? $"{H}.ReadParsed<{Names.ObjectId}>(ref reader, TypeName)" : $"{H}.ReadObjectId(ref reader, TypeName)";
            case ValueKind.Decimal128: return $"{H}.ReadDecimal128(ref reader, TypeName)";
            case ValueKind.BsonValue: return $"{H}.ReadBsonValue<{value.BareTypeName}>(ref reader, TypeName)";
            case ValueKind.Enum:
                if (rep == ValueSpec.RepString)
                {
                    return $"{HelperName(value)}_Read(ref reader)";
                }

                // A name is read too, as MongoDB.Bson's EnumSerializer reads one whatever the representation.
                return $"(reader.CurrentType == {Names.BsonType}.String ? {H}.ReadEnumName<{value.BareTypeName}>(ref reader, TypeName) : ({value.BareTypeName}){NumberRead(value.EnumUnderlying)})";
            case ValueKind.Document: return $"{value.CodecTypeName}.Read(ref reader, options)";
            case ValueKind.Registry: return $"{Names.BsonCodecRegistry}.Get<{value.BareTypeName}>().Decode(ref reader)";
            case ValueKind.Custom: return $"{CodecField(value)}.Decode(ref reader)";
            case ValueKind.Collection:
            case ValueKind.Dictionary:
                return $"{HelperName(value)}_Read(ref reader, options)";
            default:
                return $"throw new global::System.NotSupportedException({Literal(value.Kind.ToString())})";
        }
    }

    private static string NumberRead(ValueKind kind) => kind switch
    {
        ValueKind.Int64 => $"{H}.ReadInt64(ref reader, TypeName)",
        ValueKind.UInt64 => $"{H}.ReadUInt64(ref reader, TypeName)",
        ValueKind.UInt32 => $"{H}.ReadUInt32(ref reader, TypeName)",
        ValueKind.Byte => $"{H}.ReadByte(ref reader, TypeName)",
        ValueKind.SByte => $"{H}.ReadSByte(ref reader, TypeName)",
        ValueKind.Int16 => $"{H}.ReadInt16(ref reader, TypeName)",
        ValueKind.UInt16 => $"{H}.ReadUInt16(ref reader, TypeName)",
        ValueKind.Char => $"{H}.ReadChar(ref reader, TypeName)",
        ValueKind.Double => $"{H}.ReadDouble(ref reader, TypeName)",
        ValueKind.Single => $"{H}.ReadSingle(ref reader, TypeName)",
        ValueKind.Decimal => $"{H}.ReadDecimal(ref reader, TypeName)",
        _ => $"{H}.ReadInt32(ref reader, TypeName)",
    };

    private string CodecField(ValueSpec value)
    {
        if (!_codecFields.TryGetValue(value.CodecTypeName!, out var entry))
        {
            entry = $"s_codec{_codecFields.Count}|{value.CodecInstance}";
            _codecFields.Add(value.CodecTypeName!, entry);
        }

        return entry.Split('|')[0];
    }

    /// <summary>The name of the helper methods (<c>_Write</c>/<c>_Read</c>) of a collection, dictionary or string-stored enum.</summary>
    private string HelperName(ValueSpec value)
    {
        if (!_helpers.TryGetValue(value, out var name))
        {
            var prefix = value.Kind switch
            {
                ValueKind.Enum => "Enum",
                ValueKind.Dictionary => "Dictionary",
                _ => value.Shape == CollectionShape.Array ? "Array" : "Collection",
            };
            name = prefix + _helpers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _helpers.Add(value, name);
            _pendingHelpers.Enqueue(value);
        }

        return name;
    }

    private void EmitHelper(ValueSpec value)
    {
        var name = _helpers[value];
        if (value.Kind == ValueKind.Enum)
        {
            EmitEnumHelpers(value, name);
        }
        else if (value.Kind == ValueKind.Dictionary)
        {
            EmitDictionaryHelpers(value, name);
        }
        else
        {
            EmitCollectionHelpers(value, name);
        }
    }

    private void EmitEnumHelpers(ValueSpec value, string name)
    {
        var type = value.BareTypeName;
        _w.Line();
        _w.Open($"private static void {name}_Write(ref {Names.BsonSpanWriter} writer, {type} value)");
        _w.Open("switch (value)");
        foreach (var member in value.EnumMembers)
        {
            _w.Line($"case {type}.{Id(member.Name)}:");
            _w.Line($"    writer.WriteString({Utf8(member.Value)});");
            _w.Line("    return;");
        }

        _w.Line("default:");
        _w.Line($"    throw {H}.UndefinedEnumValue(TypeName, {Literal(type)}, (long)value);");
        _w.Close();
        _w.Close();

        _w.Line();
        _w.Open($"private static {type} {name}_Read(ref {Names.BsonSpanReader} reader)");
        _w.Open($"if (reader.CurrentType != {Names.BsonType}.String)");
        _w.Line("// A number is read as the value, as MongoDB.Bson's EnumSerializer reads it whatever the representation.");
        _w.Line($"return ({type}){H}.ReadInt64(ref reader, TypeName);");
        _w.Close();
        _w.Line();
        _w.Line($"var name = {H}.ReadStringBytes(ref reader, TypeName);");
        foreach (var member in value.EnumMembers)
        {
            _w.Open($"if (global::System.MemoryExtensions.SequenceEqual(name, {Utf8(member.Value)}))");
            _w.Line($"return {type}.{Id(member.Name)};");
            _w.Close();
            _w.Line();
        }

        _w.Line($"{H}.ThrowUnknownEnumName(ref reader, TypeName, {Literal(type)}, name);");
        _w.Line("return default;");
        _w.Close();
    }

    private void EmitCollectionHelpers(ValueSpec value, string name)
    {
        var item = value.Item!;
        var type = value.BareTypeName;
        var list = $"{Names.List}<{item.TypeName}>";
        _w.Line();
        _w.Open($"private static void {name}_Write(ref {Names.BsonSpanWriter} writer, {type} value, {Names.Options} options)");
        _w.Line("writer.WriteStartArray();");
        switch (value.Shape)
        {
            case CollectionShape.Array:
                EmitForeach(item, "value");
                break;
            case CollectionShape.List:
                EmitForeach(item, $"{Names.CollectionsMarshal}.AsSpan(value)");
                break;
            case CollectionShape.HashSet:
                EmitForeach(item, "value");
                break;
            default:
                // Lists and arrays behind an interface are walked as spans; anything else by index or enumerator.
                _w.Open($"if (value is {list} list)");
                EmitForeach(item, $"{Names.CollectionsMarshal}.AsSpan(list)");
                _w.Close();
                _w.Open($"else if (value is {item.TypeName}[] array)");
                EmitForeach(item, "array");
                _w.Close();
                _w.Open("else");
                if (value.Shape == CollectionShape.IndexableInterface)
                {
                    _w.Line("var count = value.Count;");
                    _w.Open("for (var i = 0; i < count; i++)");
                    EmitWrite(item, "value[i]", "item");
                    _w.Close();
                }
                else
                {
                    EmitForeach(item, "value");
                }

                _w.Close();
                break;
        }

        _w.Line("writer.WriteEndArray();");
        _w.Close();

        _w.Line();
        _w.Open($"private static {type} {name}_Read(ref {Names.BsonSpanReader} reader, {Names.Options} options)");
        _w.Line($"{H}.ReadStartArray(ref reader, TypeName);");
        _w.Line($"var count = {H}.CountElements(ref reader);");
        var isArray = value.Shape == CollectionShape.Array;
        if (isArray)
        {
            _w.Line($"var result = {NewArray(item.TypeName, "count")};");
            _w.Line("var index = 0;");
        }
        else if (value.Shape is CollectionShape.HashSet or CollectionShape.SetInterface)
        {
            _w.Line($"var result = new {Names.HashSet}<{item.TypeName}>(count);");
        }
        else
        {
            _w.Line($"var result = new {list}(count);");
        }

        _w.Open($"while (reader.ReadBsonType() != {Names.BsonType}.EndOfDocument)");
        _w.Line("reader.SkipName();");
        _w.Line(isArray ? $"result[index++] = {ReadExpression(item)};" : $"result.Add({ReadExpression(item)});");
        _w.Close();
        _w.Line();
        _w.Line("reader.ReadEndArray();");
        _w.Line("return result;");
        _w.Close();
    }

    private void EmitForeach(ValueSpec item, string source)
    {
        var variable = NewVariable("item");
        _w.Open($"foreach (var {variable} in {source})");
        EmitWrite(item, variable, "item");
        _w.Close();
    }

    private void EmitDictionaryHelpers(ValueSpec value, string name)
    {
        var item = value.Item!;
        var type = value.BareTypeName;
        var dictionary = $"{Names.Dictionary}<{Names.String}, {item.TypeName}>";
        _w.Line();
        _w.Open($"private static void {name}_Write(ref {Names.BsonSpanWriter} writer, {type} value, {Names.Options} options)");
        _w.Line("writer.WriteStartDocument();");
        if (value.Shape == CollectionShape.Dictionary)
        {
            EmitPairs(item, "value");
        }
        else
        {
            _w.Open($"if (value is {dictionary} dictionary)");
            EmitPairs(item, "dictionary");
            _w.Close();
            _w.Open("else");
            EmitPairs(item, "value");
            _w.Close();
        }

        _w.Line("writer.WriteEndDocument();");
        _w.Close();

        _w.Line();
        _w.Open($"private static {type} {name}_Read(ref {Names.BsonSpanReader} reader, {Names.Options} options)");
        _w.Line($"{H}.ReadStartDocument(ref reader, TypeName);");
        _w.Line($"var result = new {dictionary}({H}.CountElements(ref reader));");
        _w.Open($"while (reader.ReadBsonType() != {Names.BsonType}.EndOfDocument)");
        _w.Line("var key = reader.ReadName();");
        _w.Line($"result[key] = {ReadExpression(item)};");
        _w.Close();
        _w.Line();
        _w.Line("reader.ReadEndDocument();");
        _w.Line("return result;");
        _w.Close();
    }

    private void EmitPairs(ValueSpec item, string source)
    {
        var variable = NewVariable("pair");
        _w.Open($"foreach (var {variable} in {source})");
        _w.Line($"writer.WriteName({variable}.Key);");
        EmitWrite(item, variable + ".Value", "item");
        _w.Close();
    }

    /// <summary><c>new T[count]</c>, putting the count in the right place when T is itself an array (<c>new int[count][]</c>).</summary>
    private static string NewArray(string itemType, string count)
    {
        var depth = 0;
        for (var i = 0; i < itemType.Length; i++)
        {
            var c = itemType[i];
            if (c == '<')
            {
                depth++;
            }
            else if (c == '>')
            {
                depth--;
            }
            else if (c == '[' && depth == 0)
            {
                return "new " + itemType.Substring(0, i) + "[" + count + "]" + itemType.Substring(i);
            }
        }

        return "new " + itemType + "[" + count + "]";
    }
}

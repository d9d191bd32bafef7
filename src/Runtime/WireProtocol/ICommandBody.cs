using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.WireProtocol;

/// <summary>
/// The body of a command, written straight into the message buffer. The connection opens the body document,
/// calls <see cref="WriteElements"/>, then appends <c>$db</c> and the Stable API fields and closes it.
/// </summary>
internal interface ICommandBody
{
    /// <summary>The command's name: the first element's name, such as <c>find</c>.</summary>
    string CommandName { get; }

    /// <summary>Writes the elements of the command (the command name first), not the surrounding document.</summary>
    void WriteElements(ref BsonWriter writer);
}

/// <summary>A command body taken from a document, for handshakes, authentication, tests and ad-hoc commands.</summary>
internal sealed class BsonDocumentCommandBody : ICommandBody
{
    public BsonDocumentCommandBody(BsonDocument command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.ElementCount == 0)
        {
            throw new ArgumentException("A command document cannot be empty.", nameof(command));
        }

        Command = command;
    }

    public BsonDocument Command { get; }

    public string CommandName => Command.GetElement(0).Name;

    public void WriteElements(ref BsonWriter writer)
    {
        foreach (var element in Command)
        {
            writer.WriteName(element.Name);
            WriteValue(ref writer, element.Value);
        }
    }

    // BsonDom is internal to Abstractions; a one-element document round trip would cost more than this switch.
    private static void WriteValue(ref BsonWriter writer, BsonValue value)
    {
        switch (value)
        {
            case BsonDocument document:
                writer.WriteStartDocument();
                foreach (var element in document)
                {
                    writer.WriteName(element.Name);
                    WriteValue(ref writer, element.Value);
                }

                writer.WriteEndDocument();
                break;
            case BsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteValue(ref writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                BsonValueWriter.WriteScalar(ref writer, value);
                break;
        }
    }
}

/// <summary>Writes a non-container DOM value; shared by the command and document-sequence adapters.</summary>
internal static class BsonValueWriter
{
    public static void WriteScalar(ref BsonWriter writer, BsonValue value)
    {
        switch (value)
        {
            case BsonString s: writer.WriteString(s.Value); break;
            case BsonInt32 i: writer.WriteInt32(i.Value); break;
            case BsonInt64 l: writer.WriteInt64(l.Value); break;
            case BsonDouble d: writer.WriteDouble(d.Value); break;
            case BsonBoolean b: writer.WriteBoolean(b.Value); break;
            case BsonObjectId o: writer.WriteObjectId(o.Value); break;
            case BsonDateTime dt: writer.WriteDateTime(dt.MillisecondsSinceEpoch); break;
            case BsonNull: writer.WriteNull(); break;
            case BsonBinaryData bin: writer.WriteBinary(bin.Bytes, bin.SubType); break;
            case BsonDecimal128 m: writer.WriteDecimal128(m.Value); break;
            case BsonTimestamp t: writer.WriteTimestamp(t.Value); break;
            case BsonUndefined: writer.WriteUndefined(); break;
            case BsonMinKey: writer.WriteMinKey(); break;
            case BsonMaxKey: writer.WriteMaxKey(); break;
            case BsonRegularExpression r: writer.WriteRegularExpression(r.Pattern, r.Options); break;
            case BsonJavaScript js: writer.WriteJavaScript(js.Code); break;
            case BsonSymbol sym: writer.WriteSymbol(sym.Name); break;
            case BsonDBPointer p: writer.WriteDBPointer(p.Namespace, p.Id); break;
            case BsonJavaScriptWithScope jws:
                writer.WriteStartJavaScriptWithScope(jws.Code);
                writer.WriteRawDocument(jws.Scope.ToBytes());
                break;
            default: throw new BsonSerializationException($"Cannot write a BSON value of type {value.GetType().Name}.");
        }
    }
}

using System.Buffers;
using System.Globalization;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// Writes a BSON value as Extended JSON v2, canonical or relaxed, into a character buffer from the server's bounded pool (<see cref="CharBuffers"/>). The layout is
/// compact with one space after each colon and comma: <c>{"a": 1, "b": {"$numberInt": "2"}}</c>.
/// </summary>
/// <remarks>
/// Documents and arrays nest at most <see cref="BsonDefaults.MaxDepth"/> levels, counted as <see cref="BsonWriter"/>
/// counts them (a code-with-scope's scope two levels below its document), so a value that cannot be encoded as BSON
/// fails here as well instead of recursing toward a stack overflow.
/// </remarks>
internal ref struct ExtendedJsonWriter
{
    private const string LowerHex = "0123456789abcdef";

    /// <summary>Characters that cannot be copied into a JSON string as they are: controls, quote, backslash and surrogates (checked for pairing).</summary>
    private static readonly SearchValues<char> SpecialCharacters = SearchValues.Create(CreateSpecialCharacters());

    private readonly bool _relaxed;
    private char[] _buffer;
    private int _length;

    private ExtendedJsonWriter(JsonOutputMode mode)
    {
        _relaxed = mode == JsonOutputMode.Relaxed;
        _buffer = CharBuffers.Rent(256);
    }

    /// <summary>Writes <paramref name="value"/> in <paramref name="mode"/>.</summary>
    /// <exception cref="BsonSerializationException">Documents and arrays nest deeper than <see cref="BsonDefaults.MaxDepth"/>.</exception>
    public static string Write(BsonValue value, JsonOutputMode mode)
    {
        var writer = new ExtendedJsonWriter(mode);
        try
        {
            writer.WriteValue(value, depth: 0);
            return new string(writer._buffer, 0, writer._length);
        }
        finally
        {
            CharBuffers.Return(writer._buffer);
        }
    }

    /// <summary>Writes a value whose enclosing document or array is at <paramref name="depth"/> (0 outside any).</summary>
    private void WriteValue(BsonValue value, int depth)
    {
        switch (value)
        {
            case BsonDocument document:
                WriteDocument(document, depth + 1);
                break;
            case BsonArray array:
                WriteArray(array, depth + 1);
                break;
            case BsonString s:
                WriteString(s.Value);
                break;
            case BsonInt32 i:
                if (_relaxed)
                {
                    WriteInteger(i.Value);
                }
                else
                {
                    WriteIntegerWrapper("{\"$numberInt\": \"", i.Value);
                }

                break;
            case BsonInt64 l:
                if (_relaxed)
                {
                    WriteInteger(l.Value);
                }
                else
                {
                    WriteIntegerWrapper("{\"$numberLong\": \"", l.Value);
                }

                break;
            case BsonDouble d:
                WriteDouble(d.Value);
                break;
            case BsonBoolean b:
                Append(b.Value ? "true" : "false");
                break;
            case BsonNull:
                Append("null");
                break;
            case BsonObjectId oid:
                WriteObjectId(oid.Value);
                break;
            case BsonDateTime date:
                WriteDateTime(date.MillisecondsSinceEpoch);
                break;
            case BsonDecimal128 m:
                Append("{\"$numberDecimal\": \"");
                m.Value.TryFormat(Reserve(64), out var decimalLength);
                _length += decimalLength;
                Append("\"}");
                break;
            case BsonBinaryData binary:
                WriteBinary(binary);
                break;
            case BsonTimestamp ts:
                Append("{\"$timestamp\": {\"t\": ");
                WriteInteger(ts.Timestamp);
                Append(", \"i\": ");
                WriteInteger(ts.Increment);
                Append("}}");
                break;
            case BsonRegularExpression regex:
                Append("{\"$regularExpression\": {\"pattern\": ");
                WriteString(regex.Pattern);
                Append(", \"options\": ");
                WriteString(regex.Options);
                Append("}}");
                break;
            case BsonJavaScript js:
                Append("{\"$code\": ");
                WriteString(js.Code);
                Append("}");
                break;
            case BsonJavaScriptWithScope jws:
                Append("{\"$code\": ");
                WriteString(jws.Code);
                Append(", \"$scope\": ");
                WriteDocument(jws.Scope, depth + 2);
                Append("}");
                break;
            case BsonSymbol symbol:
                Append("{\"$symbol\": ");
                WriteString(symbol.Name);
                Append("}");
                break;
            case BsonDBPointer pointer:
                Append("{\"$dbPointer\": {\"$ref\": ");
                WriteString(pointer.Namespace);
                Append(", \"$id\": ");
                WriteObjectId(pointer.Id);
                Append("}}");
                break;
            case BsonUndefined:
                Append("{\"$undefined\": true}");
                break;
            case BsonMinKey:
                Append("{\"$minKey\": 1}");
                break;
            case BsonMaxKey:
                Append("{\"$maxKey\": 1}");
                break;
            default:
                throw new BsonSerializationException($"Cannot write a BSON value of type {value.GetType().Name} as Extended JSON.");
        }
    }

    private void WriteDocument(BsonDocument document, int depth)
    {
        CheckDepth(depth);
        Append('{');
        var first = true;
        foreach (var element in document)
        {
            if (!first)
            {
                Append(", ");
            }

            first = false;
            WriteString(element.Name);
            Append(": ");
            WriteValue(element.Value, depth);
        }

        Append('}');
    }

    private void WriteArray(BsonArray array, int depth)
    {
        CheckDepth(depth);
        Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                Append(", ");
            }

            WriteValue(array[i], depth);
        }

        Append(']');
    }

    /// <summary>Relaxed: a JSON number with a fraction or exponent when finite; otherwise (and in canonical mode) <c>$numberDouble</c>.</summary>
    private void WriteDouble(double value)
    {
        var relaxedNumber = _relaxed && double.IsFinite(value);
        if (!relaxedNumber)
        {
            Append("{\"$numberDouble\": \"");
        }

        _length += ExtendedJsonText.FormatDouble(value, Reserve(ExtendedJsonText.MaxDoubleLength));
        if (!relaxedNumber)
        {
            Append("\"}");
        }
    }

    /// <summary>Relaxed: an ISO-8601 string for the years 1970 to 9999; otherwise (and in canonical mode) <c>$numberLong</c>.</summary>
    private void WriteDateTime(long milliseconds)
    {
        if (_relaxed && milliseconds is >= 0 and <= ExtendedJsonText.MaxIsoMilliseconds)
        {
            Append("{\"$date\": \"");
            _length += ExtendedJsonText.FormatDate(milliseconds, Reserve(ExtendedJsonText.MaxDateLength));
            Append("\"}");
        }
        else
        {
            Append("{\"$date\": ");
            WriteIntegerWrapper("{\"$numberLong\": \"", milliseconds);
            Append('}');
        }
    }

    private void WriteBinary(BsonBinaryData binary)
    {
        Append("{\"$binary\": {\"base64\": \"");
        var bytes = binary.Bytes;
        Convert.TryToBase64Chars(bytes, Reserve((bytes.Length + 2) / 3 * 4), out var base64Length);
        _length += base64Length;
        Append("\", \"subType\": \"");
        ExtendedJsonText.FormatSubType(binary.SubType, Reserve(2));
        _length += 2;
        Append("\"}}");
    }

    private void WriteObjectId(ObjectId id)
    {
        Append("{\"$oid\": \"");
        id.TryFormat(Reserve(2 * ObjectId.Size), out var length);
        _length += length;
        Append("\"}");
    }

    private void WriteIntegerWrapper(string prefix, long value)
    {
        Append(prefix);
        WriteInteger(value);
        Append("\"}");
    }

    private void WriteInteger(long value)
    {
        value.TryFormat(Reserve(20), out var length, default, CultureInfo.InvariantCulture);
        _length += length;
    }

    /// <summary>
    /// Writes a JSON string: quote, backslash and control characters escaped (<c>\n</c> and the other short forms,
    /// else <c>\u00XX</c>), everything else as it is. A lone surrogate, which no UTF-8 text can hold, is written as a
    /// <c>\uXXXX</c> escape so the output stays valid UTF-16.
    /// </summary>
    private void WriteString(string value)
    {
        Append('"');
        var rest = value.AsSpan();
        while (true)
        {
            var index = rest.IndexOfAny(SpecialCharacters);
            if (index < 0)
            {
                Append(rest);
                break;
            }

            Append(rest[..index]);
            var c = rest[index];
            if (char.IsHighSurrogate(c) && index + 1 < rest.Length && char.IsLowSurrogate(rest[index + 1]))
            {
                Append(rest.Slice(index, 2));
                rest = rest[(index + 2)..];
                continue;
            }

            switch (c)
            {
                case '"': Append("\\\""); break;
                case '\\': Append("\\\\"); break;
                case '\b': Append("\\b"); break;
                case '\f': Append("\\f"); break;
                case '\n': Append("\\n"); break;
                case '\r': Append("\\r"); break;
                case '\t': Append("\\t"); break;
                default:
                    var escape = Reserve(6);
                    escape[0] = '\\';
                    escape[1] = 'u';
                    escape[2] = LowerHex[c >> 12];
                    escape[3] = LowerHex[(c >> 8) & 0xF];
                    escape[4] = LowerHex[(c >> 4) & 0xF];
                    escape[5] = LowerHex[c & 0xF];
                    _length += 6;
                    break;
            }

            rest = rest[(index + 1)..];
        }

        Append('"');
    }

    private static void CheckDepth(int depth)
    {
        if (depth > BsonDefaults.MaxDepth)
        {
            throw new BsonSerializationException($"Documents and arrays nest deeper than the limit of {BsonDefaults.MaxDepth} levels.");
        }
    }

    private void Append(char c)
    {
        Reserve(1)[0] = c;
        _length++;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(Reserve(text.Length));
        _length += text.Length;
    }

    /// <summary>Returns room for at least <paramref name="count"/> characters at the end, without counting them as written.</summary>
    private Span<char> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            var larger = CharBuffers.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            CharBuffers.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(_length);
    }

    private static string CreateSpecialCharacters()
    {
        var characters = new char[0x20 + 2 + 0x800];
        for (var i = 0; i < 0x20; i++)
        {
            characters[i] = (char)i;
        }

        characters[0x20] = '"';
        characters[0x21] = '\\';
        for (var i = 0; i < 0x800; i++)
        {
            characters[0x22 + i] = (char)(0xD800 + i);
        }

        return new string(characters);
    }
}

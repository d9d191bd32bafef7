using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// Reads BSON forward-only from a span, validating every length, terminator and type byte as it goes: malformed
/// input raises <see cref="BsonFormatException"/> with the offset, never an index or null-reference error.
/// Element names come back as UTF-8 spans, so they can be matched without decoding; primitives allocate nothing.
/// </summary>
/// <example>
/// <code>
/// reader.ReadStartDocument();
/// while (reader.ReadBsonType() != BsonType.EndOfDocument)
/// {
///     var name = reader.ReadNameBytes();
///     if (name.SequenceEqual("n"u8)) n = reader.ReadInt32(); else reader.SkipValue();
/// }
/// reader.ReadEndDocument();
/// </code>
/// </example>
internal ref struct BsonReader
{
    private readonly ReadOnlySpan<byte> _data;
    private byte[]? _rented;
    private int _position;
    private BsonContextStack _stack;
    private ReaderState _state;
    private BsonType _currentType;
    private int _nameStart;
    private int _nameLength;

    /// <summary>Reads from <paramref name="data"/>, which may hold several documents one after another.</summary>
    public BsonReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _nameStart = -1;
    }

    /// <summary>
    /// Reads from a sequence. A single segment is read in place; several segments are first copied into one
    /// pooled array, which <see cref="Dispose"/> returns.
    /// </summary>
    public BsonReader(ReadOnlySequence<byte> data)
    {
        if (data.IsSingleSegment)
        {
            _data = data.FirstSpan;
        }
        else
        {
            if (data.Length > Array.MaxLength)
            {
                throw new BsonFormatException($"A BSON input of {data.Length} bytes is larger than can be read.");
            }

            var length = (int)data.Length;
            _rented = ByteBuffers.Rent(length);
            data.CopyTo(_rented);
            _data = _rented.AsSpan(0, length);
        }

        _nameStart = -1;
    }

    private enum ReaderState : byte
    {
        Initial,
        Type,
        Name,
        Value,
        Scope,
        EndOfContainer,
        Done,
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>The bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>How many documents and arrays are open.</summary>
    public readonly int Depth => _stack.Count;

    /// <summary>The type read by the last <see cref="ReadBsonType"/>.</summary>
    public readonly BsonType CurrentType => _currentType;

    /// <summary>The name of the current element, decoded for messages (allocates); empty at the top level.</summary>
    public readonly string CurrentName => _nameStart < 0 ? string.Empty : Encoding.UTF8.GetString(_data.Slice(_nameStart, _nameLength));

    /// <summary>Whether the current container is an array (its element names are indexes).</summary>
    public readonly bool InArray => _stack.Count > 0 && _stack.Peek().Kind == BsonContainerKind.Array;

    /// <summary>Returns the pooled copy made for a multi-segment sequence, if any.</summary>
    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ByteBuffers.Return(rented);
        }
    }

    /// <summary>Reads the start of a document: the top-level one, the current document value, or a code-with-scope's scope.</summary>
    public void ReadStartDocument()
    {
        if (_stack.Count == 0)
        {
            if (_state is not (ReaderState.Initial or ReaderState.Done))
            {
                ThrowState("ReadStartDocument");
            }
        }
        else if (_state == ReaderState.Scope)
        {
            // The scope of a code-with-scope value: its frame is already on the stack.
        }
        else
        {
            BeginValue(BsonType.Document);
        }

        PushContainer(BsonContainerKind.Document);
    }

    /// <summary>Reads the start of the current array value.</summary>
    public void ReadStartArray()
    {
        BeginValue(BsonType.Array);
        PushContainer(BsonContainerKind.Array);
    }

    /// <summary>
    /// Reads the type byte of the next element, or <see cref="BsonType.EndOfDocument"/> at the end of the container,
    /// after which <see cref="ReadEndDocument"/> or <see cref="ReadEndArray"/> must be called.
    /// </summary>
    public BsonType ReadBsonType()
    {
        if (_state != ReaderState.Type)
        {
            ThrowState("ReadBsonType");
        }

        var end = _stack.Peek().Position;
        if (_position >= end)
        {
            ThrowFormat($"the container that ends at offset {end} has no terminating 0x00 byte", _position);
        }

        var b = _data[_position];
        if (b == 0)
        {
            if (_position + 1 != end)
            {
                ThrowFormat($"a 0x00 terminator was found at offset {_position}, but the length prefix says the container ends at offset {end}", _position);
            }

            _position++;
            _currentType = BsonType.EndOfDocument;
            _state = ReaderState.EndOfContainer;
            _nameStart = -1;
            return BsonType.EndOfDocument;
        }

        if (!(b is >= 0x01 and <= 0x13 or 0x7F or 0xFF))
        {
            ThrowFormat($"0x{b:X2} is not a BSON element type", _position);
        }

        _position++;
        _currentType = (BsonType)(sbyte)b;
        _state = ReaderState.Name;
        return _currentType;
    }

    /// <summary>Reads the current element's name as UTF-8 bytes, without decoding them.</summary>
    public ReadOnlySpan<byte> ReadNameBytes()
    {
        if (_state != ReaderState.Name)
        {
            ThrowState("ReadNameBytes");
        }

        var start = _position;
        var length = CStringLength(start, "element name");
        _nameStart = start;
        _nameLength = length;
        _position = start + length + 1;
        _state = ReaderState.Value;
        return _data.Slice(start, length);
    }

    /// <summary>Reads the current element's name as a string.</summary>
    public string ReadName()
    {
        var start = _position;
        return Decode(ReadNameBytes(), start, "element name");
    }

    /// <summary>Skips the name of the current element.</summary>
    public void SkipName() => ReadNameBytes();

    /// <summary>Reads the end of the current document (after <see cref="ReadBsonType"/> returned <see cref="BsonType.EndOfDocument"/>).</summary>
    public void ReadEndDocument() => EndContainer(BsonContainerKind.Document);

    /// <summary>Reads the end of the current array (after <see cref="ReadBsonType"/> returned <see cref="BsonType.EndOfDocument"/>).</summary>
    public void ReadEndArray() => EndContainer(BsonContainerKind.Array);

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(BeginFixed(BsonType.Double, 8), 8));

    /// <summary>Reads a string value, checking that it is valid UTF-8.</summary>
    public string ReadString()
    {
        BeginValue(BsonType.String);
        var start = _position;
        return Decode(ReadStringBody(), start, "string");
    }

    /// <summary>Reads a string value as its UTF-8 bytes (length and terminator checked; UTF-8 validity is not).</summary>
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        BeginValue(BsonType.String);
        return ReadStringBody();
    }

    /// <summary>Reads binary data; for <see cref="BsonBinarySubType.OldBinary"/> the inner length prefix is checked and removed.</summary>
    public ReadOnlySpan<byte> ReadBinary(out BsonBinarySubType subType)
    {
        BeginValue(BsonType.Binary);
        var start = _position;
        var length = ReadLength(start, "binary length");
        if (length < 0)
        {
            ThrowFormat($"binary length {length} is negative", start);
        }

        EnsureAvailable(start + 5, length, "binary data");
        subType = (BsonBinarySubType)_data[start + 4];
        var dataStart = start + 5;
        _position = dataStart + length;
        if (subType == BsonBinarySubType.OldBinary)
        {
            var inner = length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(_data.Slice(dataStart, 4)) : -1;
            if (inner != length - 4)
            {
                ThrowFormat($"binary subtype 0x02 declares an inner length of {inner}, which does not match its outer length {length}", dataStart);
            }

            return _data.Slice(dataStart + 4, inner);
        }

        return _data.Slice(dataStart, length);
    }

    public void ReadUndefined() => BeginValue(BsonType.Undefined);

    public ObjectId ReadObjectId() => new(_data.Slice(BeginFixed(BsonType.ObjectId, ObjectId.Size), ObjectId.Size));

    public bool ReadBoolean()
    {
        var at = BeginFixed(BsonType.Boolean, 1);
        var b = _data[at];
        if (b > 1)
        {
            ThrowFormat($"a boolean must be 0x00 or 0x01, not 0x{b:X2}", at);
        }

        return b == 1;
    }

    /// <summary>Reads a UTC datetime as milliseconds since the Unix epoch.</summary>
    public long ReadDateTime() => BinaryPrimitives.ReadInt64LittleEndian(_data.Slice(BeginFixed(BsonType.DateTime, 8), 8));

    public void ReadNull() => BeginValue(BsonType.Null);

    /// <summary>Reads a regular expression's pattern and options as strings.</summary>
    public void ReadRegularExpression(out string pattern, out string options)
    {
        ReadRegularExpressionBytes(out var p, out var o);
        pattern = Decode(p, _position - o.Length - p.Length - 2, "regular expression pattern");
        options = Decode(o, _position - o.Length - 1, "regular expression options");
    }

    /// <summary>Reads a regular expression's pattern and options as UTF-8 bytes.</summary>
    public void ReadRegularExpressionBytes(out ReadOnlySpan<byte> pattern, out ReadOnlySpan<byte> options)
    {
        BeginValue(BsonType.RegularExpression);
        var start = _position;
        var patternLength = CStringLength(start, "regular expression pattern");
        var optionsStart = start + patternLength + 1;
        var optionsLength = CStringLength(optionsStart, "regular expression options");
        pattern = _data.Slice(start, patternLength);
        options = _data.Slice(optionsStart, optionsLength);
        _position = optionsStart + optionsLength + 1;
    }

    /// <summary>Reads a deprecated DBPointer.</summary>
    public string ReadDBPointer(out ObjectId id)
    {
        BeginValue(BsonType.DBPointer);
        var start = _position;
        var ns = Decode(ReadStringBody(), start, "DBPointer namespace");
        EnsureAvailable(_position, ObjectId.Size, "DBPointer id");
        id = new ObjectId(_data.Slice(_position, ObjectId.Size));
        _position += ObjectId.Size;
        return ns;
    }

    public string ReadJavaScript()
    {
        BeginValue(BsonType.JavaScript);
        var start = _position;
        return Decode(ReadStringBody(), start, "JavaScript code");
    }

    /// <summary>Reads a deprecated symbol.</summary>
    public string ReadSymbol()
    {
        BeginValue(BsonType.Symbol);
        var start = _position;
        return Decode(ReadStringBody(), start, "symbol");
    }

    /// <summary>Reads the code of a JavaScript-with-scope value; read its scope next with <see cref="ReadStartDocument"/>.</summary>
    public string ReadJavaScriptWithScope()
    {
        BeginValue(BsonType.JavaScriptWithScope);
        var start = _position;
        var total = ReadLength(start, "code with scope length");
        // 4 (total) + 4 (string length) + 1 (string terminator) + 5 (empty scope document).
        if (total < 14)
        {
            ThrowFormat($"code with scope length {total} is smaller than the minimum of 14", start);
        }

        EnsureAvailable(start, total, "code with scope");
        _stack.Push(new BsonContextStack.Frame { Position = start + total, Kind = BsonContainerKind.CodeWithScope });
        _position = start + 4;
        var codeStart = _position;
        var code = Decode(ReadStringBody(), codeStart, "JavaScript code");
        _state = ReaderState.Scope;
        return code;
    }

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(_data.Slice(BeginFixed(BsonType.Int32, 4), 4));

    /// <summary>Reads a BSON timestamp: the high 32 bits are seconds, the low 32 bits an increment.</summary>
    public ulong ReadTimestamp() => BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(BeginFixed(BsonType.Timestamp, 8), 8));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(_data.Slice(BeginFixed(BsonType.Int64, 8), 8));

    public Decimal128 ReadDecimal128() => Decimal128.ReadFrom(_data.Slice(BeginFixed(BsonType.Decimal128, 16), 16));

    public void ReadMinKey() => BeginValue(BsonType.MinKey);

    public void ReadMaxKey() => BeginValue(BsonType.MaxKey);

    /// <summary>
    /// Returns the bytes of the current document or array value, or of the next top-level document, without
    /// parsing inside it (its length prefix and terminator are checked).
    /// </summary>
    public ReadOnlySpan<byte> ReadRawDocument()
    {
        if (_stack.Count == 0)
        {
            if (_state is not (ReaderState.Initial or ReaderState.Done))
            {
                ThrowState("ReadRawDocument");
            }

            var topStart = _position;
            var topLength = ContainerLength(topStart, _data.Length);
            _position = topStart + topLength;
            _state = ReaderState.Done;
            return _data.Slice(topStart, topLength);
        }

        if (_state != ReaderState.Value || _currentType is not (BsonType.Document or BsonType.Array))
        {
            ThrowState("ReadRawDocument");
        }

        _state = ReaderState.Type;
        var start = _position;
        var length = ContainerLength(start, _stack.Peek().Position);
        _position = start + length;
        return _data.Slice(start, length);
    }

    /// <summary>Skips the current value, checking only what is needed to find its end.</summary>
    public void SkipValue()
    {
        switch (_currentType)
        {
            case BsonType.Document:
            case BsonType.Array:
                ReadRawDocument();
                return;
            case BsonType.String:
            case BsonType.JavaScript:
            case BsonType.Symbol:
                BeginValue(_currentType);
                ReadStringBody();
                return;
            case BsonType.Binary:
                ReadBinary(out _);
                return;
            case BsonType.RegularExpression:
                ReadRegularExpressionBytes(out _, out _);
                return;
            case BsonType.DBPointer:
                BeginValue(BsonType.DBPointer);
                ReadStringBody();
                EnsureAvailable(_position, ObjectId.Size, "DBPointer id");
                _position += ObjectId.Size;
                return;
            case BsonType.JavaScriptWithScope:
                ReadJavaScriptWithScope();
                ReadStartDocument();
                var scopeEnd = _stack.Pop().Position;
                _position = scopeEnd;
                _state = ReaderState.EndOfContainer;
                AfterContainer();
                return;
            default:
                BeginFixed(_currentType, FixedSize(_currentType));
                return;
        }
    }

    private static int FixedSize(BsonType type) => type switch
    {
        BsonType.Double or BsonType.DateTime or BsonType.Timestamp or BsonType.Int64 => 8,
        BsonType.ObjectId => 12,
        BsonType.Boolean => 1,
        BsonType.Int32 => 4,
        BsonType.Decimal128 => 16,
        _ => 0,
    };

    private void PushContainer(BsonContainerKind kind)
    {
        if (_stack.Count >= BsonDefaults.MaxDepth)
        {
            ThrowFormat($"documents and arrays nest deeper than the limit of {BsonDefaults.MaxDepth} levels", _position);
        }

        var start = _position;
        var limit = _stack.Count == 0 ? _data.Length : _stack.Peek().Position;
        var length = ContainerLength(start, limit);
        _stack.Push(new BsonContextStack.Frame { Position = start + length, Kind = kind });
        _position = start + 4;
        _state = ReaderState.Type;
    }

    private int ContainerLength(int start, int limit)
    {
        if (limit - start < 4)
        {
            ThrowFormat("the input ends before a document's length prefix", start);
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(_data.Slice(start, 4));
        if (length < 5)
        {
            ThrowFormat($"document length {length} is smaller than the minimum of 5", start);
        }

        if (length > limit - start)
        {
            ThrowFormat($"document length {length} runs past the end of its container ({limit - start} bytes left)", start);
        }

        if (_data[start + length - 1] != 0)
        {
            ThrowFormat("a document does not end with a 0x00 byte", start + length - 1);
        }

        return length;
    }

    private void EndContainer(BsonContainerKind kind)
    {
        if (_state != ReaderState.EndOfContainer || _stack.Count == 0 || _stack.Peek().Kind != kind)
        {
            ThrowState(kind == BsonContainerKind.Array ? "ReadEndArray" : "ReadEndDocument");
        }

        _stack.Pop();
        AfterContainer();
    }

    private void AfterContainer()
    {
        if (_stack.Count == 0)
        {
            _state = ReaderState.Done;
            return;
        }

        if (_stack.Peek().Kind == BsonContainerKind.CodeWithScope)
        {
            var end = _stack.Pop().Position;
            if (_position != end)
            {
                ThrowFormat($"the scope ends at offset {_position}, but the code with scope's length says offset {end}", _position);
            }
        }

        _state = ReaderState.Type;
    }

    private void BeginValue(BsonType type)
    {
        if (_state != ReaderState.Value || _currentType != type)
        {
            ThrowValueState(type);
        }

        _state = ReaderState.Type;
    }

    private int BeginFixed(BsonType type, int size)
    {
        BeginValue(type);
        var at = _position;
        var limit = _stack.Count == 0 ? _data.Length : _stack.Peek().Position;
        if (size > limit - at)
        {
            ThrowFormat($"the {type} value ({size} bytes) runs past the end of its container", at);
        }

        _position = at + size;
        return at;
    }

    private ReadOnlySpan<byte> ReadStringBody()
    {
        var start = _position;
        var length = ReadLength(start, "string length");
        if (length < 1)
        {
            ThrowFormat($"string length {length} must be at least 1", start);
        }

        EnsureAvailable(start + 4, length, "string");
        if (_data[start + 3 + length] != 0)
        {
            ThrowFormat("a string does not end with a 0x00 byte", start + 3 + length);
        }

        _position = start + 4 + length;
        return _data.Slice(start + 4, length - 1);
    }

    private int ReadLength(int at, string what)
    {
        EnsureAvailable(at, 4, what);
        return BinaryPrimitives.ReadInt32LittleEndian(_data.Slice(at, 4));
    }

    private readonly int CStringLength(int start, string what)
    {
        var limit = _stack.Count == 0 ? _data.Length : _stack.Peek().Position;
        var length = limit > start ? _data[start..limit].IndexOf((byte)0) : -1;
        if (length < 0)
        {
            ThrowFormat($"the {what} has no terminating 0x00 byte", start);
        }

        return length;
    }

    private readonly void EnsureAvailable(int at, int count, string what)
    {
        var limit = _stack.Count == 0 ? _data.Length : _stack.Peek().Position;
        if (count < 0 || at > limit || count > limit - at)
        {
            ThrowFormat($"the {what} ({count} bytes) runs past the end of its container", at);
        }
    }

    private static string Decode(ReadOnlySpan<byte> utf8, int offset, string what)
    {
        try
        {
            return BsonUtf8.Strict.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new BsonFormatException($"Invalid BSON at offset {offset}: the {what} is not valid UTF-8.", e) { Offset = offset };
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFormat(string message, int offset) =>
        throw new BsonFormatException($"Invalid BSON at offset {offset}: {message}.") { Offset = offset };

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowState(string method) =>
        throw new InvalidOperationException($"{method} cannot be called now: the reader is at {_state} (offset {_position}).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowValueState(BsonType expected)
    {
        if (_state == ReaderState.Value)
        {
            throw new BsonFormatException(
                $"Element '{CurrentName}' at offset {_position} is {_currentType}, not {expected}.") { Offset = _position };
        }

        ThrowState("Read" + expected);
    }
}

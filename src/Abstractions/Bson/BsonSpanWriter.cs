using MongoDB.Bson;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace OpenQuizz.Typed.Bson;

/// <summary>
/// Writes BSON forward-only into a <see cref="PooledByteBufferWriter"/> (directly, back-patching length prefixes)
/// or into any <see cref="IBufferWriter{T}"/> (through a reused per-thread scratch buffer, copied out when each
/// top-level document ends). Writing primitives allocates nothing.
/// </summary>
/// <remarks>
/// Inside a document, call <see cref="WriteName(ReadOnlySpan{byte})"/> before each value; inside an array the
/// index names are written for you. A JavaScript-with-scope value is written with
/// <see cref="WriteStartJavaScriptWithScope(ReadOnlySpan{char})"/> followed by its scope document.
/// </remarks>
public ref struct BsonSpanWriter
{
    [ThreadStatic]
    private static PooledByteBufferWriter? t_scratch;

    private readonly IBufferWriter<byte>? _output;
    private PooledByteBufferWriter? _buffer;
    private BsonContextStack _stack;
    private int _typePosition;
    private int _documentStart;

    /// <summary>Writes directly into <paramref name="buffer"/>, after whatever it already holds.</summary>
    public BsonSpanWriter(PooledByteBufferWriter buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        _buffer = buffer;
        _output = null;
        _typePosition = -1;
    }

    /// <summary>Writes into <paramref name="output"/>; each top-level document is handed over whole when it ends.</summary>
    public BsonSpanWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output is PooledByteBufferWriter pooled)
        {
            _buffer = pooled;
            _output = null;
        }
        else
        {
            _output = output;
        }

        _typePosition = -1;
    }

    /// <summary>How many documents and arrays are open.</summary>
    public readonly int Depth => _stack.Count;

    /// <summary>Writes a document start: the top-level document, the value of the pending name, an array element, or a code-with-scope's scope.</summary>
    public void WriteStartDocument()
    {
        if (_stack.Count == 0)
        {
            StartTopLevel();
        }
        else if (_stack.Peek() is { Kind: BsonContainerKind.CodeWithScope, ArrayIndex: 0 } scope)
        {
            scope.ArrayIndex = 1;
            _stack.ReplaceTop(scope);
        }
        else
        {
            BeginValue(BsonType.Document);
        }

        PushContainer(BsonContainerKind.Document);
    }

    /// <summary>Ends the innermost document.</summary>
    public void WriteEndDocument()
    {
        EndContainer(BsonContainerKind.Document);
        if (_stack.Count > 0 && _stack.Peek().Kind == BsonContainerKind.CodeWithScope)
        {
            var scope = _stack.Pop();
            PatchLength(scope.Position);
        }

        if (_stack.Count == 0)
        {
            FinishTopLevel();
        }
    }

    /// <summary>Writes an array start as the value of the pending name or as an array element.</summary>
    public void WriteStartArray()
    {
        BeginValue(BsonType.Array);
        PushContainer(BsonContainerKind.Array);
    }

    /// <summary>Ends the innermost array.</summary>
    public void WriteEndArray() => EndContainer(BsonContainerKind.Array);

    /// <summary>Writes the name of the next element, given as UTF-8 (typically a <c>u8</c> literal).</summary>
    public void WriteName(ReadOnlySpan<byte> utf8Name)
    {
        CheckNameAllowed();

        // One vectorized pass settles the common case (ASCII without NUL); only other names take the full checks.
        if (utf8Name.IndexOfAnyExceptInRange((byte)0x01, (byte)0x7F) >= 0)
        {
            if (utf8Name.IndexOf((byte)0) >= 0)
            {
                throw new BsonSerializationException("An element name cannot contain a NUL byte.");
            }

            if (!Utf8.IsValid(utf8Name))
            {
                throw new BsonSerializationException("An element name must be valid UTF-8.");
            }
        }

        var buffer = _buffer!;
        _typePosition = buffer.WrittenCount;
        var span = buffer.GetSpan(utf8Name.Length + 2);
        span[0] = 0;
        utf8Name.CopyTo(span[1..]);
        span[utf8Name.Length + 1] = 0;
        buffer.Advance(utf8Name.Length + 2);
    }

    /// <summary>Writes the name of the next element.</summary>
    public void WriteName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        WriteName(name.AsSpan());
    }

    /// <summary>Writes the name of the next element.</summary>
    public void WriteName(ReadOnlySpan<char> name)
    {
        CheckNameAllowed();
        if (name.IndexOf('\0') >= 0)
        {
            throw new BsonSerializationException("An element name cannot contain a NUL character.");
        }

        var buffer = _buffer!;
        _typePosition = buffer.WrittenCount;
        buffer.GetSpan(1)[0] = 0;
        buffer.Advance(1);
        WriteUtf8(name, "element name");
        buffer.GetSpan(1)[0] = 0;
        buffer.Advance(1);
    }

    public void WriteDouble(double value)
    {
        BeginValue(BsonType.Double);
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteString(value.AsSpan());
    }

    public void WriteString(ReadOnlySpan<char> value)
    {
        BeginValue(BsonType.String);
        WriteStringBody(value);
    }

    /// <summary>Writes a string value given as UTF-8 bytes, which must be valid UTF-8.</summary>
    public void WriteString(ReadOnlySpan<byte> utf8Value)
    {
        BeginValue(BsonType.String);
        WriteStringBody(utf8Value);
    }

    /// <summary>Writes binary data; for <see cref="BsonValueBytes.OldBinary"/> the inner length prefix is added.</summary>
    public void WriteBinary(ReadOnlySpan<byte> data, BsonBinarySubType subType = BsonBinarySubType.Binary)
    {
        BeginValue(BsonType.Binary);
        if (subType == BsonValueBytes.OldBinary)
        {
            var span = Reserve(data.Length + 9);
            BinaryPrimitives.WriteInt32LittleEndian(span, data.Length + 4);
            span[4] = (byte)subType;
            BinaryPrimitives.WriteInt32LittleEndian(span[5..], data.Length);
            data.CopyTo(span[9..]);
        }
        else
        {
            var span = Reserve(data.Length + 5);
            BinaryPrimitives.WriteInt32LittleEndian(span, data.Length);
            span[4] = (byte)subType;
            data.CopyTo(span[5..]);
        }
    }

    public void WriteUndefined() => BeginValue(BsonType.Undefined);

    public void WriteObjectId(ObjectId value)
    {
        BeginValue(BsonType.ObjectId);
        BsonValueBytes.WriteObjectId(value, Reserve(BsonValueBytes.ObjectIdSize));
    }

    public void WriteBoolean(bool value)
    {
        BeginValue(BsonType.Boolean);
        Reserve(1)[0] = value ? (byte)1 : (byte)0;
    }

    /// <summary>Writes a UTC datetime as milliseconds since the Unix epoch (the whole Int64 range is allowed).</summary>
    public void WriteDateTime(long millisecondsSinceEpoch)
    {
        BeginValue(BsonType.DateTime);
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), millisecondsSinceEpoch);
    }

    public void WriteNull() => BeginValue(BsonType.Null);

    /// <summary>Writes a regular expression; neither part may contain a NUL character.</summary>
    public void WriteRegularExpression(ReadOnlySpan<char> pattern, ReadOnlySpan<char> options)
    {
        if (pattern.IndexOf('\0') >= 0 || options.IndexOf('\0') >= 0)
        {
            throw new BsonSerializationException("A regular expression's pattern and options cannot contain a NUL character.");
        }

        BeginValue(BsonType.RegularExpression);
        WriteCString(pattern, "regular expression pattern");
        if (options.Length is > 1 and <= 16 && !IsSorted(options))
        {
            // BSON stores the flags in alphabetical order; MongoDB.Bson's DOM keeps whatever order it was given.
            Span<char> sorted = stackalloc char[options.Length];
            options.CopyTo(sorted);
            sorted.Sort();
            WriteCString(sorted, "regular expression options");
        }
        else
        {
            WriteCString(options, "regular expression options");
        }
    }

    private static bool IsSorted(ReadOnlySpan<char> options)
    {
        for (var i = 1; i < options.Length; i++)
        {
            if (options[i] < options[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes a deprecated DBPointer.</summary>
    public void WriteDBPointer(ReadOnlySpan<char> @namespace, ObjectId id)
    {
        BeginValue(BsonValueBytes.DBPointer);
        WriteStringBody(@namespace);
        BsonValueBytes.WriteObjectId(id, Reserve(BsonValueBytes.ObjectIdSize));
    }

    public void WriteJavaScript(ReadOnlySpan<char> code)
    {
        BeginValue(BsonType.JavaScript);
        WriteStringBody(code);
    }

    /// <summary>Writes a deprecated symbol.</summary>
    public void WriteSymbol(ReadOnlySpan<char> symbol)
    {
        BeginValue(BsonType.Symbol);
        WriteStringBody(symbol);
    }

    /// <summary>Starts a JavaScript-with-scope value; write its scope next with <see cref="WriteStartDocument"/>, and ending that document ends the value.</summary>
    public void WriteStartJavaScriptWithScope(ReadOnlySpan<char> code)
    {
        BeginValue(BsonType.JavaScriptWithScope);
        var position = _buffer!.WrittenCount;
        Reserve(4);
        WriteStringBody(code);
        _stack.Push(new BsonContextStack.Frame { Position = position, Kind = BsonContainerKind.CodeWithScope });
    }

    public void WriteInt32(int value)
    {
        BeginValue(BsonType.Int32);
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
    }

    /// <summary>Writes a BSON timestamp: the high 32 bits are seconds, the low 32 bits an increment.</summary>
    public void WriteTimestamp(ulong value)
    {
        BeginValue(BsonType.Timestamp);
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
    }

    public void WriteInt64(long value)
    {
        BeginValue(BsonType.Int64);
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
    }

    public void WriteDecimal128(Decimal128 value)
    {
        BeginValue(BsonType.Decimal128);
        BsonValueBytes.WriteDecimal128(value, Reserve(16));
    }

    public void WriteMinKey() => BeginValue(BsonType.MinKey);

    public void WriteMaxKey() => BeginValue(BsonType.MaxKey);

    /// <summary>Copies an already encoded document (or, with <paramref name="asArray"/>, array) as the next value or as a top-level document.</summary>
    /// <exception cref="BsonFormatException">The bytes do not frame a document: wrong length prefix or no terminator.</exception>
    public void WriteRawDocument(ReadOnlySpan<byte> document, bool asArray = false)
    {
        if (document.Length < 5 || BinaryPrimitives.ReadInt32LittleEndian(document) != document.Length || document[^1] != 0)
        {
            throw new BsonFormatException("Raw document bytes must start with their own length and end with a 0x00 byte.");
        }

        var topLevel = _stack.Count == 0;
        if (topLevel)
        {
            if (asArray)
            {
                throw new InvalidOperationException("A top-level BSON value must be a document.");
            }

            StartTopLevel();
        }
        else
        {
            BeginValue(asArray ? BsonType.Array : BsonType.Document);
        }

        document.CopyTo(Reserve(document.Length));
        if (topLevel)
        {
            FinishTopLevel();
        }
    }

    private void StartTopLevel()
    {
        if (_typePosition >= 0)
        {
            throw new InvalidOperationException("A name was written outside any document.");
        }

        if (_buffer is null)
        {
            _buffer = t_scratch ?? new PooledByteBufferWriter();
            t_scratch = null;
            _buffer.Clear();
        }

        _documentStart = _buffer.WrittenCount;
    }

    private void FinishTopLevel()
    {
        if (_output is null || _buffer is null)
        {
            return;
        }

        var written = _buffer.WrittenSpan[_documentStart..];
        written.CopyTo(_output.GetSpan(written.Length));
        _output.Advance(written.Length);
        _buffer.Clear();
        t_scratch ??= _buffer;
        _buffer = null;
    }

    private void PushContainer(BsonContainerKind kind)
    {
        if (_stack.Count >= BsonLimits.MaxDepth)
        {
            throw new BsonSerializationException($"Documents and arrays nest deeper than the limit of {BsonLimits.MaxDepth} levels.");
        }

        _stack.Push(new BsonContextStack.Frame { Position = _buffer!.WrittenCount, Kind = kind });
        Reserve(4);
    }

    private void EndContainer(BsonContainerKind kind)
    {
        if (_stack.Count == 0 || _stack.Peek().Kind != kind)
        {
            throw new InvalidOperationException(kind == BsonContainerKind.Array
                ? "WriteEndArray does not match an open array."
                : "WriteEndDocument does not match an open document.");
        }

        if (_typePosition >= 0)
        {
            throw new InvalidOperationException("An element name was written without a value.");
        }

        var frame = _stack.Pop();
        Reserve(1)[0] = 0;
        PatchLength(frame.Position);
    }

    private readonly void PatchLength(int position)
    {
        var span = _buffer!.MutableWrittenSpan;
        BinaryPrimitives.WriteInt32LittleEndian(span[position..], span.Length - position);
    }

    private void CheckNameAllowed()
    {
        if (_typePosition >= 0)
        {
            throw new InvalidOperationException("WriteName was called twice without a value in between.");
        }

        if (_stack.Count == 0 || _stack.Peek().Kind != BsonContainerKind.Document)
        {
            throw new InvalidOperationException(_stack.Count == 0
                ? "WriteName needs an open document: call WriteStartDocument first."
                : "Array elements are named by their index; write the value without a name.");
        }
    }

    private void BeginValue(BsonType type)
    {
        if (_typePosition >= 0)
        {
            _buffer!.MutableWrittenSpan[_typePosition] = (byte)type;
            _typePosition = -1;
            return;
        }

        if (_stack.Count > 0)
        {
            var frame = _stack.Peek();
            if (frame.Kind == BsonContainerKind.Array)
            {
                var span = _buffer!.GetSpan(13);
                span[0] = (byte)type;
                frame.ArrayIndex.TryFormat(span[1..], out var digits);
                span[1 + digits] = 0;
                _buffer.Advance(digits + 2);
                frame.ArrayIndex++;
                _stack.ReplaceTop(frame);
                return;
            }

            if (frame.Kind == BsonContainerKind.CodeWithScope)
            {
                throw new InvalidOperationException("A JavaScript-with-scope value must be followed by its scope document.");
            }
        }

        throw new InvalidOperationException(_stack.Count == 0
            ? $"A top-level BSON value must be a document, not {type}."
            : $"Write a name before the {type} value.");
    }

    private readonly Span<byte> Reserve(int count)
    {
        var span = _buffer!.GetSpan(count);
        _buffer.Advance(count);
        return span[..count];
    }

    private readonly void WriteStringBody(ReadOnlySpan<char> value)
    {
        var buffer = _buffer!;
        if (value.Length <= 4096)
        {
            // One span for the length prefix, the bytes and the terminator: a UTF-16 unit is at most 3 UTF-8 bytes.
            var span = buffer.GetSpan(value.Length * 3 + 5);
            var status = Utf8.FromUtf16(value, span[4..], out _, out var written, replaceInvalidSequences: false);
            if (status != System.Buffers.OperationStatus.Done)
            {
                throw new BsonSerializationException("The string is not valid UTF-16 (it holds a lone surrogate).");
            }

            BinaryPrimitives.WriteInt32LittleEndian(span, written + 1);
            span[4 + written] = 0;
            buffer.Advance(written + 5);
            return;
        }

        var lengthPosition = buffer.WrittenCount;
        Reserve(4);
        var count = WriteUtf8(value, "string");
        Reserve(1)[0] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.MutableWrittenSpan[lengthPosition..], count + 1);
    }

    private readonly void WriteStringBody(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new BsonSerializationException("A string value must be valid UTF-8.");
        }

        var span = Reserve(utf8.Length + 5);
        BinaryPrimitives.WriteInt32LittleEndian(span, utf8.Length + 1);
        utf8.CopyTo(span[4..]);
        span[^1] = 0;
    }

    private readonly void WriteCString(ReadOnlySpan<char> value, string what)
    {
        WriteUtf8(value, what);
        Reserve(1)[0] = 0;
    }

    private readonly int WriteUtf8(ReadOnlySpan<char> value, string what)
    {
        var buffer = _buffer!;
        var maxBytes = value.Length <= 4096 ? BsonUtf8.Strict.GetMaxByteCount(value.Length) : GetByteCount(value, what);
        var span = buffer.GetSpan(maxBytes);
        int count;
        try
        {
            count = BsonUtf8.Strict.GetBytes(value, span);
        }
        catch (EncoderFallbackException e)
        {
            throw new BsonSerializationException($"The {what} is not valid UTF-16 (it holds a lone surrogate at index {e.Index}).", e);
        }

        buffer.Advance(count);
        return count;
    }

    private static int GetByteCount(ReadOnlySpan<char> value, string what)
    {
        try
        {
            return BsonUtf8.Strict.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new BsonSerializationException($"The {what} is not valid UTF-16 (it holds a lone surrogate at index {e.Index}).", e);
        }
    }
}

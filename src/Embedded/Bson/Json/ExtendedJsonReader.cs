using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// Reads Extended JSON v2 text (canonical, relaxed, and the legacy forms the specification lists for parsing) into
/// the document object model. <see cref="Utf8JsonReader"/> tokenizes and enforces strict JSON; this type turns
/// objects into documents or, below the top level, into the values their type wrappers stand for.
/// </summary>
/// <remarks>
/// <para>
/// Every failure is a <see cref="BsonFormatException"/> whose message names the JSON path (<c>$.a.b[2]</c>) and the
/// line and byte position, with <see cref="BsonFormatException.Offset"/> set to the byte offset in the UTF-8 text
/// where that is known.
/// </para>
/// <para>
/// Whether an object is a type wrapper depends on all of its keys, in any order, so an object is first read as a
/// document; objects with a <c>$</c>-prefixed key are then checked against the wrappers
/// (<see cref="TryConvertWrapper"/>). The value objects of wrapper keys (<c>{"$timestamp": {"t": 1, "i": 2}}</c>)
/// are read in payload mode, which records which members were JSON numbers, since a wrapper may require a JSON number
/// where an equal BSON value could also have come from another wrapper.
/// </para>
/// </remarks>
internal ref partial struct ExtendedJsonReader
{
    /// <summary>
    /// A type wrapper reaches at most three JSON levels below the document that holds its value
    /// (<c>{"$dbPointer": {"$id": {"$oid": …}}}</c>), so the tokenizer allows that much more than BSON's limit;
    /// objects and arrays that stay documents and arrays are checked against <see cref="BsonDefaults.MaxDepth"/> itself.
    /// </summary>
    private const int MaxJsonDepth = BsonDefaults.MaxDepth + 3;

    private const int NameCacheSize = 64;
    private const int MaxCachedNameLength = 32;

    /// <summary>Names written as <c>.name</c> in error paths; others are quoted (<c>['a b']</c>).</summary>
    private static readonly SearchValues<char> PlainNameCharacters =
        SearchValues.Create("$_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly ReadOnlySpan<byte> _utf8;
    private Utf8JsonReader _json;
    private PathSegment[] _path;
    private int _pathCount;

    /// <summary>The <c>$</c> members of the objects being read, innermost last; allocated at the first one.</summary>
    private List<DollarMember>? _dollarMembers;

    /// <summary>Recently read element names by hash, so repeated names are one string (see <see cref="ReadName"/>).</summary>
    private string?[]? _names;

    public ExtendedJsonReader(ReadOnlySpan<byte> utf8)
    {
        _utf8 = utf8;
        _json = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = MaxJsonDepth,
        });
        _path = new PathSegment[8];
    }

    /// <summary>Reads the one JSON object the text must consist of as a document.</summary>
    /// <exception cref="BsonFormatException">The text is not valid JSON or not a valid Extended JSON document.</exception>
    public BsonDocument ReadDocument()
    {
        try
        {
            _json.Read();
            if (_json.TokenType != JsonTokenType.StartObject)
            {
                throw Error($"a document must be a JSON object, not {Describe(_json.TokenType)}", _json.TokenStartIndex);
            }

            var document = (BsonDocument)ReadObject(topLevel: true, payload: false, out _);

            // Utf8JsonReader throws for anything but whitespace after the value, as JSON has one value per text.
            _json.Read();
            return document;
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            message = (suffix >= 0 ? message[..suffix] : message).TrimEnd('.', ' ');
            throw new BsonFormatException(
                $"Invalid Extended JSON at {FormatPath()} (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {message}.", e);
        }
    }

    private BsonValue ReadValue() => _json.TokenType switch
    {
        JsonTokenType.StartObject => ReadObject(topLevel: false, payload: false, out _),
        JsonTokenType.StartArray => ReadArray(),
        JsonTokenType.String => ReadString(),
        JsonTokenType.Number => ReadNumber(),
        JsonTokenType.True => BsonBoolean.True,
        JsonTokenType.False => BsonBoolean.False,
        JsonTokenType.Null => BsonNull.Value,
        _ => throw Error($"unexpected {Describe(_json.TokenType)}", _json.TokenStartIndex),
    };

    /// <summary>
    /// Reads an object from its start token to its end token. The top-level object is always a document; any other
    /// object with a <c>$</c>-prefixed key may be a type wrapper. In <paramref name="payload"/> mode (the object
    /// value of a wrapper key) <paramref name="numberMembers"/> marks which of the first 64 members were JSON numbers,
    /// and the depth check is left to the caller, as the object usually becomes part of a wrapper, not a document.
    /// </summary>
    private BsonValue ReadObject(bool topLevel, bool payload, out ulong numberMembers)
    {
        var start = _json.TokenStartIndex;
        var depth = _json.CurrentDepth + 1;
        var document = new BsonDocument();
        var dollarStart = _dollarMembers?.Count ?? 0;
        numberMembers = 0;
        PushPath(name: string.Empty);
        while (_json.Read() && _json.TokenType == JsonTokenType.PropertyName)
        {
            var nameOffset = _json.TokenStartIndex;
            var name = ReadName();
            _path[_pathCount - 1].Name = name;
            if (name.Contains('\0', StringComparison.Ordinal))
            {
                throw Error("an element name cannot contain a NUL character", nameOffset);
            }

            _json.Read();
            var kind = _json.TokenType;
            BsonValue value;
            if (!topLevel && name.StartsWith('$'))
            {
                var isPayload = kind == JsonTokenType.StartObject && IsWrapperKey(name);
                var payloadNumbers = 0UL;
                value = isPayload ? ReadObject(topLevel: false, payload: true, out payloadNumbers) : ReadValue();
                (_dollarMembers ??= []).Add(new DollarMember(document.ElementCount, kind, nameOffset, isPayload, payloadNumbers));
            }
            else
            {
                value = ReadValue();
            }

            if (kind == JsonTokenType.Number && document.ElementCount < 64)
            {
                numberMembers |= 1UL << document.ElementCount;
            }

            document.AddUnchecked(name, value);
        }

        PopPath();
        var dollarCount = (_dollarMembers?.Count ?? 0) - dollarStart;
        if (dollarCount > 0)
        {
            // The $ members of nested objects were pushed and popped while this object was read, so this object's own
            // members are the top of the shared stack.
            var dollarMembers = CollectionsMarshal.AsSpan(_dollarMembers).Slice(dollarStart, dollarCount);
            var isWrapper = TryConvertWrapper(document, dollarMembers, depth, out var wrapped);
            if (!isWrapper)
            {
                // Payload-mode objects under a plain document stay documents after all.
                foreach (var member in dollarMembers)
                {
                    if (member.IsPayload && document[member.Index] is BsonDocument)
                    {
                        CheckContainerDepth(depth + 1, member.NameOffset);
                    }
                }
            }

            CollectionsMarshal.SetCount(_dollarMembers!, dollarStart);
            if (isWrapper)
            {
                return wrapped;
            }
        }

        if (!payload)
        {
            CheckContainerDepth(depth, start);
        }

        return document;
    }

    private BsonArray ReadArray()
    {
        CheckContainerDepth(_json.CurrentDepth + 1, _json.TokenStartIndex);
        var array = new BsonArray();
        PushPath(name: null);
        while (_json.Read() && _json.TokenType != JsonTokenType.EndArray)
        {
            _path[_pathCount - 1].Index = array.Count;
            array.AddUnchecked(ReadValue());
        }

        PopPath();
        return array;
    }

    /// <summary>
    /// Reads the current property name, reusing an equal string read before when there is one in its cache slot:
    /// documents repeat their keys (arrays of similar documents, type wrapper keys), and each would be a new string.
    /// </summary>
    private string ReadName()
    {
        var utf8 = _json.ValueSpan;
        if (_json.ValueIsEscaped || _json.HasValueSequence || utf8.Length > MaxCachedNameLength)
        {
            return ReadText();
        }

        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619;
        }

        _names ??= new string?[NameCacheSize];
        ref var slot = ref _names[hash & (NameCacheSize - 1)];
        if (slot is not null && slot.Length == utf8.Length && _json.ValueTextEquals(slot))
        {
            return slot;
        }

        return slot = ReadText();
    }

    private BsonString ReadString()
    {
        var value = ReadText();
        return value.Length == 0 ? BsonString.Empty : new BsonString(value);
    }

    /// <summary>
    /// Relaxed numbers: an integer becomes the smallest of Int32 and Int64 that holds it (<c>-0</c> is Int32 zero),
    /// then a Double; a number with a fraction or exponent becomes a Double. A number beyond the range of a double is
    /// an error rather than an infinity.
    /// </summary>
    private BsonValue ReadNumber()
    {
        var text = _json.ValueSpan;
        if (text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            if (_json.TryGetInt32(out var int32))
            {
                return BsonInt32.Create(int32);
            }

            if (_json.TryGetInt64(out var int64))
            {
                return new BsonInt64(int64);
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return new BsonDouble(value);
        }

        throw Error($"the number {Encoding.UTF8.GetString(text)} is outside the range of a double", _json.TokenStartIndex);
    }

    /// <summary>Reads the current string or property name, unescaped.</summary>
    private string ReadText()
    {
        try
        {
            return _json.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // An escaped lone surrogate ("\ud800") cannot become a .NET string that encodes to UTF-8.
            throw Error("the string holds an invalid escaped surrogate", _json.TokenStartIndex, e);
        }
    }

    private readonly void CheckContainerDepth(int depth, long offset)
    {
        if (depth > BsonDefaults.MaxDepth)
        {
            throw Error($"documents and arrays nest deeper than the limit of {BsonDefaults.MaxDepth} levels", offset);
        }
    }

    private void PushPath(string? name)
    {
        if (_pathCount == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }

        _path[_pathCount++] = new PathSegment { Name = name };
    }

    private void PopPath() => _pathCount--;

    /// <summary>An error at <paramref name="offset"/> (a byte offset in the UTF-8 text) under the current path.</summary>
    private readonly BsonFormatException Error(string message, long offset, Exception? inner = null)
    {
        var before = _utf8[..(int)Math.Min(offset, _utf8.Length)];
        var line = before.Count((byte)'\n') + 1;
        var position = before.Length - before.LastIndexOf((byte)'\n');
        return new BsonFormatException($"Invalid Extended JSON at {FormatPath()} (line {line}, position {position}): {message}.", inner)
        {
            Offset = offset,
        };
    }

    /// <summary>The current location as a JSONPath: <c>$</c>, <c>$.a.b[2]</c>, <c>$['a b']</c>.</summary>
    private readonly string FormatPath()
    {
        var builder = new StringBuilder("$");
        for (var i = 0; i < _pathCount; i++)
        {
            var segment = _path[i];
            if (segment.Name is null)
            {
                builder.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (segment.Name.Length > 0 && !segment.Name.AsSpan().ContainsAnyExcept(PlainNameCharacters))
            {
                builder.Append('.').Append(segment.Name);
            }
            else
            {
                builder.Append("['");
                foreach (var c in segment.Name)
                {
                    _ = c switch
                    {
                        '\'' or '\\' => builder.Append('\\').Append(c),
                        < ' ' => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                        _ => builder.Append(c),
                    };
                }

                builder.Append("']");
            }
        }

        return builder.ToString();
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    /// <summary>One level of the path: an element name, or (when <see cref="Name"/> is null) an array index.</summary>
    private struct PathSegment
    {
        public string? Name;
        public int Index;
    }

    /// <summary>
    /// A <c>$</c>-prefixed member of a non-top-level object: its index, the JSON kind of its value, where its name
    /// starts, and whether its value was read in payload mode, with which of the payload's members were JSON numbers.
    /// </summary>
    private readonly record struct DollarMember(int Index, JsonTokenType Kind, long NameOffset, bool IsPayload, ulong PayloadNumbers);
}

using System.Diagnostics;
using System.Text.Json;

namespace OpenQuizz.Typed.Embedded.Bson;

internal ref partial struct ExtendedJsonReader
{
    /// <summary>Keys whose object value is read in payload mode (see <see cref="ReadObject"/>).</summary>
    private static bool IsWrapperKey(string name) => name switch
    {
        "$binary" or "$timestamp" or "$regularExpression" or "$dbPointer" or "$date" or "$scope" or "$regex" => true,
        _ => false,
    };

    /// <summary>
    /// Decides whether <paramref name="document"/>, read from a non-top-level object, is a type wrapper, and converts
    /// it. The key that names a wrapper (<c>$oid</c>, <c>$binary</c>, …) makes it one, wherever it stands; then the
    /// object must hold exactly that wrapper's keys with values of the right JSON types, or it is an error. Objects
    /// whose <c>$</c> keys name no wrapper stay documents: DBRefs, query operators such as <c>$type</c>, and
    /// <c>{"$regex": {…}}</c>, the <c>$regex</c> operator applied to a regular expression.
    /// </summary>
    private readonly bool TryConvertWrapper(BsonDocument document, ReadOnlySpan<DollarMember> dollarMembers, int depth, out BsonValue value)
    {
        value = BsonNull.Value;
        DollarMember key = default;
        string? name = null;
        foreach (var member in dollarMembers)
        {
            var candidate = document.GetElement(member.Index).Name;
            if (IsTriggerKey(candidate, member.Kind) && !IsRegexOperator(document, candidate))
            {
                key = member;
                name = candidate;
                break;
            }
        }

        if (name is null)
        {
            return false;
        }

        var wrapper = new Wrapper(this, document, name, key);
        value = name switch
        {
            "$oid" => wrapper.ToObjectId(),
            "$symbol" => new BsonSymbol(wrapper.SingleString("a string")),
            "$numberInt" => wrapper.ToInt32(),
            "$numberLong" => wrapper.ToInt64(),
            "$numberDouble" => wrapper.ToDouble(),
            "$numberDecimal" => wrapper.ToDecimal128(),
            "$binary" => wrapper.ToBinary(),
            "$uuid" => wrapper.ToUuid(),
            "$code" => wrapper.ToCode(depth),
            "$timestamp" => wrapper.ToTimestamp(),
            "$regularExpression" => wrapper.ToRegularExpression(),
            "$regex" => wrapper.ToLegacyRegularExpression(),
            "$dbPointer" => wrapper.ToDBPointer(),
            "$date" => wrapper.ToDateTime(),
            "$minKey" => wrapper.ToKey(BsonMinKey.Value),
            "$maxKey" => wrapper.ToKey(BsonMaxKey.Value),
            "$undefined" => wrapper.ToUndefined(),
            _ => throw new UnreachableException(name),
        };
        return true;
    }

    private static bool IsTriggerKey(string name, JsonTokenType kind) => name switch
    {
        "$oid" or "$symbol" or "$numberInt" or "$numberLong" or "$numberDouble" or "$numberDecimal" or "$binary" or "$uuid"
            or "$code" or "$timestamp" or "$regularExpression" or "$dbPointer" or "$date" or "$minKey" or "$maxKey" or "$undefined" => true,

        // {"$regex": {…}} is the query operator, not the legacy {"$regex": "pattern", "$options": "…"}.
        "$regex" => kind != JsonTokenType.StartObject,
        _ => false,
    };

    /// <summary>
    /// <c>{"$regex": "pattern"}</c> without <c>$options</c> is the query operator written with a string pattern, as in
    /// <c>{"name": {"$regex": "^a"}}</c>: it stays a document rather than being refused as an incomplete legacy regex.
    /// </summary>
    private static bool IsRegexOperator(BsonDocument document, string name) =>
        name == "$regex" && !document.Contains("$options");

    /// <summary>Converts one recognized type wrapper, reporting errors at its key.</summary>
    private readonly ref struct Wrapper
    {
        private readonly ExtendedJsonReader _reader;
        private readonly BsonDocument _document;
        private readonly string _name;
        private readonly DollarMember _key;

        public Wrapper(ExtendedJsonReader reader, BsonDocument document, string name, DollarMember key)
        {
            _reader = reader;
            _document = document;
            _name = name;
            _key = key;
        }

        private BsonValue Value => _document[_key.Index];

        public BsonObjectId ToObjectId()
        {
            var text = SingleString("a string of 24 hexadecimal digits");
            return ObjectId.TryParse(text, out var id)
                ? new BsonObjectId(id)
                : throw Fail($"'{text}' is not an ObjectId: expected 24 hexadecimal digits");
        }

        public BsonInt32 ToInt32()
        {
            var text = SingleString("a string holding a 32-bit integer");
            return ExtendedJsonText.TryParseInt32(text, out var value)
                ? BsonInt32.Create(value)
                : throw Fail($"'{text}' is not a 32-bit integer");
        }

        public BsonInt64 ToInt64()
        {
            var text = SingleString("a string holding a 64-bit integer");
            return ExtendedJsonText.TryParseInt64(text, out var value)
                ? new BsonInt64(value)
                : throw Fail($"'{text}' is not a 64-bit integer");
        }

        public BsonDouble ToDouble()
        {
            var text = SingleString("a string holding a double");
            return ExtendedJsonText.TryParseDouble(text, out var value)
                ? new BsonDouble(value)
                : throw Fail($"'{text}' is not a double: expected a decimal number within range, Infinity, -Infinity or NaN");
        }

        public BsonDecimal128 ToDecimal128()
        {
            var text = SingleString("a string holding a Decimal128");
            try
            {
                return new BsonDecimal128(Decimal128.Parse(text));
            }
            catch (FormatException e)
            {
                throw Fail(e.Message.TrimEnd('.'), e);
            }
        }

        /// <summary>
        /// <c>{"$binary": {"base64": …, "subType": …}}</c>, or the legacy <c>{"$binary": "…", "$type": "…"}</c>, which
        /// only the string value of <c>$binary</c> selects: <c>$type</c> alone is the query operator.
        /// </summary>
        public BsonBinaryData ToBinary()
        {
            string base64;
            string subTypeText;
            if (Value is BsonString legacy)
            {
                RequireKeys("$type");
                base64 = legacy.Value;
                subTypeText = _document["$type"] as BsonString is { } type
                    ? type.Value
                    : throw Fail("the legacy form's $type must be a string of one or two hexadecimal digits");
            }
            else
            {
                RequireKeys();
                var payload = Payload("an object with base64 and subType");
                base64 = PayloadString(payload, "base64", "a base64 string");
                subTypeText = PayloadString(payload, "subType", "a string of one or two hexadecimal digits");
                RequirePayloadKeys(payload, "base64", "subType");
            }

            if (!ExtendedJsonText.TryDecodeBase64(base64, out var bytes))
            {
                throw Fail($"'{Truncate(base64)}' is not padded base64");
            }

            return ExtendedJsonText.TryParseSubType(subTypeText, out var subType)
                ? new BsonBinaryData(bytes, subType)
                : throw Fail($"the subtype '{subTypeText}' is not one or two hexadecimal digits");
        }

        public BsonBinaryData ToUuid()
        {
            var text = SingleString("a UUID string");
            return ExtendedJsonText.TryParseUuid(text, out var bytes)
                ? new BsonBinaryData(bytes, BsonBinarySubType.UuidStandard)
                : throw Fail($"'{text}' is not a UUID: expected 32 hexadecimal digits, hyphenated 8-4-4-4-12 or not at all");
        }

        /// <summary><c>{"$code": …}</c>, or with <c>"$scope": {…}</c> JavaScript with scope.</summary>
        public BsonValue ToCode(int depth)
        {
            var code = Value as BsonString ?? throw Fail("the code must be a string");
            RequireKeys(optional: "$scope");
            if (!_document.TryGetValue("$scope", out var scope))
            {
                return new BsonJavaScript(code.Value);
            }

            if (scope is not BsonDocument scopeDocument)
            {
                throw Fail("$scope must be a document");
            }

            _reader.CheckContainerDepth(depth + 1, _key.NameOffset);
            return new BsonJavaScriptWithScope(code.Value, scopeDocument);
        }

        /// <summary><c>{"$timestamp": {"t": …, "i": …}}</c>, each a JSON integer from 0 to 2^32 - 1.</summary>
        public BsonTimestamp ToTimestamp()
        {
            RequireKeys();
            var payload = Payload("an object with t and i");
            var seconds = PayloadUInt32(payload, "t");
            var increment = PayloadUInt32(payload, "i");
            RequirePayloadKeys(payload, "t", "i");
            return new BsonTimestamp(seconds, increment);
        }

        public BsonRegularExpression ToRegularExpression()
        {
            RequireKeys();
            var payload = Payload("an object with pattern and options");
            var pattern = PayloadString(payload, "pattern", "a string");
            var options = PayloadString(payload, "options", "a string");
            RequirePayloadKeys(payload, "pattern", "options");
            return NewRegularExpression(pattern, options);
        }

        /// <summary>
        /// The legacy <c>{"$regex": "pattern", "$options": "flags"}</c>; like any wrapper it holds exactly those two keys.
        /// </summary>
        public BsonRegularExpression ToLegacyRegularExpression()
        {
            var pattern = Value as BsonString ?? throw Fail("the legacy form's pattern must be a string");
            RequireKeys(companion: "$options");
            var options = _document["$options"] as BsonString ?? throw Fail("$options must be a string");
            return NewRegularExpression(pattern.Value, options.Value);
        }

        public BsonDBPointer ToDBPointer()
        {
            RequireKeys();
            var payload = Payload("an object with $ref and $id");
            var ns = PayloadString(payload, "$ref", "a string");
            var id = payload.TryGetValue("$id", out var idValue) && idValue is BsonObjectId oid
                ? oid.Value
                : throw Fail("$id must be an ObjectId ({\"$oid\": …})");
            RequirePayloadKeys(payload, "$ref", "$id");
            return new BsonDBPointer(ns, id);
        }

        /// <summary><c>{"$date": {"$numberLong": "…"}}</c> or <c>{"$date": "ISO-8601"}</c>; a bare number is refused.</summary>
        public BsonDateTime ToDateTime()
        {
            RequireKeys();
            switch (Value)
            {
                case BsonString iso:
                    return ExtendedJsonText.TryParseDate(iso.Value, out var milliseconds)
                        ? new BsonDateTime(milliseconds)
                        : throw Fail($"'{Truncate(iso.Value)}' is not an RFC 3339 date-time such as 1970-01-01T00:00:00.000Z");
                case BsonInt64 int64 when _key.Kind == JsonTokenType.StartObject:
                    return new BsonDateTime(int64.Value);
                default:
                    throw Fail("the value must be an ISO-8601 string or {\"$numberLong\": \"…\"}");
            }
        }

        /// <summary><c>{"$minKey": 1}</c> or <c>{"$maxKey": 1}</c>: the JSON number 1 exactly.</summary>
        public BsonValue ToKey(BsonValue result)
        {
            RequireKeys();
            return _key.Kind == JsonTokenType.Number && Value is BsonInt32 { Value: 1 }
                ? result
                : throw Fail("the value must be the number 1");
        }

        public BsonUndefined ToUndefined()
        {
            RequireKeys();
            return Value is BsonBoolean { Value: true } ? BsonUndefined.Value : throw Fail("the value must be true");
        }

        /// <summary>The value as a string, checking that the key stands alone.</summary>
        public string SingleString(string expected)
        {
            RequireKeys();
            return Value is BsonString s ? s.Value : throw Fail($"the value must be {expected}");
        }

        /// <summary>Checks that the object holds only the wrapper's key and, if given, <paramref name="companion"/> (or <paramref name="optional"/>).</summary>
        private void RequireKeys(string? companion = null, string? optional = null)
        {
            var hasCompanion = false;
            for (var i = 0; i < _document.ElementCount; i++)
            {
                var element = _document.GetElement(i);
                if (i == _key.Index)
                {
                    continue;
                }

                if (element.Name == companion || element.Name == optional)
                {
                    if (hasCompanion)
                    {
                        throw Fail($"'{element.Name}' appears twice");
                    }

                    hasCompanion = true;
                    continue;
                }

                throw Fail(element.Name == _name
                    ? $"{_name} appears twice"
                    : $"the object holds '{element.Name}' besides {_name}; a type wrapper allows no other keys");
            }

            if (companion is not null && !hasCompanion)
            {
                throw Fail($"{companion} is missing");
            }
        }

        private BsonDocument Payload(string expected) =>
            _key.Kind == JsonTokenType.StartObject && Value is BsonDocument payload
                ? payload
                : throw Fail($"the value must be {expected}");

        private string PayloadString(BsonDocument payload, string name, string expected)
        {
            if (!payload.TryGetValue(name, out var value))
            {
                throw Fail($"{name} is missing");
            }

            return value is BsonString s ? s.Value : throw Fail($"{name} must be {expected}");
        }

        private uint PayloadUInt32(BsonDocument payload, string name)
        {
            var index = payload.IndexOf(name);
            if (index < 0)
            {
                throw Fail($"{name} is missing");
            }

            var isNumber = index < 64 && (_key.PayloadNumbers & (1UL << index)) != 0;
            return (isNumber ? payload[index] : null) switch
            {
                BsonInt32 { Value: >= 0 } i => (uint)i.Value,
                BsonInt64 { Value: >= 0 and <= uint.MaxValue } l => (uint)l.Value,
                _ => throw Fail($"{name} must be an integer from 0 to {uint.MaxValue}"),
            };
        }

        private void RequirePayloadKeys(BsonDocument payload, string first, string second)
        {
            if (payload.ElementCount == 2)
            {
                return;
            }

            foreach (var element in payload)
            {
                if (element.Name != first && element.Name != second)
                {
                    throw Fail($"its object holds '{element.Name}' besides {first} and {second}");
                }
            }

            throw Fail($"its object repeats {first} or {second}");
        }

        private BsonRegularExpression NewRegularExpression(string pattern, string options) =>
            pattern.Contains('\0', StringComparison.Ordinal) || options.Contains('\0', StringComparison.Ordinal)
                ? throw Fail("a regular expression's pattern and options cannot contain a NUL character")
                : new BsonRegularExpression(pattern, options);

        private BsonFormatException Fail(string message, Exception? inner = null) =>
            _reader.Error($"invalid {_name}: {message}", _key.NameOffset, inner);

        private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "...");
    }
}

using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>
/// An operation's <c>arguments</c>, read one by one; <see cref="EnsureAllRead"/> fails on any the runner did not map, so a
/// silently ignored option can never make a case pass.
/// </summary>
public sealed class Arguments(UnifiedOperation operation)
{
    private readonly BsonDocument _args = operation.Arguments;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public bool Has(string name) => _args.Contains(name);

    public BsonValue? Optional(string name)
    {
        _read.Add(name);
        return _args.GetValue(name, null);
    }

    public BsonValue Required(string name) =>
        Optional(name) ?? throw new InvalidDataException($"{operation.JsonPath}: {operation.Name} needs the argument '{name}'.");

    public BsonDocument Document(string name) => Required(name).AsBsonDocument;

    public BsonDocument? OptionalDocument(string name) => Optional(name) as BsonDocument;

    public string String(string name) => Required(name).AsString;

    public string? OptionalString(string name) => Optional(name)?.AsString;

    public bool? Bool(string name) => Optional(name)?.ToBoolean();

    public int? Int(string name) => Optional(name) is { } v ? v.ToInt32() : null;

    public long? Long(string name) => Optional(name) is { } v ? v.ToInt64() : null;

    public TimeSpan? Milliseconds(string name) => Optional(name) is { } v ? TimeSpan.FromMilliseconds(v.ToInt64()) : null;

    public IReadOnlyList<BsonDocument>? Documents(string name) => Optional(name) is BsonArray a ? a.Select(v => v.AsBsonDocument).ToArray() : null;

    /// <summary>Reads the arguments every operation may take (session, timeoutMS) and refuses the ones not built.</summary>
    public void Common()
    {
        if (Has("session"))
        {
            throw new NotBuiltException("explicit sessions (the session argument)");
        }

        if (Has("timeoutMS"))
        {
            throw new NotBuiltException("client-side operation timeouts (timeoutMS)");
        }
    }

    /// <summary>Throws when an argument was not read: the runner does not map it onto the client.</summary>
    public void EnsureAllRead()
    {
        var unread = _args.Names.Where(n => !_read.Contains(n)).ToArray();
        if (unread.Length > 0)
        {
            throw new UnmappedArgumentException(operation, unread);
        }
    }
}

/// <summary>The case uses an argument our client API has no counterpart for: a client gap, reported as a failure.</summary>
public sealed class UnmappedArgumentException(UnifiedOperation operation, IReadOnlyList<string> names)
    : Exception($"{operation.JsonPath}: {operation.Name} argument(s) {string.Join(", ", names)} have no counterpart in the client API.");

using MongoDB.Bson;
using System.ComponentModel;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// The changes of an update on documents of type <typeparamref name="TDocument"/>: update operators
/// (<c>Update&lt;Quiz&gt;.Set("title", "New").Inc("version", 1)</c>, combined into one document such as
/// <c>{ $set: { title: "New" }, $inc: { version: 1 } }</c>) or an aggregation pipeline. Immutable; each chained call
/// returns a new update.
/// </summary>
/// <remarks>
/// Two changes of one path, or of a path and its parent (<c>a</c> and <c>a.b</c>), throw <see cref="ArgumentException"/>
/// where they are added, instead of failing on the server with "would create a conflict". <c>default</c> is the empty
/// update, which operations refuse.
/// </remarks>
public readonly partial struct Update<TDocument>
{
    private readonly UpdateChain? _tail;
    private readonly BsonArray? _pipeline;

    private Update(UpdateChain? tail, BsonArray? pipeline)
    {
        _tail = tail;
        _pipeline = pipeline;
    }

    /// <summary>Whether this update has no change; operations refuse an empty update.</summary>
    public bool IsEmpty => _tail is null && (_pipeline is null || _pipeline.Count == 0);

    /// <summary>Whether this update is an aggregation pipeline (rendered as an array) rather than operators.</summary>
    public bool IsPipeline => _pipeline is not null;

    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> (<c>$set</c>).</summary>
    public static Update<TDocument> Set(string field, BsonValue value) => default(Update<TDocument>).Add("$set", field, value);

    /// <summary>Removes <paramref name="field"/> (<c>$unset</c>).</summary>
    public static Update<TDocument> Unset(string field) => default(Update<TDocument>).Add("$unset", field, "");

    /// <summary>Adds <paramref name="amount"/> to the number <paramref name="field"/>, setting it when missing (<c>$inc</c>).</summary>
    public static Update<TDocument> Inc(string field, BsonValue amount) => default(Update<TDocument>).Add("$inc", field, amount);

    /// <summary>Multiplies the number <paramref name="field"/> by <paramref name="factor"/> (<c>$mul</c>).</summary>
    public static Update<TDocument> Mul(string field, BsonValue factor) => default(Update<TDocument>).Add("$mul", field, factor);

    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> if that is smaller (<c>$min</c>).</summary>
    public static Update<TDocument> Min(string field, BsonValue value) => default(Update<TDocument>).Add("$min", field, value);

    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> if that is larger (<c>$max</c>).</summary>
    public static Update<TDocument> Max(string field, BsonValue value) => default(Update<TDocument>).Add("$max", field, value);

    /// <summary>Renames <paramref name="field"/> to <paramref name="newName"/> (<c>$rename</c>).</summary>
    public static Update<TDocument> Rename(string field, string newName) => default(Update<TDocument>).Add("$rename", field, newName);

    /// <summary>Sets <paramref name="field"/> only when an upsert inserts the document (<c>$setOnInsert</c>).</summary>
    public static Update<TDocument> SetOnInsert(string field, BsonValue value) => default(Update<TDocument>).Add("$setOnInsert", field, value);

    /// <summary>Sets <paramref name="field"/> to the server's current date, or timestamp (<c>$currentDate</c>).</summary>
    public static Update<TDocument> CurrentDate(string field, CurrentDateType type = CurrentDateType.Date) => default(Update<TDocument>).Add("$currentDate", field, CurrentDateValue(type));

    /// <summary>Appends <paramref name="value"/> to the array <paramref name="field"/> (<c>$push</c>).</summary>
    public static Update<TDocument> Push(string field, BsonValue value) => default(Update<TDocument>).Add("$push", field, value);

    /// <summary>
    /// Adds <paramref name="values"/> to the array <paramref name="field"/> (<c>$push</c> with <c>$each</c>), at
    /// <paramref name="position"/>, then sorts it by <paramref name="sort"/> (1, -1 or a sort document) and keeps
    /// <paramref name="slice"/> elements (negative: the last ones).
    /// </summary>
    public static Update<TDocument> PushEach(string field, IEnumerable<BsonValue> values, int? slice = null, int? position = null, BsonValue? sort = null) =>
        default(Update<TDocument>).Add("$push", field, EachValue(values, slice, position, sort));

    /// <summary>Removes from the array <paramref name="field"/> every element equal to <paramref name="valueOrCondition"/>, or matching it when it is a condition document (<c>$pull</c>).</summary>
    public static Update<TDocument> Pull(string field, BsonValue valueOrCondition) => default(Update<TDocument>).Add("$pull", field, valueOrCondition);

    /// <summary>Removes from the array <paramref name="field"/> every element equal to one of <paramref name="values"/> (<c>$pullAll</c>).</summary>
    public static Update<TDocument> PullAll(string field, IEnumerable<BsonValue> values) => default(Update<TDocument>).Add("$pullAll", field, ToArray(values));

    /// <summary>Appends <paramref name="value"/> to the array <paramref name="field"/> unless it is already there (<c>$addToSet</c>).</summary>
    public static Update<TDocument> AddToSet(string field, BsonValue value) => default(Update<TDocument>).Add("$addToSet", field, value);

    /// <summary>Appends each of <paramref name="values"/> not already in the array <paramref name="field"/> (<c>$addToSet</c> with <c>$each</c>).</summary>
    public static Update<TDocument> AddToSetEach(string field, IEnumerable<BsonValue> values) => default(Update<TDocument>).Add("$addToSet", field, new BsonDocument("$each", ToArray(values)));

    /// <summary>Removes the first element of the array <paramref name="field"/> (<c>$pop: -1</c>).</summary>
    public static Update<TDocument> PopFirst(string field) => default(Update<TDocument>).Add("$pop", field, -1);

    /// <summary>Removes the last element of the array <paramref name="field"/> (<c>$pop: 1</c>).</summary>
    public static Update<TDocument> PopLast(string field) => default(Update<TDocument>).Add("$pop", field, 1);

    /// <summary>Sets the integer <paramref name="field"/> to its bitwise AND with <paramref name="mask"/> (<c>$bit: { and }</c>).</summary>
    public static Update<TDocument> BitwiseAnd(string field, int mask) => default(Update<TDocument>).Add("$bit", field, BitValue("and", mask));

    /// <summary>Sets the integer <paramref name="field"/> to its bitwise AND with <paramref name="mask"/> (<c>$bit: { and }</c>).</summary>
    public static Update<TDocument> BitwiseAnd(string field, long mask) => default(Update<TDocument>).Add("$bit", field, BitValue("and", mask));

    /// <summary>Sets the integer <paramref name="field"/> to its bitwise OR with <paramref name="mask"/> (<c>$bit: { or }</c>).</summary>
    public static Update<TDocument> BitwiseOr(string field, int mask) => default(Update<TDocument>).Add("$bit", field, BitValue("or", mask));

    /// <summary>Sets the integer <paramref name="field"/> to its bitwise OR with <paramref name="mask"/> (<c>$bit: { or }</c>).</summary>
    public static Update<TDocument> BitwiseOr(string field, long mask) => default(Update<TDocument>).Add("$bit", field, BitValue("or", mask));

    /// <summary>Sets the integer <paramref name="field"/> to its bitwise XOR with <paramref name="mask"/> (<c>$bit: { xor }</c>).</summary>
    public static Update<TDocument> BitwiseXor(string field, int mask) => default(Update<TDocument>).Add("$bit", field, BitValue("xor", mask));

    /// <summary>Sets the integer <paramref name="field"/> to its bitwise XOR with <paramref name="mask"/> (<c>$bit: { xor }</c>).</summary>
    public static Update<TDocument> BitwiseXor(string field, long mask) => default(Update<TDocument>).Add("$bit", field, BitValue("xor", mask));

    /// <summary>
    /// The update the server expects: a document of operators, or for a pipeline update an array of stages. It may be
    /// shared with this update: do not change it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public BsonValue Render()
    {
        if (_pipeline is not null)
        {
            return _pipeline;
        }

        var document = new BsonDocument();
        if (_tail is null)
        {
            return document;
        }

        var nodes = new UpdateChain[_tail.Count];
        var i = nodes.Length;
        for (var node = _tail; node is not null; node = node.Previous)
        {
            nodes[--i] = node;
        }

        foreach (var node in nodes)
        {
            if (!document.TryGetValue(node.Operator, out var fields))
            {
                fields = new BsonDocument();
                document.Add(node.Operator, fields);
            }

            ((BsonDocument)fields).Add(node.Path, node.Value);
        }

        return document;
    }

    /// <summary>The update as relaxed Extended JSON, for logs and debugging.</summary>
    public override string ToString() => Render().ToJson();

    /// <summary>
    /// Takes an update document of operators, such as <c>{ $set: { a: 1 } }</c>; later chained calls add to it and are
    /// checked against its paths.
    /// </summary>
    /// <exception cref="ArgumentException">A top-level field is not an operator (to replace a whole document, use <c>ReplaceOne</c>), an operator's value is not a document, or two changes conflict.</exception>
    public static implicit operator Update<TDocument>(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var update = default(Update<TDocument>);
        foreach (var element in document)
        {
            if (!element.Name.StartsWith('$'))
            {
                throw new ArgumentException($"An update document holds only update operators such as $set, but it has the field \"{element.Name}\"; to replace a whole document, use ReplaceOne.", nameof(document));
            }

            if (element.Value is not BsonDocument fields)
            {
                throw new ArgumentException($"The value of the update operator {element.Name} must be a document of fields.", nameof(document));
            }

            foreach (var field in fields)
            {
                update = update.Add(element.Name, field.Name, field.Value);
            }
        }

        return update;
    }

    /// <summary>Takes an update pipeline: an array of stages such as <c>$set</c>, <c>$unset</c> and <c>$replaceWith</c> (MongoDB 4.2+).</summary>
    /// <exception cref="ArgumentException">An element of the array is not a stage document.</exception>
    public static implicit operator Update<TDocument>(BsonArray pipeline) => FromPipeline((Pipeline)pipeline);

    /// <summary>Takes an update pipeline built with <see cref="Pipeline"/>.</summary>
    public static implicit operator Update<TDocument>(Pipeline pipeline) => FromPipeline(pipeline);

    internal Update<TDocument> Add(string op, string path, BsonValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(path, "field");
        ArgumentNullException.ThrowIfNull(value);
        if (_pipeline is not null)
        {
            throw new InvalidOperationException("A pipeline update cannot take update operators; add a $set or $unset stage to the pipeline instead.");
        }

        CheckConflict(path, op, "field");
        if (op == "$rename")
        {
            var target = value is BsonString ? value.AsString : throw new ArgumentException("The new name of a $rename must be a string.", nameof(value));
            ArgumentException.ThrowIfNullOrEmpty(target, "newName");
            CheckConflict(target, op, "newName");
        }

        return new(new UpdateChain(_tail, op, path, value), null);
    }

    private void CheckConflict(string path, string op, string field)
    {
        for (var node = _tail; node is not null; node = node.Previous)
        {
            var other = Overlaps(node.Path, path) ? node.Path
                : node.Operator == "$rename" && Overlaps(node.Value.AsString, path) ? node.Value.AsString
                : null;
            if (other is not null)
            {
                throw new ArgumentException(
                    $"The update changes \"{other}\" with {node.Operator} and \"{path}\" with {op}; MongoDB refuses two changes of one path or of a path and its parent.",
                    field);
            }
        }
    }

    private static bool Overlaps(string a, string b)
    {
        if (a.Length == b.Length)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }

        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        return longer.StartsWith(shorter, StringComparison.Ordinal) && longer[shorter.Length] == '.';
    }

    private static Update<TDocument> FromPipeline(Pipeline pipeline) => new(null, pipeline.Render());

    internal static BsonValue CurrentDateValue(CurrentDateType type) => type switch
    {
        CurrentDateType.Date => true,
        CurrentDateType.Timestamp => new BsonDocument("$type", "timestamp"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    internal static BsonDocument EachValue(IEnumerable<BsonValue> values, int? slice, int? position, BsonValue? sort) => EachValue(ToArray(values), slice, position, sort);

    internal static BsonDocument EachValue(BsonArray values, int? slice, int? position, BsonValue? sort)
    {
        var each = new BsonDocument("$each", values);
        if (position is { } p)
        {
            each.Add("$position", p);
        }

        if (slice is { } s)
        {
            each.Add("$slice", s);
        }

        if (sort is not null)
        {
            each.Add("$sort", sort);
        }

        return each;
    }

    /// <summary>The operand of <c>$bit</c>; the server takes only a 32- or 64-bit integer mask.</summary>
    internal static BsonDocument BitValue(string op, BsonValue mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.BsonType is not (BsonType.Int32 or BsonType.Int64))
        {
            throw new ArgumentException($"The mask of $bit must be a 32- or 64-bit integer, not a {mask.BsonType}.", nameof(mask));
        }

        return new BsonDocument(op, mask);
    }

    internal static BsonArray ToArray(IEnumerable<BsonValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new BsonArray(values);
    }
}

/// <summary>What <c>$currentDate</c> stores.</summary>
public enum CurrentDateType
{
    /// <summary>A BSON date.</summary>
    Date,

    /// <summary>A BSON timestamp.</summary>
    Timestamp,
}

/// <summary>The chained forms of the <see cref="Update{TDocument}"/> operators: <c>Update&lt;Quiz&gt;.Set("a", 1).Inc("b", 1)</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class UpdateChaining
{
    extension<TDocument>(Update<TDocument> update)
    {
        /// <summary>Also sets <paramref name="field"/> to <paramref name="value"/> (<c>$set</c>).</summary>
        public Update<TDocument> Set(string field, BsonValue value) => update.Add("$set", field, value);

        /// <summary>Also removes <paramref name="field"/> (<c>$unset</c>).</summary>
        public Update<TDocument> Unset(string field) => update.Add("$unset", field, "");

        /// <summary>Also adds <paramref name="amount"/> to <paramref name="field"/> (<c>$inc</c>).</summary>
        public Update<TDocument> Inc(string field, BsonValue amount) => update.Add("$inc", field, amount);

        /// <summary>Also multiplies <paramref name="field"/> by <paramref name="factor"/> (<c>$mul</c>).</summary>
        public Update<TDocument> Mul(string field, BsonValue factor) => update.Add("$mul", field, factor);

        /// <summary>Also sets <paramref name="field"/> to <paramref name="value"/> if that is smaller (<c>$min</c>).</summary>
        public Update<TDocument> Min(string field, BsonValue value) => update.Add("$min", field, value);

        /// <summary>Also sets <paramref name="field"/> to <paramref name="value"/> if that is larger (<c>$max</c>).</summary>
        public Update<TDocument> Max(string field, BsonValue value) => update.Add("$max", field, value);

        /// <summary>Also renames <paramref name="field"/> to <paramref name="newName"/> (<c>$rename</c>).</summary>
        public Update<TDocument> Rename(string field, string newName) => update.Add("$rename", field, newName);

        /// <summary>Also sets <paramref name="field"/> when an upsert inserts (<c>$setOnInsert</c>).</summary>
        public Update<TDocument> SetOnInsert(string field, BsonValue value) => update.Add("$setOnInsert", field, value);

        /// <summary>Also sets <paramref name="field"/> to the current date or timestamp (<c>$currentDate</c>).</summary>
        public Update<TDocument> CurrentDate(string field, CurrentDateType type = CurrentDateType.Date) =>
            update.Add("$currentDate", field, Update<TDocument>.CurrentDateValue(type));

        /// <summary>Also appends <paramref name="value"/> to the array <paramref name="field"/> (<c>$push</c>).</summary>
        public Update<TDocument> Push(string field, BsonValue value) => update.Add("$push", field, value);

        /// <summary>Also adds <paramref name="values"/> to the array <paramref name="field"/> (<c>$push</c> with <c>$each</c>).</summary>
        public Update<TDocument> PushEach(string field, IEnumerable<BsonValue> values, int? slice = null, int? position = null, BsonValue? sort = null) =>
            update.Add("$push", field, Update<TDocument>.EachValue(values, slice, position, sort));

        /// <summary>Also removes matching elements from the array <paramref name="field"/> (<c>$pull</c>).</summary>
        public Update<TDocument> Pull(string field, BsonValue valueOrCondition) => update.Add("$pull", field, valueOrCondition);

        /// <summary>Also removes each of <paramref name="values"/> from the array <paramref name="field"/> (<c>$pullAll</c>).</summary>
        public Update<TDocument> PullAll(string field, IEnumerable<BsonValue> values) => update.Add("$pullAll", field, Update<TDocument>.ToArray(values));

        /// <summary>Also appends <paramref name="value"/> unless present (<c>$addToSet</c>).</summary>
        public Update<TDocument> AddToSet(string field, BsonValue value) => update.Add("$addToSet", field, value);

        /// <summary>Also appends each of <paramref name="values"/> not present (<c>$addToSet</c> with <c>$each</c>).</summary>
        public Update<TDocument> AddToSetEach(string field, IEnumerable<BsonValue> values) => update.Add("$addToSet", field, new BsonDocument("$each", Update<TDocument>.ToArray(values)));

        /// <summary>Also removes the first element of the array <paramref name="field"/> (<c>$pop: -1</c>).</summary>
        public Update<TDocument> PopFirst(string field) => update.Add("$pop", field, -1);

        /// <summary>Also removes the last element of the array <paramref name="field"/> (<c>$pop: 1</c>).</summary>
        public Update<TDocument> PopLast(string field) => update.Add("$pop", field, 1);

        /// <summary>Also sets the integer <paramref name="field"/> to its bitwise AND with <paramref name="mask"/> (<c>$bit</c>).</summary>
        public Update<TDocument> BitwiseAnd(string field, int mask) => update.Add("$bit", field, Update<TDocument>.BitValue("and", mask));

        /// <summary>Also sets the integer <paramref name="field"/> to its bitwise AND with <paramref name="mask"/> (<c>$bit</c>).</summary>
        public Update<TDocument> BitwiseAnd(string field, long mask) => update.Add("$bit", field, Update<TDocument>.BitValue("and", mask));

        /// <summary>Also sets the integer <paramref name="field"/> to its bitwise OR with <paramref name="mask"/> (<c>$bit</c>).</summary>
        public Update<TDocument> BitwiseOr(string field, int mask) => update.Add("$bit", field, Update<TDocument>.BitValue("or", mask));

        /// <summary>Also sets the integer <paramref name="field"/> to its bitwise OR with <paramref name="mask"/> (<c>$bit</c>).</summary>
        public Update<TDocument> BitwiseOr(string field, long mask) => update.Add("$bit", field, Update<TDocument>.BitValue("or", mask));

        /// <summary>Also sets the integer <paramref name="field"/> to its bitwise XOR with <paramref name="mask"/> (<c>$bit</c>).</summary>
        public Update<TDocument> BitwiseXor(string field, int mask) => update.Add("$bit", field, Update<TDocument>.BitValue("xor", mask));

        /// <summary>Also sets the integer <paramref name="field"/> to its bitwise XOR with <paramref name="mask"/> (<c>$bit</c>).</summary>
        public Update<TDocument> BitwiseXor(string field, long mask) => update.Add("$bit", field, Update<TDocument>.BitValue("xor", mask));
    }
}

/// <summary>One change of an update: an immutable linked list, so chaining allocates one node per call.</summary>
internal sealed class UpdateChain(UpdateChain? previous, string op, string path, BsonValue value)
{
    public UpdateChain? Previous { get; } = previous;

    public string Operator { get; } = op;

    public string Path { get; } = path;

    public BsonValue Value { get; } = value;

    public int Count { get; } = (previous?.Count ?? 0) + 1;
}

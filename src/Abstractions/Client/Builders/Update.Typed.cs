using MongoDB.Bson;

namespace OpenQuizz.Typed;

// The overloads on field descriptors: each renders what the string overload renders with the field's path and the
// values encoded through the member's codec. Positional paths come from ArrayField (FirstMatching, AllElements,
// Filtered), so Set(QuizFields.Questions.AllElements.Then(QuestionFields.Points), 0) is typed too.
public readonly partial struct Update<TDocument>
{
    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> (<c>$set</c>).</summary>
    public static Update<TDocument> Set<TValue>(Field<TDocument, TValue> field, TValue value) =>
        default(Update<TDocument>).Add("$set", PathOf(field), field.Encode(value));

    /// <summary>Sets <paramref name="field"/> only when an upsert inserts the document (<c>$setOnInsert</c>).</summary>
    public static Update<TDocument> SetOnInsert<TValue>(Field<TDocument, TValue> field, TValue value) =>
        default(Update<TDocument>).Add("$setOnInsert", PathOf(field), field.Encode(value));

    /// <summary>Removes <paramref name="field"/> (<c>$unset</c>).</summary>
    public static Update<TDocument> Unset<TValue>(Field<TDocument, TValue> field) =>
        default(Update<TDocument>).Add("$unset", PathOf(field), "");

    /// <summary>Adds <paramref name="amount"/> to the number <paramref name="field"/>, setting it when missing (<c>$inc</c>).</summary>
    public static Update<TDocument> Inc<TValue>(Field<TDocument, TValue> field, TValue amount) =>
        default(Update<TDocument>).Add("$inc", PathOf(field), field.Encode(amount));

    /// <summary>Multiplies the number <paramref name="field"/> by <paramref name="factor"/> (<c>$mul</c>).</summary>
    public static Update<TDocument> Mul<TValue>(Field<TDocument, TValue> field, TValue factor) =>
        default(Update<TDocument>).Add("$mul", PathOf(field), field.Encode(factor));

    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> if that is smaller (<c>$min</c>).</summary>
    public static Update<TDocument> Min<TValue>(Field<TDocument, TValue> field, TValue value) =>
        default(Update<TDocument>).Add("$min", PathOf(field), field.Encode(value));

    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> if that is larger (<c>$max</c>).</summary>
    public static Update<TDocument> Max<TValue>(Field<TDocument, TValue> field, TValue value) =>
        default(Update<TDocument>).Add("$max", PathOf(field), field.Encode(value));

    /// <summary>Renames <paramref name="field"/> to <paramref name="newName"/> (<c>$rename</c>).</summary>
    public static Update<TDocument> Rename<TValue>(Field<TDocument, TValue> field, string newName) =>
        default(Update<TDocument>).Add("$rename", PathOf(field), newName);

    /// <summary>Renames <paramref name="field"/> to the path of <paramref name="newField"/> (<c>$rename</c>).</summary>
    public static Update<TDocument> Rename<TValue>(Field<TDocument, TValue> field, Field<TDocument, TValue> newField) =>
        default(Update<TDocument>).Add("$rename", PathOf(field), PathOf(newField));

    /// <summary>Sets <paramref name="field"/> to the server's current date, or timestamp (<c>$currentDate</c>).</summary>
    public static Update<TDocument> CurrentDate<TValue>(Field<TDocument, TValue> field, CurrentDateType type = CurrentDateType.Date) =>
        default(Update<TDocument>).Add("$currentDate", PathOf(field), CurrentDateValue(type));

    /// <summary>Sets the integer <paramref name="field"/> to its bitwise AND with <paramref name="mask"/> (<c>$bit: { and }</c>).</summary>
    public static Update<TDocument> BitwiseAnd<TValue>(Field<TDocument, TValue> field, TValue mask) =>
        default(Update<TDocument>).Add("$bit", PathOf(field), BitValue("and", field.Encode(mask)));

    /// <summary>Sets the integer <paramref name="field"/> to its bitwise OR with <paramref name="mask"/> (<c>$bit: { or }</c>).</summary>
    public static Update<TDocument> BitwiseOr<TValue>(Field<TDocument, TValue> field, TValue mask) =>
        default(Update<TDocument>).Add("$bit", PathOf(field), BitValue("or", field.Encode(mask)));

    /// <summary>Sets the integer <paramref name="field"/> to its bitwise XOR with <paramref name="mask"/> (<c>$bit: { xor }</c>).</summary>
    public static Update<TDocument> BitwiseXor<TValue>(Field<TDocument, TValue> field, TValue mask) =>
        default(Update<TDocument>).Add("$bit", PathOf(field), BitValue("xor", field.Encode(mask)));

    /// <summary>Appends <paramref name="item"/> to the array <paramref name="field"/> (<c>$push</c>).</summary>
    public static Update<TDocument> Push<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) =>
        default(Update<TDocument>).Add("$push", PathOf(field), field.EncodeItem(item));

    /// <summary>Adds <paramref name="items"/> to the array <paramref name="field"/> (<c>$push</c> with <c>$each</c>), at <paramref name="position"/>, then sorts it by <paramref name="sort"/> (1, -1 or a sort document) and keeps <paramref name="slice"/> elements (negative: the last ones).</summary>
    public static Update<TDocument> PushEach<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items, int? slice = null, int? position = null, BsonValue? sort = null) =>
        default(Update<TDocument>).Add("$push", PathOf(field), EachValue(EncodeItems(field, items), slice, position, sort));

    /// <summary>Adds <paramref name="items"/> to the array of documents <paramref name="field"/> (<c>$push</c> with <c>$each</c>), at <paramref name="position"/>, then sorts the elements by <paramref name="sort"/> and keeps <paramref name="slice"/> of them (negative: the last ones).</summary>
    public static Update<TDocument> PushEach<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items, Sort<TItem> sort, int? slice = null, int? position = null) =>
        default(Update<TDocument>).Add("$push", PathOf(field), EachValue(EncodeItems(field, items), slice, position, SortValue(sort)));

    /// <summary>Removes from the array <paramref name="field"/> every element equal to <paramref name="item"/> (<c>$pull</c>).</summary>
    public static Update<TDocument> Pull<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) =>
        default(Update<TDocument>).Add("$pull", PathOf(field), field.EncodeItem(item));

    /// <summary>Removes from the array of documents <paramref name="field"/> every element that matches <paramref name="condition"/> (<c>$pull</c>).</summary>
    public static Update<TDocument> Pull<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TItem> condition) =>
        default(Update<TDocument>).Add("$pull", PathOf(field), PullCondition(condition));

    /// <summary>Removes from the array <paramref name="field"/> every element equal to one of <paramref name="items"/> (<c>$pullAll</c>).</summary>
    public static Update<TDocument> PullAll<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items) =>
        default(Update<TDocument>).Add("$pullAll", PathOf(field), EncodeItems(field, items));

    /// <summary>Appends <paramref name="item"/> to the array <paramref name="field"/> unless it is already there (<c>$addToSet</c>).</summary>
    public static Update<TDocument> AddToSet<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) =>
        default(Update<TDocument>).Add("$addToSet", PathOf(field), field.EncodeItem(item));

    /// <summary>Appends each of <paramref name="items"/> not already in the array <paramref name="field"/> (<c>$addToSet</c> with <c>$each</c>).</summary>
    public static Update<TDocument> AddToSetEach<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items) =>
        default(Update<TDocument>).Add("$addToSet", PathOf(field), new BsonDocument("$each", EncodeItems(field, items)));

    /// <summary>Removes the first element of the array <paramref name="field"/> (<c>$pop: -1</c>).</summary>
    public static Update<TDocument> PopFirst<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field) =>
        default(Update<TDocument>).Add("$pop", PathOf(field), -1);

    /// <summary>Removes the last element of the array <paramref name="field"/> (<c>$pop: 1</c>).</summary>
    public static Update<TDocument> PopLast<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field) =>
        default(Update<TDocument>).Add("$pop", PathOf(field), 1);

    internal static string PathOf<TValue>(Field<TDocument, TValue> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Path;
    }

    internal static BsonArray EncodeItems<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items is ICollection<TItem> collection ? new BsonArray(collection.Count) : new BsonArray();
        foreach (var item in items)
        {
            array.Add(field.EncodeItem(item));
        }

        return array;
    }

    internal static BsonDocument SortValue<TItem>(Sort<TItem> sort) =>
        sort.IsEmpty ? throw new ArgumentException("The $sort of a $push needs at least one field.", nameof(sort)) : sort.Render();

    internal static BsonDocument PullCondition<TItem>(Filter<TItem> condition) =>
        condition.IsEmpty
            ? throw new ArgumentException("An empty $pull condition would remove every element of the array; to empty it, Set the field to an empty array.", nameof(condition))
            : condition.Render();
}

public static partial class UpdateChaining
{
    extension<TDocument>(Update<TDocument> update)
    {
        /// <summary>Also sets <paramref name="field"/> to <paramref name="value"/> (<c>$set</c>).</summary>
        public Update<TDocument> Set<TValue>(Field<TDocument, TValue> field, TValue value) =>
            update.Add("$set", Update<TDocument>.PathOf(field), field.Encode(value));

        /// <summary>Also sets <paramref name="field"/> when an upsert inserts (<c>$setOnInsert</c>).</summary>
        public Update<TDocument> SetOnInsert<TValue>(Field<TDocument, TValue> field, TValue value) =>
            update.Add("$setOnInsert", Update<TDocument>.PathOf(field), field.Encode(value));

        /// <summary>Also removes <paramref name="field"/> (<c>$unset</c>).</summary>
        public Update<TDocument> Unset<TValue>(Field<TDocument, TValue> field) =>
            update.Add("$unset", Update<TDocument>.PathOf(field), "");

        /// <summary>Also adds <paramref name="amount"/> to <paramref name="field"/> (<c>$inc</c>).</summary>
        public Update<TDocument> Inc<TValue>(Field<TDocument, TValue> field, TValue amount) =>
            update.Add("$inc", Update<TDocument>.PathOf(field), field.Encode(amount));

        /// <summary>Also multiplies <paramref name="field"/> by <paramref name="factor"/> (<c>$mul</c>).</summary>
        public Update<TDocument> Mul<TValue>(Field<TDocument, TValue> field, TValue factor) =>
            update.Add("$mul", Update<TDocument>.PathOf(field), field.Encode(factor));

        /// <summary>Also sets <paramref name="field"/> to <paramref name="value"/> if that is smaller (<c>$min</c>).</summary>
        public Update<TDocument> Min<TValue>(Field<TDocument, TValue> field, TValue value) =>
            update.Add("$min", Update<TDocument>.PathOf(field), field.Encode(value));

        /// <summary>Also sets <paramref name="field"/> to <paramref name="value"/> if that is larger (<c>$max</c>).</summary>
        public Update<TDocument> Max<TValue>(Field<TDocument, TValue> field, TValue value) =>
            update.Add("$max", Update<TDocument>.PathOf(field), field.Encode(value));

        /// <summary>Also renames <paramref name="field"/> to <paramref name="newName"/> (<c>$rename</c>).</summary>
        public Update<TDocument> Rename<TValue>(Field<TDocument, TValue> field, string newName) =>
            update.Add("$rename", Update<TDocument>.PathOf(field), newName);

        /// <summary>Also renames <paramref name="field"/> to the path of <paramref name="newField"/> (<c>$rename</c>).</summary>
        public Update<TDocument> Rename<TValue>(Field<TDocument, TValue> field, Field<TDocument, TValue> newField) =>
            update.Add("$rename", Update<TDocument>.PathOf(field), Update<TDocument>.PathOf(newField));

        /// <summary>Also sets <paramref name="field"/> to the current date or timestamp (<c>$currentDate</c>).</summary>
        public Update<TDocument> CurrentDate<TValue>(Field<TDocument, TValue> field, CurrentDateType type = CurrentDateType.Date) =>
            update.Add("$currentDate", Update<TDocument>.PathOf(field), Update<TDocument>.CurrentDateValue(type));

        /// <summary>Also sets the integer <paramref name="field"/> to its bitwise AND with <paramref name="mask"/> (<c>$bit</c>).</summary>
        public Update<TDocument> BitwiseAnd<TValue>(Field<TDocument, TValue> field, TValue mask) =>
            update.Add("$bit", Update<TDocument>.PathOf(field), Update<TDocument>.BitValue("and", field.Encode(mask)));

        /// <summary>Also sets the integer <paramref name="field"/> to its bitwise OR with <paramref name="mask"/> (<c>$bit</c>).</summary>
        public Update<TDocument> BitwiseOr<TValue>(Field<TDocument, TValue> field, TValue mask) =>
            update.Add("$bit", Update<TDocument>.PathOf(field), Update<TDocument>.BitValue("or", field.Encode(mask)));

        /// <summary>Also sets the integer <paramref name="field"/> to its bitwise XOR with <paramref name="mask"/> (<c>$bit</c>).</summary>
        public Update<TDocument> BitwiseXor<TValue>(Field<TDocument, TValue> field, TValue mask) =>
            update.Add("$bit", Update<TDocument>.PathOf(field), Update<TDocument>.BitValue("xor", field.Encode(mask)));

        /// <summary>Also appends <paramref name="item"/> to the array <paramref name="field"/> (<c>$push</c>).</summary>
        public Update<TDocument> Push<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) =>
            update.Add("$push", Update<TDocument>.PathOf(field), field.EncodeItem(item));

        /// <summary>Also adds <paramref name="items"/> to the array <paramref name="field"/> (<c>$push</c> with <c>$each</c>).</summary>
        public Update<TDocument> PushEach<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items, int? slice = null, int? position = null, BsonValue? sort = null) =>
            update.Add("$push", Update<TDocument>.PathOf(field), Update<TDocument>.EachValue(Update<TDocument>.EncodeItems(field, items), slice, position, sort));

        /// <summary>Also adds <paramref name="items"/> to the array <paramref name="field"/>, then sorts the elements by <paramref name="sort"/> (<c>$push</c> with <c>$each</c>).</summary>
        public Update<TDocument> PushEach<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items, Sort<TItem> sort, int? slice = null, int? position = null) =>
            update.Add("$push", Update<TDocument>.PathOf(field), Update<TDocument>.EachValue(Update<TDocument>.EncodeItems(field, items), slice, position, Update<TDocument>.SortValue(sort)));

        /// <summary>Also removes every element equal to <paramref name="item"/> from the array <paramref name="field"/> (<c>$pull</c>).</summary>
        public Update<TDocument> Pull<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) =>
            update.Add("$pull", Update<TDocument>.PathOf(field), field.EncodeItem(item));

        /// <summary>Also removes every element that matches <paramref name="condition"/> from the array <paramref name="field"/> (<c>$pull</c>).</summary>
        public Update<TDocument> Pull<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TItem> condition) =>
            update.Add("$pull", Update<TDocument>.PathOf(field), Update<TDocument>.PullCondition(condition));

        /// <summary>Also removes each of <paramref name="items"/> from the array <paramref name="field"/> (<c>$pullAll</c>).</summary>
        public Update<TDocument> PullAll<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items) =>
            update.Add("$pullAll", Update<TDocument>.PathOf(field), Update<TDocument>.EncodeItems(field, items));

        /// <summary>Also appends <paramref name="item"/> unless present (<c>$addToSet</c>).</summary>
        public Update<TDocument> AddToSet<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) =>
            update.Add("$addToSet", Update<TDocument>.PathOf(field), field.EncodeItem(item));

        /// <summary>Also appends each of <paramref name="items"/> not present (<c>$addToSet</c> with <c>$each</c>).</summary>
        public Update<TDocument> AddToSetEach<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items) =>
            update.Add("$addToSet", Update<TDocument>.PathOf(field), new BsonDocument("$each", Update<TDocument>.EncodeItems(field, items)));

        /// <summary>Also removes the first element of the array <paramref name="field"/> (<c>$pop: -1</c>).</summary>
        public Update<TDocument> PopFirst<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field) =>
            update.Add("$pop", Update<TDocument>.PathOf(field), -1);

        /// <summary>Also removes the last element of the array <paramref name="field"/> (<c>$pop: 1</c>).</summary>
        public Update<TDocument> PopLast<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field) =>
            update.Add("$pop", Update<TDocument>.PathOf(field), 1);
    }
}

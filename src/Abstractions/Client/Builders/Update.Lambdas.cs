using System.ComponentModel;

namespace OpenQuizz.Typed;

// The update operators with the member chosen by a lambda: Update<Quiz>.Set(q => q.Title, "x").Inc(q => q.Version, 1).
// The generator translates each selector into the member's element path at build time and encodes the value through
// the member's codec; positional forms select through FirstMatching(), AllElements() and Filtered("id").
public readonly partial struct Update<TDocument>
{
    /// <summary>Sets the member <paramref name="field"/> selects to <paramref name="value"/> (<c>$set</c>), encoded as the member stores it.</summary>
    public static Update<TDocument> Set<TValue>(Func<TDocument, TValue> field, TValue value) => throw QueryExtensions.NotTranslated(nameof(Set));

    /// <summary>Sets the member when an upsert inserts (<c>$setOnInsert</c>).</summary>
    public static Update<TDocument> SetOnInsert<TValue>(Func<TDocument, TValue> field, TValue value) => throw QueryExtensions.NotTranslated(nameof(SetOnInsert));

    /// <summary>Adds <paramref name="amount"/> to the member (<c>$inc</c>).</summary>
    public static Update<TDocument> Inc<TValue>(Func<TDocument, TValue> field, TValue amount) => throw QueryExtensions.NotTranslated(nameof(Inc));

    /// <summary>Multiplies the member by <paramref name="factor"/> (<c>$mul</c>).</summary>
    public static Update<TDocument> Mul<TValue>(Func<TDocument, TValue> field, TValue factor) => throw QueryExtensions.NotTranslated(nameof(Mul));

    /// <summary>Sets the member to <paramref name="value"/> if that is smaller (<c>$min</c>).</summary>
    public static Update<TDocument> Min<TValue>(Func<TDocument, TValue> field, TValue value) => throw QueryExtensions.NotTranslated(nameof(Min));

    /// <summary>Sets the member to <paramref name="value"/> if that is larger (<c>$max</c>).</summary>
    public static Update<TDocument> Max<TValue>(Func<TDocument, TValue> field, TValue value) => throw QueryExtensions.NotTranslated(nameof(Max));

    /// <summary>Removes the member (<c>$unset</c>).</summary>
    public static Update<TDocument> Unset<TValue>(Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Unset));

    /// <summary>Renames the member's element to <paramref name="newName"/> (<c>$rename</c>).</summary>
    public static Update<TDocument> Rename<TValue>(Func<TDocument, TValue> field, string newName) => throw QueryExtensions.NotTranslated(nameof(Rename));

    /// <summary>Sets the member to the current date or timestamp (<c>$currentDate</c>).</summary>
    public static Update<TDocument> CurrentDate<TValue>(Func<TDocument, TValue> field, CurrentDateType type = CurrentDateType.Date) => throw QueryExtensions.NotTranslated(nameof(CurrentDate));

    /// <summary>Appends <paramref name="item"/> to the array member (<c>$push</c>).</summary>
    public static Update<TDocument> Push<TItem>(Func<TDocument, IEnumerable<TItem>> field, TItem item) => throw QueryExtensions.NotTranslated(nameof(Push));

    /// <summary>Appends <paramref name="values"/> to the array member (<c>$push</c> with <c>$each</c>, <c>$slice</c>, <c>$position</c>).</summary>
    public static Update<TDocument> PushEach<TItem>(Func<TDocument, IEnumerable<TItem>> field, IEnumerable<TItem> values, int? slice = null, int? position = null) => throw QueryExtensions.NotTranslated(nameof(PushEach));

    /// <summary>Appends <paramref name="item"/> unless the array member holds it already (<c>$addToSet</c>).</summary>
    public static Update<TDocument> AddToSet<TItem>(Func<TDocument, IEnumerable<TItem>> field, TItem item) => throw QueryExtensions.NotTranslated(nameof(AddToSet));

    /// <summary>Appends each of <paramref name="values"/> not in the array member (<c>$addToSet</c> with <c>$each</c>).</summary>
    public static Update<TDocument> AddToSetEach<TItem>(Func<TDocument, IEnumerable<TItem>> field, IEnumerable<TItem> values) => throw QueryExtensions.NotTranslated(nameof(AddToSetEach));

    /// <summary>Removes every element equal to <paramref name="item"/> from the array member (<c>$pull</c>).</summary>
    public static Update<TDocument> Pull<TItem>(Func<TDocument, IEnumerable<TItem>> field, TItem item) => throw QueryExtensions.NotTranslated(nameof(Pull));

    /// <summary>Removes every element equal to one of <paramref name="values"/> (<c>$pullAll</c>).</summary>
    public static Update<TDocument> PullAll<TItem>(Func<TDocument, IEnumerable<TItem>> field, IEnumerable<TItem> values) => throw QueryExtensions.NotTranslated(nameof(PullAll));

    /// <summary>Removes the first element of the array member (<c>$pop: -1</c>).</summary>
    public static Update<TDocument> PopFirst<TItem>(Func<TDocument, IEnumerable<TItem>> field) => throw QueryExtensions.NotTranslated(nameof(PopFirst));

    /// <summary>Removes the last element of the array member (<c>$pop: 1</c>).</summary>
    public static Update<TDocument> PopLast<TItem>(Func<TDocument, IEnumerable<TItem>> field) => throw QueryExtensions.NotTranslated(nameof(PopLast));

    /// <summary>Removes from the array member every element that matches <paramref name="predicate"/> (<c>$pull</c> with a condition).</summary>
    public static Update<TDocument> Pull<TItem>(Func<TDocument, IEnumerable<TItem>> field, Func<TItem, bool> predicate) => throw QueryExtensions.NotTranslated(nameof(Pull));
}

/// <summary>
/// The chained update operators with the member chosen by a lambda (<c>Update&lt;Quiz&gt;.Set(q =&gt; q.Title, "x").Inc(q =&gt; q.Version, 1)</c>),
/// translated at build time by the OpenQuizz.Typed generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TypedUpdateChaining
{
    /// <summary>Sets the member <paramref name="field"/> selects to <paramref name="value"/> (<c>$set</c>), encoded as the member stores it.</summary>
    public static Update<TDocument> Set<TDocument, TValue>(this Update<TDocument> update, Func<TDocument, TValue> field, TValue value) => throw QueryExtensions.NotTranslated(nameof(Set));

    /// <summary>Sets the member when an upsert inserts (<c>$setOnInsert</c>).</summary>
    public static Update<TDocument> SetOnInsert<TDocument, TValue>(this Update<TDocument> update, Func<TDocument, TValue> field, TValue value) => throw QueryExtensions.NotTranslated(nameof(SetOnInsert));

    /// <summary>Adds <paramref name="amount"/> to the member (<c>$inc</c>).</summary>
    public static Update<TDocument> Inc<TDocument, TValue>(this Update<TDocument> update, Func<TDocument, TValue> field, TValue amount) => throw QueryExtensions.NotTranslated(nameof(Inc));

    /// <summary>Multiplies the member by <paramref name="factor"/> (<c>$mul</c>).</summary>
    public static Update<TDocument> Mul<TDocument, TValue>(this Update<TDocument> update, Func<TDocument, TValue> field, TValue factor) => throw QueryExtensions.NotTranslated(nameof(Mul));

    /// <summary>Sets the member to <paramref name="value"/> if that is smaller (<c>$min</c>).</summary>
    public static Update<TDocument> Min<TDocument, TValue>(this Update<TDocument> update, Func<TDocument, TValue> field, TValue value) => throw QueryExtensions.NotTranslated(nameof(Min));

    /// <summary>Sets the member to <paramref name="value"/> if that is larger (<c>$max</c>).</summary>
    public static Update<TDocument> Max<TDocument, TValue>(this Update<TDocument> update, Func<TDocument, TValue> field, TValue value) => throw QueryExtensions.NotTranslated(nameof(Max));

    /// <summary>Removes the member (<c>$unset</c>).</summary>
    public static Update<TDocument> Unset<TDocument, TValue>(this Update<TDocument> update, Func<TDocument, TValue> field) => throw QueryExtensions.NotTranslated(nameof(Unset));

    /// <summary>Renames the member's element to <paramref name="newName"/> (<c>$rename</c>).</summary>
    public static Update<TDocument> Rename<TDocument, TValue>(this Update<TDocument> update, Func<TDocument, TValue> field, string newName) => throw QueryExtensions.NotTranslated(nameof(Rename));

    /// <summary>Sets the member to the current date or timestamp (<c>$currentDate</c>).</summary>
    public static Update<TDocument> CurrentDate<TDocument, TValue>(this Update<TDocument> update, Func<TDocument, TValue> field, CurrentDateType type = CurrentDateType.Date) => throw QueryExtensions.NotTranslated(nameof(CurrentDate));

    /// <summary>Appends <paramref name="item"/> to the array member (<c>$push</c>).</summary>
    public static Update<TDocument> Push<TDocument, TItem>(this Update<TDocument> update, Func<TDocument, IEnumerable<TItem>> field, TItem item) => throw QueryExtensions.NotTranslated(nameof(Push));

    /// <summary>Appends <paramref name="values"/> to the array member (<c>$push</c> with <c>$each</c>, <c>$slice</c>, <c>$position</c>).</summary>
    public static Update<TDocument> PushEach<TDocument, TItem>(this Update<TDocument> update, Func<TDocument, IEnumerable<TItem>> field, IEnumerable<TItem> values, int? slice = null, int? position = null) => throw QueryExtensions.NotTranslated(nameof(PushEach));

    /// <summary>Appends <paramref name="item"/> unless the array member holds it already (<c>$addToSet</c>).</summary>
    public static Update<TDocument> AddToSet<TDocument, TItem>(this Update<TDocument> update, Func<TDocument, IEnumerable<TItem>> field, TItem item) => throw QueryExtensions.NotTranslated(nameof(AddToSet));

    /// <summary>Appends each of <paramref name="values"/> not in the array member (<c>$addToSet</c> with <c>$each</c>).</summary>
    public static Update<TDocument> AddToSetEach<TDocument, TItem>(this Update<TDocument> update, Func<TDocument, IEnumerable<TItem>> field, IEnumerable<TItem> values) => throw QueryExtensions.NotTranslated(nameof(AddToSetEach));

    /// <summary>Removes every element equal to <paramref name="item"/> from the array member (<c>$pull</c>).</summary>
    public static Update<TDocument> Pull<TDocument, TItem>(this Update<TDocument> update, Func<TDocument, IEnumerable<TItem>> field, TItem item) => throw QueryExtensions.NotTranslated(nameof(Pull));

    /// <summary>Removes every element equal to one of <paramref name="values"/> (<c>$pullAll</c>).</summary>
    public static Update<TDocument> PullAll<TDocument, TItem>(this Update<TDocument> update, Func<TDocument, IEnumerable<TItem>> field, IEnumerable<TItem> values) => throw QueryExtensions.NotTranslated(nameof(PullAll));

    /// <summary>Removes the first element of the array member (<c>$pop: -1</c>).</summary>
    public static Update<TDocument> PopFirst<TDocument, TItem>(this Update<TDocument> update, Func<TDocument, IEnumerable<TItem>> field) => throw QueryExtensions.NotTranslated(nameof(PopFirst));

    /// <summary>Removes the last element of the array member (<c>$pop: 1</c>).</summary>
    public static Update<TDocument> PopLast<TDocument, TItem>(this Update<TDocument> update, Func<TDocument, IEnumerable<TItem>> field) => throw QueryExtensions.NotTranslated(nameof(PopLast));

    /// <summary>Removes from the array member every element that matches <paramref name="predicate"/> (<c>$pull</c> with a condition).</summary>
    public static Update<TDocument> Pull<TDocument, TItem>(this Update<TDocument> update, Func<TDocument, IEnumerable<TItem>> field, Func<TItem, bool> predicate) => throw QueryExtensions.NotTranslated(nameof(Pull));
}

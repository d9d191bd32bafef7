using MongoDB.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// One output field of a typed <c>$group</c> stage: a field of the result type <typeparamref name="TResult"/> and the
/// accumulator that computes it over the grouped <typeparamref name="TInput"/> documents. Build it with
/// <see cref="Accumulator{TInput}"/>.
/// </summary>
public readonly struct Accumulator<TInput, TResult>
{
    internal Accumulator(string name, BsonDocument value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The output field, a top-level element of the group result.</summary>
    public string Name { get; }

    /// <summary>The accumulator expression, such as <c>{ $sum: "$points" }</c>.</summary>
    public BsonDocument Value { get; }

    /// <summary>The accumulator as <c>name: { $op: … }</c> in relaxed Extended JSON.</summary>
    public override string ToString() => new BsonDocument(Name ?? "", Value ?? new BsonDocument()).ToJson();
}

/// <summary>
/// The accumulators of a typed <c>$group</c> over <typeparamref name="TInput"/> documents:
/// <c>Accumulator&lt;Quiz&gt;.Sum(CourseStatsFields.Points, QuizFields.Points)</c> renders <c>points: { $sum: "$points" }</c>.
/// </summary>
public static class Accumulator<TInput>
{
    /// <summary><paramref name="output"/> is the sum of <paramref name="input"/> over the group (<c>$sum</c>).</summary>
    public static Accumulator<TInput, TResult> Sum<TResult, TOut, TIn>(Field<TResult, TOut> output, Field<TInput, TIn> input) => Of(output, "$sum", input);

    /// <summary><paramref name="output"/> is the number of documents in the group (<c>$sum: 1</c>).</summary>
    public static Accumulator<TInput, TResult> Count<TResult, TOut>(Field<TResult, TOut> output) => Of(output, new BsonDocument("$sum", 1));

    /// <summary><paramref name="output"/> is the average of <paramref name="input"/> over the group (<c>$avg</c>).</summary>
    public static Accumulator<TInput, TResult> Avg<TResult, TOut, TIn>(Field<TResult, TOut> output, Field<TInput, TIn> input) => Of(output, "$avg", input);

    /// <summary><paramref name="output"/> is the smallest <paramref name="input"/> of the group (<c>$min</c>).</summary>
    public static Accumulator<TInput, TResult> Min<TResult, TValue>(Field<TResult, TValue> output, Field<TInput, TValue> input) => Of(output, "$min", input);

    /// <summary><paramref name="output"/> is the largest <paramref name="input"/> of the group (<c>$max</c>).</summary>
    public static Accumulator<TInput, TResult> Max<TResult, TValue>(Field<TResult, TValue> output, Field<TInput, TValue> input) => Of(output, "$max", input);

    /// <summary><paramref name="output"/> is <paramref name="input"/> of the group's first document, in the order the documents come (<c>$first</c>).</summary>
    public static Accumulator<TInput, TResult> First<TResult, TValue>(Field<TResult, TValue> output, Field<TInput, TValue> input) => Of(output, "$first", input);

    /// <summary><paramref name="output"/> is <paramref name="input"/> of the group's last document (<c>$last</c>).</summary>
    public static Accumulator<TInput, TResult> Last<TResult, TValue>(Field<TResult, TValue> output, Field<TInput, TValue> input) => Of(output, "$last", input);

    /// <summary>The array <paramref name="output"/> holds <paramref name="input"/> of every document of the group (<c>$push</c>).</summary>
    public static Accumulator<TInput, TResult> Push<TResult, TOut, TItem>(ArrayField<TResult, TOut, TItem> output, Field<TInput, TItem> input) => Of(output, "$push", input);

    /// <summary>The array <paramref name="output"/> holds the distinct values of <paramref name="input"/> in the group (<c>$addToSet</c>).</summary>
    public static Accumulator<TInput, TResult> AddToSet<TResult, TOut, TItem>(ArrayField<TResult, TOut, TItem> output, Field<TInput, TItem> input) => Of(output, "$addToSet", input);

    /// <summary><paramref name="output"/> is computed by the accumulator document <paramref name="accumulator"/>, such as <c>{ $stdDevPop: "$score" }</c>.</summary>
    public static Accumulator<TInput, TResult> Of<TResult, TOut>(Field<TResult, TOut> output, BsonDocument accumulator)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(accumulator);
        if (output.Path.Contains('.', StringComparison.Ordinal) || output.Path == "_id")
        {
            throw new ArgumentException($"The output of an accumulator is a top-level field other than _id (the group key), not \"{output.Path}\".", nameof(output));
        }

        if (accumulator.ElementCount != 1 || !accumulator.GetElement(0).Name.StartsWith('$'))
        {
            throw new ArgumentException($"An accumulator is a document with one operator, such as {{ $sum: \"$points\" }}; got {accumulator.ToJson()}.", nameof(accumulator));
        }

        return new Accumulator<TInput, TResult>(output.Path, accumulator);
    }

    private static Accumulator<TInput, TResult> Of<TResult, TOut, TIn>(Field<TResult, TOut> output, string op, Field<TInput, TIn> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Of(output, new BsonDocument(op, "$" + input.Path));
    }
}

using System.ComponentModel;
using MongoDB.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// The positional forms of an update, written in a member lambda and translated at build time:
/// <c>Update&lt;Quiz&gt;.Inc(q =&gt; q.Questions.FirstMatching().Points, 1)</c> is <c>{ $inc: { "questions.$.points": 1 } }</c>,
/// <c>AllElements()</c> is <c>$[]</c> and <c>Filtered("hard")</c> is <c>$[hard]</c> (with an array filter from
/// <c>ArrayFilter.For&lt;TItem&gt;(identifier, x =&gt; …)</c>). These methods only mark the path; they are never run.
/// </summary>
public static class ArrayPositions
{
    /// <summary>The first element that the update's filter matched (<c>$</c>).</summary>
    public static TItem FirstMatching<TItem>(this IEnumerable<TItem> items) => throw QueryExtensions.NotTranslated(nameof(FirstMatching));

    /// <summary>Every element of the array (<c>$[]</c>).</summary>
    public static TItem AllElements<TItem>(this IEnumerable<TItem> items) => throw QueryExtensions.NotTranslated(nameof(AllElements));

    /// <summary>The elements that the array filter named <paramref name="identifier"/> matches (<c>$[identifier]</c>).</summary>
    public static TItem Filtered<TItem>(this IEnumerable<TItem> items, string identifier) => throw QueryExtensions.NotTranslated(nameof(Filtered));
}

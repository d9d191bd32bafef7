using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Update;

/// <summary>What applying an update needs besides the document: the query's positional match and whether this is an upsert insert.</summary>
internal sealed class UpdateContext
{
    public MatchDetails? Details { get; init; }

    public bool IsInsert { get; init; }

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A compiled update: a replacement document or a list of operator updates. Parsed once per statement.</summary>
internal abstract class UpdateSpec
{
    public abstract bool IsReplacement { get; }

    public static UpdateSpec Parse(BsonValue update, BsonArray? arrayFilters)
    {
        if (update is BsonArray stages)
        {
            return Aggregation.PipelineUpdate.Parse(stages, arrayFilters);
        }

        if (update is not BsonDocument document)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "Update argument must be either an object or an array");
        }

        var isOperatorUpdate = document.ElementCount > 0 && document.GetElement(0).Name.StartsWith('$');
        if (!isOperatorUpdate)
        {
            foreach (var element in document)
            {
                if (element.Name.StartsWith('$'))
                {
                    throw new MongoServerException(ErrorCodes.DollarPrefixedFieldName, $"The dollar ($) prefixed field '{element.Name}' in '{element.Name}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.");
                }
            }

            if (arrayFilters is { Count: > 0 })
            {
                throw new MongoServerException(ErrorCodes.FailedToParse, "arrayFilters may not be specified for replacement-style updates");
            }

            return new ReplacementUpdate(document);
        }

        return OperatorUpdate.Parse(document, arrayFilters);
    }

    /// <summary>Applies the update to <paramref name="document"/>, a private copy, and returns the resulting document.</summary>
    public abstract BsonDocument Apply(BsonDocument document, UpdateContext context);
}

/// <summary>A replacement document: everything but <c>_id</c> is replaced.</summary>
internal sealed class ReplacementUpdate(BsonDocument replacement) : UpdateSpec
{
    public override bool IsReplacement => true;

    public override BsonDocument Apply(BsonDocument document, UpdateContext context)
    {
        var result = new BsonDocument(replacement.ElementCount + 1);
        if (document.TryGetValue("_id", out var id))
        {
            if (replacement.TryGetValue("_id", out var newId) && !(BsonOrder.AreEqual(id, newId) && id.BsonType == newId.BsonType))
            {
                throw new MongoServerException(ErrorCodes.ImmutableField, $"After applying the update, the (immutable) field '_id' was found to have been altered to _id: {newId}");
            }

            result.Add("_id", id);
        }

        foreach (var element in replacement)
        {
            if (element.Name != "_id" || !result.Contains("_id"))
            {
                result.Set(element.Name, element.Value.DeepClone());
            }
        }

        return result;
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;
using OpenQuizz.Typed.Embedded.Update;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// An update given as a pipeline (<c>$set</c>, <c>$unset</c>, <c>$addFields</c>, <c>$project</c>, <c>$replaceRoot</c>,
/// <c>$replaceWith</c>) run over the one document; its <c>_id</c> may not change.
/// </summary>
internal sealed class PipelineUpdate(Pipeline pipeline) : UpdateSpec
{
    public override bool IsReplacement => false;

    public static PipelineUpdate Parse(BsonArray stages, BsonArray? arrayFilters)
    {
        if (arrayFilters is { Count: > 0 })
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "arrayFilters may not be specified for pipeline-style updates");
        }

        return new PipelineUpdate(Pipeline.Parse(stages, PipelineScope.Update));
    }

    public override BsonDocument Apply(BsonDocument document, UpdateContext context)
    {
        // No server is needed: the stages allowed in an update neither read nor write collections.
        var runtime = new PipelineRuntime(null!, string.Empty, null);
        var result = pipeline.Run([document], runtime)[0];
        if (document.TryGetValue("_id", out var id))
        {
            if (!result.TryGetValue("_id", out var newId))
            {
                // $project or $replaceWith without _id keep the document's identity, as mongod does.
                var withId = new BsonDocument(result.ElementCount + 1) { { "_id", id } };
                foreach (var element in result)
                {
                    withId.Add(element.Name, element.Value);
                }

                return withId;
            }

            if (!(BsonOrder.AreEqual(id, newId) && id.BsonType == newId.BsonType))
            {
                throw new MongoServerException(ErrorCodes.ImmutableField, $"Performing an update on the path '_id' would modify the immutable field '_id'");
            }
        }

        return result;
    }
}

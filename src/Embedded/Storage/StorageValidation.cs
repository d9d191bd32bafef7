using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Protocol;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Storage;

/// <summary>
/// What mongod checks before it stores a document: its size, its nesting depth and its <c>_id</c>. Every path that
/// stores a document (insert, update and upsert results, replacements, findAndModify, pipeline updates, <c>$out</c>,
/// <c>$merge</c>) passes through here before anything changes, so a document that is accepted can always be
/// returned inside a reply and written to the journal, and a refused one leaves no trace.
/// </summary>
internal static class StorageValidation
{
    /// <summary>
    /// mongod's <c>BSONDepth::getMaxDepthForUserStorage()</c>: the 200 levels any BSON may have, less 20 kept for the
    /// envelopes that carry stored documents (<c>{cursor: {firstBatch: [doc]}}</c>, a journal record, a change event),
    /// so that every stored document fits in the replies that return it.
    /// </summary>
    public const int MaxUserDepth = BsonDefaults.MaxDepth - 20;

    /// <summary>Checks a document about to be stored and returns its encoded size.</summary>
    /// <exception cref="MongoServerException">Too large (10334, or 17419 after an update), too deep (Overflow 15), or a bad <c>_id</c>.</exception>
    public static int Validate(BsonDocument document, bool fromUpdate)
    {
        // Depth first: it bounds the recursion of the size computation and of the encoders that follow.
        CheckDepth(document, 1);
        var size = document.GetEncodedSize();
        if (size > WireLimits.MaxBsonObjectSize)
        {
            throw fromUpdate
                ? new MongoServerException(17419, $"Resulting document after update is larger than {WireLimits.MaxBsonObjectSize}")
                : new MongoServerException(ErrorCodes.BsonObjectTooLarge, $"object to insert too large. size in bytes: {size}, max size: {WireLimits.MaxBsonObjectSize}");
        }

        if (document.TryGetValue("_id", out var id))
        {
            ValidateId(id);
        }

        return size;
    }

    /// <summary>Rejects an <c>_id</c> that mongod would refuse to store.</summary>
    public static void ValidateId(BsonValue id)
    {
        if (id is BsonArray or BsonRegularExpression or BsonUndefined)
        {
            throw new MongoServerException(ErrorCodes.InvalidIdField, $"The '_id' value cannot be of type {BsonTypeNames.AliasOf(id.BsonType)}");
        }

        if (id is BsonDocument document)
        {
            CheckNoDollarNames(document);
        }
    }

    private static void CheckNoDollarNames(BsonDocument document)
    {
        foreach (var element in document)
        {
            if (element.Name.StartsWith('$'))
            {
                throw new MongoServerException(ErrorCodes.DollarPrefixedFieldName, $"_id fields may not contain '$'-prefixed fields: {element.Name} is not valid for storage.");
            }

            if (element.Value is BsonDocument inner)
            {
                CheckNoDollarNames(inner);
            }
        }
    }

    /// <summary>
    /// Counts levels as mongod does: the fields of the top-level document are at level 1 and an empty document or
    /// array adds no level. Stops at the first field past the limit, so the recursion never exceeds it by more than one.
    /// </summary>
    private static void CheckDepth(BsonValue container, int level)
    {
        if (level > MaxUserDepth)
        {
            throw new MongoServerException(ErrorCodes.Overflow, $"Document exceeds maximum nesting depth of {MaxUserDepth}");
        }

        switch (container)
        {
            case BsonDocument document:
                foreach (var element in document)
                {
                    if (element.Value is BsonDocument { ElementCount: > 0 } or BsonArray { Count: > 0 })
                    {
                        CheckDepth(element.Value, level + 1);
                    }
                }

                break;
            case BsonArray array:
                foreach (var item in array)
                {
                    if (item is BsonDocument { ElementCount: > 0 } or BsonArray { Count: > 0 })
                    {
                        CheckDepth(item, level + 1);
                    }
                }

                break;
        }
    }
}

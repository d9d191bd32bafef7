using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Update;

/// <summary>The document an upsert starts from: the equality fields of its query (top level and inside <c>$and</c>).</summary>
internal static class UpsertSeed
{
    public static BsonDocument FromQuery(BsonDocument? query)
    {
        var seed = new BsonDocument();
        if (query is not null)
        {
            AddEqualities(seed, query);
        }

        return seed;
    }

    private static void AddEqualities(BsonDocument seed, BsonDocument query)
    {
        foreach (var element in query)
        {
            if (element.Name == "$and" && element.Value is BsonArray clauses)
            {
                foreach (var clause in clauses)
                {
                    if (clause is BsonDocument document)
                    {
                        AddEqualities(seed, document);
                    }
                }

                continue;
            }

            if (element.Name.StartsWith('$'))
            {
                continue;
            }

            BsonValue? value = element.Value switch
            {
                BsonRegularExpression => null,
                BsonDocument d when d.ElementCount > 0 && d.GetElement(0).Name.StartsWith('$') =>
                    d.ElementCount == 1 && d.GetElement(0).Name == "$eq" && d[0] is not BsonRegularExpression ? d[0] : null,
                var v => v,
            };
            if (value is null)
            {
                continue;
            }

            var parts = element.Name.Split('.');
            if (Array.Exists(parts, p => p.Length == 0 || p.StartsWith('$')))
            {
                continue;
            }

            if (DocumentPaths.Get(seed, parts) is not null)
            {
                throw new MongoServerException(54, $"cannot infer query fields to set, path '{element.Name}' is matched twice");
            }

            var parent = DocumentPaths.GetParent(seed, parts, create: true)!;
            DocumentPaths.SetChild(parent, parts[^1], value.DeepClone(), element.Name);
        }
    }

    /// <summary>Puts <c>_id</c> first, generating an ObjectId when the document has none, as every stored document needs.</summary>
    public static BsonDocument EnsureIdFirst(BsonDocument document)
    {
        var index = document.IndexOf("_id");
        if (index == 0)
        {
            return document;
        }

        var result = new BsonDocument(document.ElementCount + 1);
        result.Add("_id", index > 0 ? document[index] : new BsonObjectId(ObjectId.GenerateNewId()));
        foreach (var element in document)
        {
            if (element.Name != "_id")
            {
                result.Add(element.Name, element.Value);
            }
        }

        return result;
    }
}

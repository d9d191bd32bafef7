namespace OpenQuizz.Typed.Bson;

/// <summary>Extended JSON v2 reading and writing. Placeholder until the reader and writer land.</summary>
internal static class ExtendedJson
{
    public static BsonDocument ParseDocument(string json) =>
        throw new NotSupportedException("Extended JSON parsing is not built yet.");

    public static string Serialize(BsonValue value, JsonOutputMode mode) => value.GetType().Name;
}

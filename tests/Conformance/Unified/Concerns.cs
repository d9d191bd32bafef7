using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>Read concern, write concern and read preference from their unified-format documents.</summary>
public static class Concerns
{
    public static ReadConcern ReadConcern(BsonDocument d) =>
        d.GetValue("level", null) is BsonString level ? new ReadConcern(new ReadConcernLevel(level.Value)) : Typed.ReadConcern.ServerDefault;

    public static WriteConcern WriteConcern(BsonDocument d)
    {
        WriteConcernW? w = d.GetValue("w", BsonNull.Value) switch
        {
            BsonString s => WriteConcernW.FromMode(s.Value),
            { IsNumeric: true } n => WriteConcernW.Members(n.ToInt32()),
            _ => (WriteConcernW?)null,
        };
        TimeSpan? wTimeout = d.GetValue("wtimeoutMS", null) is { IsNumeric: true } t ? TimeSpan.FromMilliseconds(t.ToInt64()) : null;
        bool? journal = d.GetValue("journal", null) is BsonBoolean j ? j.Value : null;
        return new WriteConcern(w, wTimeout, journal);
    }

    public static ReadPreference ReadPreference(BsonDocument d)
    {
        var mode = d["mode"].AsString.ToLowerInvariant() switch
        {
            "primary" => ReadPreferenceMode.Primary,
            "primarypreferred" => ReadPreferenceMode.PrimaryPreferred,
            "secondary" => ReadPreferenceMode.Secondary,
            "secondarypreferred" => ReadPreferenceMode.SecondaryPreferred,
            "nearest" => ReadPreferenceMode.Nearest,
            var other => throw new InvalidDataException($"Unknown read preference mode '{other}'."),
        };
        var tagSets = (d.GetValue("tagSets", null) as BsonArray)?
            .Select(set => new TagSet(set.AsBsonDocument.Select(e => new Tag(e.Name, e.Value.AsString))));
        TimeSpan? staleness = d.GetValue("maxStalenessSeconds", null) is { IsNumeric: true } s ? TimeSpan.FromSeconds(s.ToInt64()) : null;
        return new ReadPreference(mode, tagSets, staleness);
    }
}

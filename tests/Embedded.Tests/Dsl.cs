using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Embedded.Tests;

/// <summary>Compact DOM builders for table-driven cases (Extended JSON parsing is not relied on here).</summary>
public static class Dsl
{
    public static BsonDocument D(params (string Name, BsonValue Value)[] elements)
    {
        var document = new BsonDocument();
        foreach (var (name, value) in elements)
        {
            document.Add(name, value);
        }

        return document;
    }

    public static BsonArray A(params BsonValue[] values) => new(values);

    public static BsonValue Null => BsonNull.Value;

    public static BsonRegularExpression Re(string pattern, string options = "") => new(pattern, options);
}

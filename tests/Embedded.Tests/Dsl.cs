using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests;

/// <summary>Compact DOM builders for table-driven cases (Extended JSON parsing is not relied on here).</summary>
public static class Dsl
{
    internal static BsonDocument D(params (string Name, BsonValue Value)[] elements)
    {
        var document = new BsonDocument();
        foreach (var (name, value) in elements)
        {
            document.Add(name, value);
        }

        return document;
    }

    internal static BsonArray A(params BsonValue[] values) => new(values);

    internal static BsonValue Null => BsonNull.Value;

    internal static BsonRegularExpression Re(string pattern, string options = "") => new(pattern, options);
}

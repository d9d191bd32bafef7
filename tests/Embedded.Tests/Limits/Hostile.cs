using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Limits;

/// <summary>Builders of the documents the hostile-input tests send.</summary>
internal static class Hostile
{
    /// <summary><c>{a: {a: … {a: 1}}}</c> whose innermost field sits at <paramref name="levels"/> (mongod's depth: top-level fields are at 1).</summary>
    public static BsonDocument Deep(int levels, string field = "a")
    {
        var document = D((field, 1));
        for (var i = 1; i < levels; i++)
        {
            document = D((field, document));
        }

        return document;
    }

    /// <summary>A string of <paramref name="bytes"/> ASCII characters.</summary>
    public static BsonString Text(int bytes) => new(new string('x', bytes));
}

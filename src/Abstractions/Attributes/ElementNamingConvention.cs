using MongoDB.Bson;

namespace OpenQuizz.Typed;

/// <summary>How a member name becomes a BSON element name (an explicit <see cref="MongoDB.Bson.Serialization.Attributes.BsonElementAttribute"/> always wins).</summary>
public enum ElementNamingConvention
{
    /// <summary>Use the assembly's <see cref="MongoNamingConventionAttribute"/>, or <see cref="AsDeclared"/> without one.</summary>
    Default = 0,

    /// <summary>The member name as written in C# (<c>CreatedAt</c>).</summary>
    AsDeclared = 1,

    /// <summary>The member name with its leading upper-case run lowered (<c>CreatedAt</c> → <c>createdAt</c>, <c>URL</c> → <c>url</c>).</summary>
    CamelCase = 2,
}

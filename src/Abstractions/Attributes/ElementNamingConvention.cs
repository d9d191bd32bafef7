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

/// <summary>What decoding does with an element that maps to no member.</summary>
public enum UnknownElementHandling
{
    /// <summary>Skip it (the default; documents may carry fields that newer code added).</summary>
    Ignore = 0,

    /// <summary>Fail with a <see cref="MongoDB.Bson.BsonSerializationException"/> naming the type and the element.</summary>
    Reject = 1,
}

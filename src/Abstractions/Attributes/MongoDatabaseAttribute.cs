namespace OpenQuizz.Typed;

/// <summary>
/// Marks a <c>partial</c> class whose <c>partial IMongoCollection&lt;T&gt;</c> properties are implemented at build time:
/// the generator adds constructors taking an <see cref="IMongoClient"/> or an <see cref="IMongoDatabase"/>, a
/// <c>Database</c> property, and registers the class for dependency injection.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MongoDatabaseAttribute(string name) : Attribute
{
    /// <summary>The database name.</summary>
    public string Name { get; } = name;
}

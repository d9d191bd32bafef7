namespace OpenQuizz.Typed;

/// <summary>
/// The collection name of a <c>[MongoDatabase]</c> collection property, or of every collection of a document type.
/// Without it the name is the camelCase of the property name (<c>Quizzes</c> → <c>quizzes</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class MongoCollectionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

namespace OpenQuizz.Typed;

/// <summary>The element naming convention of every generated codec of the assembly that has no convention of its own.</summary>
/// <example><code>[assembly: MongoNamingConvention(ElementNamingConvention.CamelCase)]</code></example>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class MongoNamingConventionAttribute(ElementNamingConvention convention) : Attribute
{
    public ElementNamingConvention Convention { get; } = convention;
}

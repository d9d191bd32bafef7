using System.ComponentModel;

namespace OpenQuizz.Typed.Bson.Codecs;

/// <summary>
/// Names an assembly's generated registration class (a static class with a public static <c>Register()</c>). The
/// generator of an assembly that references this one reads it at build time and calls that method from its own
/// module initializer, so registrations do not wait for the referenced assembly to be loaded.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class MongoGeneratedRegistrationsAttribute(Type registrationsType) : Attribute
{
    public Type RegistrationsType { get; } = registrationsType;
}

namespace OpenQuizz.Typed.Generators.Model;

/// <summary>A generated MongoDB.Bson serializer for the module initializer: a closed document type and its serializer class.</summary>
internal sealed record SerializerRegistration(string TypeName, string SerializerTypeName);

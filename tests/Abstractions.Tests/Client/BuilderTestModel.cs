using MongoDB.Bson;

namespace OpenQuizz.Typed.Tests.Client;

/// <summary>A document type for the builders' type parameter; builders never touch its members.</summary>
public sealed record Quiz(string Title);

/// <summary>Another document type, to show builders of one type do not mix with another's.</summary>
public sealed record Course(string Name);

internal static class Json
{
    /// <summary>Normalizes an expected document through the parser, so tests compare canonical JSON.</summary>
    public static string Of(string json) => MongoDB.Bson.BsonDocument.Parse(json).ToJson();
}

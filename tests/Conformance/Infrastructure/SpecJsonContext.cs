using System.Text.Json.Serialization;
using OpenQuizz.Typed.Conformance.Auth;
using OpenQuizz.Typed.Conformance.ConnectionString;
using OpenQuizz.Typed.Conformance.ReadWriteConcern;

namespace OpenQuizz.Typed.Conformance.Infrastructure;

/// <summary>Source-generated JSON metadata for the typed spec cases (no reflection-based serialization).</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(UriTestCase))]
[JsonSerializable(typeof(AuthTestCase))]
[JsonSerializable(typeof(ConcernUriTestCase))]
[JsonSerializable(typeof(ConcernDocumentTestCase))]
internal sealed partial class SpecJsonContext : JsonSerializerContext;

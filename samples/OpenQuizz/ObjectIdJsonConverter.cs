using MongoDB.Bson;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz;

/// <summary>Writes an <see cref="ObjectId"/> as its 24 hexadecimal digits in JSON, and reads it back.</summary>
public sealed class ObjectIdJsonConverter : JsonConverter<ObjectId>
{
    public override ObjectId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ObjectId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("An ObjectId is a string of 24 hexadecimal digits.");

    public override void Write(Utf8JsonWriter writer, ObjectId value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenQuizz.Typed.Conformance.BsonCorpus;

/// <summary>
/// Rewrites Extended JSON text into one normal form, as <c>bson-corpus.md</c> asks of comparisons ("implementations
/// MUST normalize JSON comparisons"): whitespace dropped, strings re-escaped one way, and non-integer numbers (and the
/// strings of <c>$numberDouble</c>) rewritten as the shortest round-trip form of the double they denote, since
/// <c>1.2345678901234568e+18</c> and <c>1.2345678901234568E+18</c> are the same double. Integers stay as written, so an
/// Int32 <c>1</c> never equals a Double <c>1.0</c>. Key order is kept: the runner expects BSON order.
/// </summary>
internal static class ExtendedJsonNormalizer
{
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 1024 };

    private static readonly JsonWriterOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 1024,
    };

    public static string Normalize(string json)
    {
        using var document = JsonDocument.Parse(json, ReadOptions);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, WriteOptions))
        {
            Write(writer, document.RootElement);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var single = element.EnumerateObject().Count() == 1;
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (single && property.Name == "$numberDouble" && property.Value.ValueKind == JsonValueKind.String
                        && TryNormalizeDouble(property.Value.GetString()!, out var normalized))
                    {
                        writer.WriteStringValue(normalized);
                    }
                    else
                    {
                        Write(writer, property.Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                writer.WriteRawValue(raw.AsSpan().IndexOfAny(".eE") >= 0 && TryNormalizeDouble(raw, out var number) ? number : raw);
                break;
            default:
                writer.WriteRawValue(element.GetRawText());
                break;
        }
    }

    private static bool TryNormalizeDouble(string text, out string normalized)
    {
        normalized = text;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return false;
        }

        normalized = value.ToString("R", CultureInfo.InvariantCulture);
        if (normalized.AsSpan().IndexOfAny('.', 'E') < 0)
        {
            normalized += ".0";
        }

        return true;
    }
}

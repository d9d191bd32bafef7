using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Operations;

/// <summary>Writes the optional fields operations share, each only when it is set.</summary>
internal static class CommandFields
{
    public static void Value(ref BsonSpanWriter writer, ReadOnlySpan<byte> name, BsonValue? value)
    {
        if (value is not null)
        {
            writer.WriteName(name);
            BsonValueCodec.Instance.Encode(ref writer, value);
        }
    }

    public static void Document(ref BsonSpanWriter writer, ReadOnlySpan<byte> name, BsonDocument? value, bool skipEmpty = false)
    {
        if (value is not null && !(skipEmpty && value.ElementCount == 0))
        {
            writer.WriteName(name);
            value.WriteTo(ref writer);
        }
    }

    public static void Boolean(ref BsonSpanWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteName(name);
            writer.WriteBoolean(v);
        }
    }

    public static void String(ref BsonSpanWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteName(name);
            writer.WriteString(value);
        }
    }

    public static void Double(ref BsonSpanWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteName(name);
            writer.WriteDouble(v);
        }
    }

    public static void Int64(ref BsonSpanWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteName(name);
            writer.WriteInt64(v);
        }
    }

    public static void Int32(ref BsonSpanWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteName(name);
            writer.WriteInt32(v);
        }
    }

    /// <summary><c>maxTimeMS</c>, as whole milliseconds.</summary>
    public static void MaxTime(ref BsonSpanWriter writer, TimeSpan? maxTime, ReadOnlySpan<byte> name = default)
    {
        if (maxTime is { } time)
        {
            writer.WriteName(name.IsEmpty ? "maxTimeMS"u8 : name);
            writer.WriteInt64((long)Math.Ceiling(time.TotalMilliseconds));
        }
    }

    public static void Collation(ref BsonSpanWriter writer, Collation? collation)
    {
        if (collation is not null)
        {
            writer.WriteName("collation"u8);
            collation.ToBsonDocument().WriteTo(ref writer);
        }
    }

    public static void ArrayFilters(ref BsonSpanWriter writer, IReadOnlyList<BsonDocument>? arrayFilters)
    {
        if (arrayFilters is null)
        {
            return;
        }

        writer.WriteName("arrayFilters"u8);
        writer.WriteStartArray();
        for (var i = 0; i < arrayFilters.Count; i++)
        {
            arrayFilters[i].WriteTo(ref writer);
        }

        writer.WriteEndArray();
    }

    public static void Pipeline(ref BsonSpanWriter writer, BsonArray pipeline)
    {
        writer.WriteName("pipeline"u8);
        BsonValueCodec.Instance.Encode(ref writer, pipeline);
    }
}

/// <summary>A command body written by a delegate over the operation's own state; keeps each operation's writer in one method.</summary>
internal sealed class DelegateCommandBody<TState>(string commandName, TState state, DelegateCommandBody<TState>.Writer write) : WireProtocol.ICommandBody
{
    public delegate void Writer(ref BsonSpanWriter writer, TState state);

    public string CommandName => commandName;

    public void WriteElements(ref BsonSpanWriter writer) => write(ref writer, state);
}

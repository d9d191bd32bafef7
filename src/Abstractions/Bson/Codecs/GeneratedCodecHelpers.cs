using MongoDB.Bson;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace OpenQuizz.Typed.Bson.Codecs;

/// <summary>
/// Reading, writing and error helpers that generated codecs call; not meant for hand-written code. Readers accept
/// the exact BSON type first and the lossless numeric conversions other drivers may have produced (an integral
/// double into an <see cref="int"/>, an Int32 into a <see cref="long"/>…); anything else fails with a
/// <see cref="BsonSerializationException"/> that names the C# type, the element and the expected BSON type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class GeneratedCodecHelpers
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    /// <summary>Starts reading a document: the top-level one, or the current element's value, which must be a document.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ReadStartDocument(ref BsonSpanReader reader, string typeName)
    {
        if (reader.Depth > 0 && reader.CurrentType != BsonType.Document)
        {
            ThrowUnexpectedType(ref reader, typeName, BsonType.Document);
        }

        reader.ReadStartDocument();
    }

    /// <summary>Starts reading the current element's value, which must be an array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ReadStartArray(ref BsonSpanReader reader, string typeName)
    {
        if (reader.CurrentType != BsonType.Array)
        {
            ThrowUnexpectedType(ref reader, typeName, BsonType.Array);
        }

        reader.ReadStartArray();
    }

    /// <summary>
    /// Counts the elements left in the container just opened, without moving <paramref name="reader"/> (a copy walks
    /// ahead), so that collections are allocated at their final size.
    /// </summary>
    public static int CountElements(ref BsonSpanReader reader)
    {
        var probe = reader;
        var count = 0;
        while (probe.ReadBsonType() != BsonType.EndOfDocument)
        {
            probe.SkipName();
            probe.SkipValue();
            count++;
        }

        return count;
    }

    /// <summary>Consumes the current value and returns true when it is BSON null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadNull(ref BsonSpanReader reader)
    {
        if (reader.CurrentType != BsonType.Null)
        {
            return false;
        }

        reader.ReadNull();
        return true;
    }

    /// <summary>
    /// Finds the discriminator of the document that is the current value (or the next top-level document) without
    /// moving <paramref name="reader"/>: generated encoders write it first, so this usually looks at one element.
    /// </summary>
    public static bool TryPeekDiscriminator(ref BsonSpanReader reader, scoped ReadOnlySpan<byte> elementName, string typeName, out ReadOnlySpan<byte> discriminator)
    {
        // A copy walks ahead: the caller's reader stays where it was.
        var probe = reader;
        ReadStartDocument(ref probe, typeName);
        BsonType type;
        while ((type = probe.ReadBsonType()) != BsonType.EndOfDocument)
        {
            if (probe.ReadNameBytes().SequenceEqual(elementName))
            {
                if (type == BsonType.Array)
                {
                    // A hierarchical discriminator (["Animal", "Cat"], written for [BsonDiscriminator(RootClass = true)]
                    // hierarchies) names the actual type last, as MongoDB.Bson's HierarchicalDiscriminatorConvention reads it.
                    probe.ReadStartArray();
                    discriminator = default;
                    BsonType itemType;
                    while ((itemType = probe.ReadBsonType()) != BsonType.EndOfDocument)
                    {
                        probe.SkipName();
                        if (itemType != BsonType.String)
                        {
                            ThrowUnexpectedType(ref probe, typeName, BsonType.String);
                        }

                        discriminator = probe.ReadStringBytes();
                    }

                    return true;
                }

                if (type != BsonType.String)
                {
                    ThrowUnexpectedType(ref probe, typeName, BsonType.String);
                }

                discriminator = probe.ReadStringBytes();
                return true;
            }

            probe.SkipValue();
        }

        discriminator = default;
        return false;
    }

    // ---- Scalars -------------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ReadBoolean(ref BsonSpanReader reader, string typeName)
    {
        if (reader.CurrentType != BsonType.Boolean)
        {
            ThrowUnexpectedType(ref reader, typeName, BsonType.Boolean);
        }

        return reader.ReadBoolean();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadInt32(ref BsonSpanReader reader, string typeName) =>
        reader.CurrentType == BsonType.Int32 ? reader.ReadInt32() : ReadInt32Slow(ref reader, typeName);

    private static int ReadInt32Slow(ref BsonSpanReader reader, string typeName)
    {
        var value = ReadInt64Slow(ref reader, typeName, BsonType.Int32);
        if (value is < int.MinValue or > int.MaxValue)
        {
            ThrowOverflow(ref reader, typeName, value, "Int32");
        }

        return (int)value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ReadInt64(ref BsonSpanReader reader, string typeName) =>
        reader.CurrentType == BsonType.Int64 ? reader.ReadInt64() : ReadInt64Slow(ref reader, typeName, BsonType.Int64);

    private static long ReadInt64Slow(ref BsonSpanReader reader, string typeName, BsonType expected)
    {
        switch (reader.CurrentType)
        {
            case BsonType.String:
                // MongoDB.Bson's numeric serializers read a number written as a string; so do these.
                return ReadParsed<long>(ref reader, typeName);
            case BsonType.Int32:
                return reader.ReadInt32();
            case BsonType.Int64:
                return reader.ReadInt64();
            case BsonType.Double:
                var d = reader.ReadDouble();
                if (d != Math.Floor(d) || d < long.MinValue || d >= 9.2233720368547758E+18)
                {
                    ThrowOverflow(ref reader, typeName, d, expected.ToString());
                }

                return (long)d;
            case BsonType.Decimal128:
                var m = reader.ReadDecimal128();
                try
                {
                    var dec = (decimal)m;
                    if (dec != decimal.Truncate(dec))
                    {
                        ThrowOverflow(ref reader, typeName, m, expected.ToString());
                    }

                    return checked((long)dec);
                }
                catch (OverflowException)
                {
                    ThrowOverflow(ref reader, typeName, m, expected.ToString());
                    return 0;
                }

            default:
                ThrowUnexpectedType(ref reader, typeName, expected);
                return 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReadDouble(ref BsonSpanReader reader, string typeName) =>
        reader.CurrentType == BsonType.Double ? reader.ReadDouble() : ReadDoubleSlow(ref reader, typeName);

    private static double ReadDoubleSlow(ref BsonSpanReader reader, string typeName)
    {
        switch (reader.CurrentType)
        {
            case BsonType.Int32: return reader.ReadInt32();
            case BsonType.Int64: return reader.ReadInt64();
            case BsonType.Decimal128: return (double)reader.ReadDecimal128();
            case BsonType.String: return ReadParsed<double>(ref reader, typeName);
            default:
                ThrowUnexpectedType(ref reader, typeName, BsonType.Double);
                return 0;
        }
    }

    public static byte ReadByte(ref BsonSpanReader reader, string typeName) => (byte)ReadRange(ref reader, typeName, byte.MinValue, byte.MaxValue, "Byte");

    public static sbyte ReadSByte(ref BsonSpanReader reader, string typeName) => (sbyte)ReadRange(ref reader, typeName, sbyte.MinValue, sbyte.MaxValue, "SByte");

    public static short ReadInt16(ref BsonSpanReader reader, string typeName) => (short)ReadRange(ref reader, typeName, short.MinValue, short.MaxValue, "Int16");

    public static ushort ReadUInt16(ref BsonSpanReader reader, string typeName) => (ushort)ReadRange(ref reader, typeName, ushort.MinValue, ushort.MaxValue, "UInt16");

    public static char ReadChar(ref BsonSpanReader reader, string typeName) => (char)ReadRange(ref reader, typeName, char.MinValue, char.MaxValue, "Char");

    public static uint ReadUInt32(ref BsonSpanReader reader, string typeName)
    {
        var value = ReadInt64(ref reader, typeName);
        if (value is < 0 or > uint.MaxValue)
        {
            ThrowOverflow(ref reader, typeName, value, "UInt32");
        }

        return (uint)value;
    }

    /// <summary>Reads a <see cref="ulong"/> stored as Int64 (values above <see cref="long.MaxValue"/> cannot be written, so none are expected).</summary>
    public static ulong ReadUInt64(ref BsonSpanReader reader, string typeName)
    {
        var value = ReadInt64(ref reader, typeName);
        if (value < 0)
        {
            ThrowOverflow(ref reader, typeName, value, "UInt64");
        }

        return (ulong)value;
    }

    /// <summary>Writes a <see cref="ulong"/> as Int64.</summary>
    /// <exception cref="BsonSerializationException">The value is above <see cref="long.MaxValue"/>.</exception>
    public static void WriteUInt64(ref BsonSpanWriter writer, ulong value, string typeName)
    {
        if (value > long.MaxValue)
        {
            throw new BsonSerializationException($"Cannot encode {typeName}: the UInt64 value {value} does not fit in a BSON Int64.");
        }

        writer.WriteInt64((long)value);
    }

    private static int ReadRange(ref BsonSpanReader reader, string typeName, int min, int max, string target)
    {
        var value = ReadInt32(ref reader, typeName);
        if (value < min || value > max)
        {
            ThrowOverflow(ref reader, typeName, value, target);
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string ReadString(ref BsonSpanReader reader, string typeName)
    {
        if (reader.CurrentType != BsonType.String)
        {
            ThrowUnexpectedType(ref reader, typeName, BsonType.String);
        }

        return reader.ReadString();
    }

    /// <summary>Reads a string value as UTF-8 bytes (for matching against known names, such as enum members).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> ReadStringBytes(ref BsonSpanReader reader, string typeName)
    {
        if (reader.CurrentType != BsonType.String)
        {
            ThrowUnexpectedType(ref reader, typeName, BsonType.String);
        }

        return reader.ReadStringBytes();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ObjectId ReadObjectId(ref BsonSpanReader reader, string typeName)
    {
        if (reader.CurrentType != BsonType.ObjectId)
        {
            ThrowUnexpectedType(ref reader, typeName, BsonType.ObjectId);
        }

        return reader.ReadObjectId();
    }

    /// <summary>Reads an ObjectId into its 24-character hex string (<c>[BsonRepresentation(BsonType.ObjectId)]</c> on a string).</summary>
    public static string ReadObjectIdAsString(ref BsonSpanReader reader, string typeName) => ReadObjectId(ref reader, typeName).ToString();

    /// <summary>Writes a 24-character hex string as an ObjectId.</summary>
    public static void WriteStringAsObjectId(ref BsonSpanWriter writer, string value, string typeName)
    {
        if (!ObjectId.TryParse(value, out var id))
        {
            throw new BsonSerializationException($"Cannot encode {typeName}: '{value}' is not a 24-digit hex ObjectId, which its [BsonRepresentation(BsonType.ObjectId)] member requires.");
        }

        writer.WriteObjectId(id);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Decimal128 ReadDecimal128(ref BsonSpanReader reader, string typeName) =>
        reader.CurrentType == BsonType.Decimal128 ? reader.ReadDecimal128() : ReadDecimal128Slow(ref reader, typeName);

    private static Decimal128 ReadDecimal128Slow(ref BsonSpanReader reader, string typeName)
    {
        switch (reader.CurrentType)
        {
            case BsonType.Int32: return new Decimal128(reader.ReadInt32());
            case BsonType.Int64: return new Decimal128(reader.ReadInt64());
            default:
                ThrowUnexpectedType(ref reader, typeName, BsonType.Decimal128);
                return default;
        }
    }

    /// <summary>Reads a <see cref="decimal"/> from a Decimal128 (or an integer, or a double when the member asks for that representation).</summary>
    public static decimal ReadDecimal(ref BsonSpanReader reader, string typeName)
    {
        if (reader.CurrentType == BsonType.String)
        {
            return ReadParsed<decimal>(ref reader, typeName);
        }

        if (reader.CurrentType == BsonType.Double)
        {
            var d = reader.ReadDouble();
            try
            {
                return (decimal)d;
            }
            catch (OverflowException)
            {
                ThrowOverflow(ref reader, typeName, d, "Decimal");
            }
        }

        var value = ReadDecimal128(ref reader, typeName);
        if (value == Decimal128.MaxValue || value == Decimal128.MinValue)
        {
            // MongoDB.Bson stores decimal.MaxValue/MinValue as Decimal128's extremes (see WriteDecimal).
            return value == Decimal128.MaxValue ? decimal.MaxValue : decimal.MinValue;
        }

        try
        {
            return (decimal)value;
        }
        catch (OverflowException)
        {
            ThrowOverflow(ref reader, typeName, value, "Decimal");
            return 0;
        }
    }

    /// <summary>
    /// Writes a <see cref="DateTime"/> as a BSON datetime exactly as MongoDB.Bson's class map does (BsonUtils): a UTC
    /// value as is, a local or unspecified one converted from local time, sub-millisecond ticks truncated toward the
    /// epoch, DateTime.MinValue/MaxValue as BSON's extremes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteDateTime(ref BsonSpanWriter writer, DateTime value) => writer.WriteDateTime(BsonUtils.ToMillisecondsSinceEpoch(value));

    /// <summary>Reads a BSON datetime as a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Utc"/>.</summary>
    public static DateTime ReadDateTime(ref BsonSpanReader reader, string typeName)
    {
        if (reader.CurrentType != BsonType.DateTime)
        {
            ThrowUnexpectedType(ref reader, typeName, BsonType.DateTime);
        }

        var ms = reader.ReadDateTime();
        const long minMs = -UnixEpochTicks / TimeSpan.TicksPerMillisecond;
        const long maxMs = (3155378975999999999 - UnixEpochTicks) / TimeSpan.TicksPerMillisecond;
        if (ms is < minMs or > maxMs)
        {
            ThrowOverflow(ref reader, typeName, ms, "DateTime");
        }

        // BsonUtils maps BSON's extremes back to DateTime.MinValue/MaxValue, as the class map reads them.
        return BsonUtils.ToDateTimeFromMillisecondsSinceEpoch(ms);
    }

    /// <summary>Writes a <see cref="DateTimeOffset"/> as the BSON datetime of its UTC instant (the offset is not kept).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // DateTimeOffsetSerializer floors to the millisecond here (ToUnixTimeMilliseconds) where its document form and
    // DateTimeSerializer truncate toward the epoch (BsonUtils); the differential tests hold both.
    public static void WriteDateTimeOffset(ref BsonSpanWriter writer, DateTimeOffset value) => writer.WriteDateTime(value.ToUnixTimeMilliseconds());

    /// <summary>Reads a BSON datetime as a <see cref="DateTimeOffset"/> with offset zero.</summary>
    public static DateTimeOffset ReadDateTimeOffset(ref BsonSpanReader reader, string typeName) => new(ReadDateTime(ref reader, typeName));

    /// <summary>Writes a <see cref="DateOnly"/> as the BSON datetime of its midnight UTC.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteDateOnly(ref BsonSpanWriter writer, DateOnly value) =>
        writer.WriteDateTime(((long)value.DayNumber * TimeSpan.TicksPerDay - UnixEpochTicks) / TimeSpan.TicksPerMillisecond);

    /// <summary>Reads a BSON datetime that must fall on midnight UTC as a <see cref="DateOnly"/>.</summary>
    public static DateOnly ReadDateOnly(ref BsonSpanReader reader, string typeName)
    {
        var value = ReadDateTime(ref reader, typeName);
        if (value.TimeOfDay != TimeSpan.Zero)
        {
            throw new BsonSerializationException($"Cannot decode {typeName}: element '{ElementName(ref reader)}' is {value:O}, which is not midnight UTC, so it is not a DateOnly.");
        }

        return DateOnly.FromDateTime(value);
    }

    /// <summary>Reads ticks stored as Int64 as a <see cref="TimeOnly"/>.</summary>
    public static TimeOnly ReadTimeOnly(ref BsonSpanReader reader, string typeName)
    {
        var ticks = ReadInt64(ref reader, typeName);
        if (ticks is < 0 or >= TimeSpan.TicksPerDay)
        {
            ThrowOverflow(ref reader, typeName, ticks, "TimeOnly");
        }

        return new TimeOnly(ticks);
    }

    /// <summary>Writes a <see cref="Guid"/> as 16 bytes of binary, laid out as <paramref name="options"/> say.</summary>
    public static void WriteGuid(ref BsonSpanWriter writer, Guid value, BsonCodecOptions options) =>
        WriteGuid(ref writer, value, options.GuidRepresentation);

    /// <summary>Reads a UUID binary as a <see cref="Guid"/>, laid out as <paramref name="options"/> say.</summary>
    public static Guid ReadGuid(ref BsonSpanReader reader, BsonCodecOptions options, string typeName) =>
        ReadGuid(ref reader, options.GuidRepresentation, typeName);

    /// <summary>Reads binary data (any subtype but UUIDs) into a new array.</summary>
    public static byte[] ReadBytes(ref BsonSpanReader reader, string typeName)
    {
        if (reader.CurrentType != BsonType.Binary)
        {
            ThrowUnexpectedType(ref reader, typeName, BsonType.Binary);
        }

        return reader.ReadBinary(out _).ToArray();
    }

    /// <summary>Writes a value through its invariant-culture text (a <c>[BsonRepresentation(BsonType.String)]</c> number, Guid, …) without allocating.</summary>
    public static unsafe void WriteFormatted<T>(ref BsonSpanWriter writer, T value)
        where T : ISpanFormattable
    {
        var buffer = stackalloc char[128];
        var chars = new Span<char>(buffer, 128);
        if (!value.TryFormat(chars, out var written, default, CultureInfo.InvariantCulture))
        {
            writer.WriteString(value.ToString(null, CultureInfo.InvariantCulture));
            return;
        }

        writer.WriteString(chars[..written]);
    }

    /// <summary>Reads a string value and parses it with the invariant culture (the reverse of <see cref="WriteFormatted{T}"/>).</summary>
    public static T ReadParsed<T>(ref BsonSpanReader reader, string typeName)
        where T : ISpanParsable<T>
    {
        var utf8 = ReadStringBytes(ref reader, typeName);
        Span<char> chars = stackalloc char[128];
        if (utf8.Length <= chars.Length && Encoding.UTF8.TryGetChars(utf8, chars, out var count) && T.TryParse(chars[..count], CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new BsonSerializationException($"Cannot decode {typeName}: element '{ElementName(ref reader)}' holds \"{Encoding.UTF8.GetString(utf8)}\", which is not a {typeof(T).Name}.");
    }

    /// <summary>Reads any BSON value into the document object model, checking that it is a <typeparamref name="TValue"/>.</summary>
    public static TValue ReadBsonValue<TValue>(ref BsonSpanReader reader, string typeName)
        where TValue : BsonValue
    {
        var type = reader.CurrentType;
        var value = type == BsonType.Document && typeof(TValue) == typeof(BsonDocument)
            ? BsonDom.ReadDocument(ref reader)
            : BsonDom.ReadValue(ref reader, type);
        if (value is not TValue typed)
        {
            throw new BsonSerializationException($"Cannot decode {typeName}: element '{ElementName(ref reader)}' is {type}, which is not a {typeof(TValue).Name}.");
        }

        return typed;
    }

    /// <summary>Writes a document-object-model value as the next value.</summary>
    public static void WriteBsonValue(ref BsonSpanWriter writer, BsonValue value) => BsonDom.WriteValue(ref writer, value);

    /// <summary>Adds the current element to the extra-elements document (creating it on first use).</summary>
    public static void ReadExtraElement(ref BsonSpanReader reader, scoped ReadOnlySpan<byte> name, ref BsonDocument? extra)
    {
        var key = BsonUtf8.Strict.GetString(name);
        (extra ??= new BsonDocument(allowDuplicateNames: true)).Add(key, BsonDom.ReadValue(ref reader, reader.CurrentType));
    }

    /// <summary>Writes the elements of an extra-elements document after the mapped ones.</summary>
    public static void WriteExtraElements(ref BsonSpanWriter writer, BsonDocument? extra)
    {
        if (extra is null)
        {
            return;
        }

        foreach (var element in extra)
        {
            writer.WriteName(element.Name);
            BsonDom.WriteValue(ref writer, element.Value);
        }
    }
}

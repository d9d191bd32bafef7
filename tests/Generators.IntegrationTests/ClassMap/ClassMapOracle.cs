using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using OpenQuizz.Typed.Generators.IntegrationTests.ClassMap.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.ClassMap;

/// <summary>
/// MongoDB.Bson's reflection-built class map, used as the reference the generated codecs are compared with. It never
/// routes back into generated code: every model type gets a <see cref="BsonClassMapSerializer{TClass}"/> registered
/// explicitly before anything looks one up (an explicit registration wins over any serialization provider, such as the
/// one that hands MongoDB.Bson our generated serializers), and <see cref="EnsureClassMaps"/> checks that it stuck.
/// </summary>
internal static class ClassMapOracle
{
    /// <summary>Every oracle model type; nested and derived types too, since the class map looks those up in the registry.</summary>
    public static readonly Type[] ModelTypes =
    [
        typeof(Flat), typeof(Address), typeof(Nested), typeof(Pet), typeof(Dog), typeof(Cat), typeof(Owner),
        typeof(Vehicle), typeof(Car), typeof(Truck), typeof(Pickup), typeof(Garage), typeof(Event), typeof(Shape),
        typeof(Circle), typeof(Square), typeof(Drawing), typeof(Person), typeof(Staff), typeof(Manager), typeof(Team), typeof(Open), typeof(Lenient), typeof(Sparse), typeof(Ordered),
        typeof(Point), typeof(Money), typeof(Wrapped), typeof(Tally), typeof(Frozen), typeof(Priced), typeof(Options), typeof(PlainGuid),
    ];

    private static readonly object Gate = new();
    private static bool s_registered;

    /// <summary>Registers a class map serializer for every model type once; throws if the registry answers with anything else.</summary>
    public static void EnsureClassMaps()
    {
        lock (Gate)
        {
            if (!s_registered)
            {
                foreach (var type in ModelTypes)
                {
                    var classMap = BsonClassMap.LookupClassMap(type);
                    var serializer = (IBsonSerializer)Activator.CreateInstance(typeof(BsonClassMapSerializer<>).MakeGenericType(type), classMap)!;
                    BsonSerializer.TryRegisterSerializer(type, serializer);
                }

                s_registered = true;
            }
        }

        foreach (var type in ModelTypes)
        {
            var found = BsonSerializer.LookupSerializer(type);
            if (!found.GetType().IsGenericType || found.GetType().GetGenericTypeDefinition() != typeof(BsonClassMapSerializer<>))
            {
                throw new InvalidOperationException($"The oracle needs MongoDB.Bson's class map for {type.Name}, but the registry returns {found.GetType()}.");
            }
        }
    }

    /// <summary>The bytes the class map writes for <paramref name="value"/> as a <typeparamref name="T"/>: what <c>value.ToBson()</c> writes without generated serializers.</summary>
    public static byte[] Serialize<T>(T value)
    {
        EnsureClassMaps();
        var serializer = new BsonClassMapSerializer<T>(BsonClassMap.LookupClassMap(typeof(T)));
        using var stream = new MemoryStream();
        using (var writer = new BsonBinaryWriter(stream))
        {
            var context = BsonSerializationContext.CreateRoot(writer);
            serializer.Serialize(context, new BsonSerializationArgs(typeof(T), serializeAsNominalType: false, serializeIdFirst: false), value);
        }

        return stream.ToArray();
    }

    /// <summary>What the class map reads from <paramref name="bytes"/> as a <typeparamref name="T"/>.</summary>
    public static T Deserialize<T>(byte[] bytes)
    {
        EnsureClassMaps();
        var serializer = new BsonClassMapSerializer<T>(BsonClassMap.LookupClassMap(typeof(T)));
        using var stream = new MemoryStream(bytes);
        using var reader = new BsonBinaryReader(stream);
        return serializer.Deserialize(BsonDeserializationContext.CreateRoot(reader));
    }

    /// <summary>Bytes as relaxed Extended JSON, for failure messages.</summary>
    public static string Show(byte[] bytes)
    {
        try
        {
            return BsonSerializer.Deserialize<BsonDocument>(bytes).ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.CanonicalExtendedJson });
        }
        catch (Exception e)
        {
            return Convert.ToHexString(bytes) + " (" + e.Message + ")";
        }
    }

    /// <summary>The first element whose bytes differ, for failure messages.</summary>
    public static string FirstDifference(byte[] expected, byte[] actual)
    {
        try
        {
            var a = BsonSerializer.Deserialize<BsonDocument>(expected);
            var b = BsonSerializer.Deserialize<BsonDocument>(actual);
            for (var i = 0; i < Math.Max(a.ElementCount, b.ElementCount); i++)
            {
                var x = i < a.ElementCount ? a.GetElement(i).ToString() + " (" + a[i].BsonType + ")" : "(none)";
                var y = i < b.ElementCount ? b.GetElement(i).ToString() + " (" + b[i].BsonType + ")" : "(none)";
                if (x != y || (i < a.ElementCount && i < b.ElementCount && !new BsonDocument("v", a[i]).ToBson().AsSpan().SequenceEqual(new BsonDocument("v", b[i]).ToBson())))
                {
                    return $"first difference at element {i}: expected {x}, got {y}";
                }
            }
        }
        catch (Exception e)
        {
            return e.Message;
        }

        return "no element differs";
    }
}

using System.Collections.Concurrent;
using MongoDB.Bson.Serialization;

namespace OpenQuizz.Typed.Bson.Serialization;

/// <summary>
/// The generated serializers of the loaded assemblies, and the <see cref="IBsonSerializationProvider"/> through
/// which MongoDB.Bson finds them. Generated module initializers register here; MongoDB.Bson asks the provider once
/// per type and caches the answer, so the dictionary is off the hot path.
/// </summary>
public static class GeneratedBsonSerializers
{
    private static readonly ConcurrentDictionary<Type, IBsonSerializer> s_serializers = new();
    private static int s_providerRegistered;

    /// <summary>
    /// Registers <paramref name="serializer"/> as the generated serializer of <typeparamref name="T"/> unless one
    /// is registered already, and makes sure MongoDB.Bson asks us. Returns whether it was registered.
    /// </summary>
    public static bool TryRegister<T>(GeneratedBsonSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        var added = Interlocked.CompareExchange(ref Cache<T>.Serializer, serializer, null) is null;
        if (added)
        {
            s_serializers[typeof(T)] = serializer;
        }

        if (Interlocked.Exchange(ref s_providerRegistered, 1) == 0)
        {
            BsonSerializer.RegisterSerializationProvider(GeneratedBsonSerializationProvider.Instance);
        }

        return added;
    }

    /// <summary>The generated serializer of <typeparamref name="T"/>, or null when none was generated.</summary>
    public static GeneratedBsonSerializer<T>? TryGet<T>() => Cache<T>.Serializer;

    /// <summary>
    /// The serializer generated code uses for a member of type <typeparamref name="T"/> that is itself a document:
    /// the generated one, which writes what the member's codec writes; else whatever MongoDB.Bson would use.
    /// </summary>
    public static IBsonSerializer<T> Get<T>() => (IBsonSerializer<T>?)Cache<T>.Serializer ?? BsonSerializer.LookupSerializer<T>();

    internal static IBsonSerializer? Find(Type type) => s_serializers.TryGetValue(type, out var serializer) ? serializer : null;

    private static class Cache<T>
    {
        public static GeneratedBsonSerializer<T>? Serializer;
    }
}

/// <summary>
/// Answers MongoDB.Bson's registry with the generated serializer of a type. A serializer registered explicitly
/// (<c>BsonSerializer.RegisterSerializer</c>) is found before any provider is asked, and a class map registered
/// explicitly (<c>BsonClassMap.RegisterClassMap</c>) is left to MongoDB.Bson's class map provider.
/// </summary>
public sealed class GeneratedBsonSerializationProvider : IBsonSerializationProvider
{
    /// <summary>The provider registered with MongoDB.Bson by the first generated registration.</summary>
    public static GeneratedBsonSerializationProvider Instance { get; } = new();

    private GeneratedBsonSerializationProvider()
    {
    }

    /// <inheritdoc />
    public IBsonSerializer? GetSerializer(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var serializer = GeneratedBsonSerializers.Find(type);
        return serializer is not null && !BsonClassMap.IsClassMapRegistered(type) ? serializer : null;
    }
}

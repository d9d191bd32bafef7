using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson;

/// <summary>
/// Where the codec of each type is found. Generated code registers its codecs from a module initializer, so lookups
/// are a static field read per type: no reflection, no dictionary on the hot path.
/// </summary>
public static class BsonCodecRegistry
{
    // An explicit static constructor runs before any member is used, so the built-in codecs are always seeded.
    static BsonCodecRegistry()
    {
        Cache<BsonDocument>.Codec = BsonDocumentCodec.Instance;
    }

    /// <summary>Registers <paramref name="codec"/> as the codec of <typeparamref name="T"/>, replacing any earlier one.</summary>
    public static void Register<T>(IBsonCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        Cache<T>.Codec = codec;
    }

    /// <summary>Registers <paramref name="codec"/> unless <typeparamref name="T"/> has a codec already; returns whether it was registered.</summary>
    public static bool TryRegister<T>(IBsonCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return Interlocked.CompareExchange(ref Cache<T>.Codec, codec, null) is null;
    }

    /// <summary>The codec of <typeparamref name="T"/>, or null.</summary>
    public static IBsonCodec<T>? TryGet<T>() => Cache<T>.Codec;

    /// <summary>The codec of <typeparamref name="T"/>.</summary>
    /// <exception cref="BsonSerializationException">No codec is registered.</exception>
    public static IBsonCodec<T> Get<T>() =>
        Cache<T>.Codec ?? throw new BsonSerializationException(
            $"No BSON codec is registered for {typeof(T).FullName}. Mark the type [MongoDocument] (the source generator then emits and registers one) or call BsonCodecRegistry.Register.");

    private static class Cache<T>
    {
        public static IBsonCodec<T>? Codec;
    }
}

using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization.Conventions;

namespace OpenQuizz.Typed.Bson.Serialization;

/// <summary>
/// The discriminator convention of a generated polymorphic codec: one element holding one string per concrete
/// type, exactly what the codec writes. Built from a table the generator emits, so no attribute is read at run time.
/// </summary>
public sealed class GeneratedDiscriminatorConvention : IScalarDiscriminatorConvention
{
    private readonly (Type Type, BsonValue Discriminator)[] _types;

    /// <summary>A convention with <paramref name="elementName"/> and the discriminator of each concrete type.</summary>
    public GeneratedDiscriminatorConvention(string elementName, params (Type Type, string Discriminator)[] types)
    {
        ArgumentException.ThrowIfNullOrEmpty(elementName);
        ArgumentNullException.ThrowIfNull(types);
        ElementName = elementName;
        _types = Array.ConvertAll(types, t => (t.Type, (BsonValue)new BsonString(t.Discriminator)));
    }

    /// <inheritdoc />
    public string ElementName { get; }

    /// <inheritdoc />
    public Type GetActualType(IBsonReader bsonReader, Type nominalType)
    {
        ArgumentNullException.ThrowIfNull(bsonReader);
        if (bsonReader.GetCurrentBsonType() != BsonType.Document)
        {
            return nominalType;
        }

        var bookmark = bsonReader.GetBookmark();
        try
        {
            bsonReader.ReadStartDocument();
            if (bsonReader.FindElement(ElementName) && bsonReader.GetCurrentBsonType() == BsonType.String)
            {
                var discriminator = bsonReader.ReadString();
                foreach (var (type, value) in _types)
                {
                    if (value.AsString == discriminator && nominalType.IsAssignableFrom(type))
                    {
                        return type;
                    }
                }
            }

            return nominalType;
        }
        finally
        {
            bsonReader.ReturnToBookmark(bookmark);
        }
    }

    /// <inheritdoc />
    public BsonValue? GetDiscriminator(Type nominalType, Type actualType)
    {
        foreach (var (type, value) in _types)
        {
            if (type == actualType)
            {
                return value;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public BsonValue[] GetDiscriminatorsForTypeAndSubTypes(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var values = new List<BsonValue>();
        foreach (var (candidate, value) in _types)
        {
            if (type.IsAssignableFrom(candidate))
            {
                values.Add(value);
            }
        }

        return [.. values];
    }
}

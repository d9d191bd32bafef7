using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

// Types annotated only with MongoDB.Bson's attributes (plus [MongoDocument]), as a MongoDB.Driver model would be:
// the differential tests encode each with the generated codec and with MongoDB.Bson's class map and compare bytes.
namespace OpenQuizz.Typed.Generators.IntegrationTests.ClassMap.Model;

public enum Mood
{
    Calm,
    Curious,
    Grumpy,
}

public enum Tiny : byte
{
    Zero,
    One,
    Two,
}

/// <summary>Every scalar the class map has a default for (Guid aside: see GuidOptions).</summary>
[MongoDocument]
public partial class Flat
{
    public ObjectId Id { get; set; }
    public string Text { get; set; } = "";
    public string? MaybeText { get; set; }
    public int Int32 { get; set; }
    public long Int64 { get; set; }
    public double Double { get; set; }
    public float Single { get; set; }
    public decimal Decimal { get; set; }
    public bool Boolean { get; set; }
    public char Char { get; set; }
    public byte Byte { get; set; }
    public sbyte SByte { get; set; }
    public short Int16 { get; set; }
    public ushort UInt16 { get; set; }
    public uint UInt32 { get; set; }
    public ulong UInt64 { get; set; }
    public int? MaybeInt32 { get; set; }
    public Mood Mood { get; set; }
    public Tiny Tiny { get; set; }
    [BsonRepresentation(BsonType.String)]
    public Mood MoodName { get; set; }
    public Mood? MaybeMood { get; set; }
    public DateTime When { get; set; }
    public DateTime? MaybeWhen { get; set; }
    public DateTime Unspecified { get; set; }
    public TimeSpan Duration { get; set; }
    public DateOnly Day { get; set; }
    public TimeOnly Time { get; set; }
    public DateTimeOffset Stamp { get; set; }
    public byte[] Bytes { get; set; } = [];
    public byte[]? MaybeBytes { get; set; }
    public Decimal128 Decimal128 { get; set; }
    public BsonDocument? Raw { get; set; }
}

[MongoDocument]
public partial class Address
{
    public string Street { get; set; } = "";
    public int? Number { get; set; }
}

/// <summary>Nested documents, arrays, lists, dictionaries (document representation, string keys).</summary>
[MongoDocument]
public partial class Nested
{
    [BsonId]
    public int Key { get; set; }
    public Address Home { get; set; } = new();
    public Address? Work { get; set; }
    public List<Address> Previous { get; set; } = [];
    public int[] Numbers { get; set; } = [];
    public List<string?> Labels { get; set; } = [];
    public IReadOnlyList<long> Totals { get; set; } = [];
    public List<int[]> Grid { get; set; } = [];
    public Dictionary<string, int> Scores { get; set; } = new();
    public Dictionary<string, Address> Places { get; set; } = new();
    public IDictionary<string, List<string>>? Groups { get; set; }
}

/// <summary>A plain hierarchy: scalar discriminator, written only where the nominal type is not the actual one.</summary>
[MongoDocument]
[BsonKnownTypes(typeof(Dog), typeof(Cat))]
public partial class Pet
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

[MongoDocument]
public partial class Dog : Pet
{
    public bool GoodBoy { get; set; }
}

[MongoDocument]
[BsonDiscriminator("kitty")]
public partial class Cat : Pet
{
    public int Lives { get; set; }
}

[MongoDocument]
public partial class Owner
{
    public string Name { get; set; } = "";
    public List<Pet> Pets { get; set; } = [];
    public Pet? Favourite { get; set; }
    public Dog? Dog { get; set; }
}

/// <summary>A RootClass hierarchy: array discriminators from the root, always written.</summary>
[MongoDocument]
[BsonDiscriminator(RootClass = true)]
[BsonKnownTypes(typeof(Car), typeof(Truck))]
public partial class Vehicle
{
    public int Wheels { get; set; }
}

[MongoDocument]
public partial class Car : Vehicle
{
    public int Seats { get; set; }
}

[MongoDocument]
[BsonKnownTypes(typeof(Pickup))]
public partial class Truck : Vehicle
{
    public double Load { get; set; }
}

[MongoDocument]
public partial class Pickup : Truck
{
    public bool Covered { get; set; }
}

[MongoDocument]
public partial class Garage
{
    public List<Vehicle> Vehicles { get; set; } = [];
    public Car? Car { get; set; }
    public Truck? Truck { get; set; }
}

/// <summary>Required discriminator without a hierarchy.</summary>
[MongoDocument]
[BsonDiscriminator("evt", Required = true)]
public partial class Event
{
    public ObjectId Id { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>An abstract base whose subclasses are listed; members typed as the base.</summary>
[MongoDocument]
[BsonKnownTypes(typeof(Circle), typeof(Square))]
public abstract partial class Shape
{
    public string? Label { get; set; }
}

[MongoDocument]
[BsonDiscriminator("circle")]
public partial class Circle : Shape
{
    public double Radius { get; set; }
}

[MongoDocument]
public partial class Square : Shape
{
    public double Side { get; set; }
}

[MongoDocument]
public partial class Drawing
{
    public List<Shape> Shapes { get; set; } = [];
    public Shape? Main { get; set; }
}

/// <summary>Known types listed on the root only, with an abstract middle type that lists none itself.</summary>
[MongoDocument]
[BsonKnownTypes(typeof(Staff), typeof(Manager))]
public partial class Person
{
    public string Name { get; set; } = "";
}

public abstract partial class Staff : Person
{
    public int Grade { get; set; }
}

public partial class Manager : Staff
{
    public int Reports { get; set; }
}

[MongoDocument]
public partial class Team
{
    public List<Person> People { get; set; } = [];
    public Staff? Lead { get; set; }
}

/// <summary>Extra elements kept in a BsonDocument, written in the member's place.</summary>
[MongoDocument]
public partial class Open
{
    public int A { get; set; }
    [BsonExtraElements]
    public BsonDocument? Extra { get; set; }
    public int B { get; set; }
}

/// <summary>Unknown elements skipped.</summary>
[MongoDocument]
[BsonIgnoreExtraElements]
public partial class Lenient
{
    public int A { get; set; }
}

/// <summary>Ignore-if-null, ignore-if-default, default values.</summary>
[MongoDocument]
public partial class Sparse
{
    [BsonIgnoreIfNull]
    public string? Note { get; set; }
    [BsonIgnoreIfNull]
    public int? Count { get; set; }
    [BsonIgnoreIfDefault]
    public int Hits { get; set; }
    [BsonIgnoreIfDefault]
    public string? Tag { get; set; }
    [BsonIgnoreIfDefault]
    public DateTime Seen { get; set; }
    [BsonDefaultValue(5)]
    public int Five { get; set; } = 5;
    [BsonDefaultValue(7)]
    [BsonIgnoreIfDefault]
    public int Seven { get; set; } = 7;
    [BsonDefaultValue("none")]
    [BsonIgnoreIfDefault]
    public string Status { get; set; } = "none";
    [BsonRequired]
    public int Version { get; set; }
}

public partial class OrderedBase
{
    public int BaseLast { get; set; }
    [BsonElement(Order = 1)]
    public int BaseFirst { get; set; }
}

/// <summary>[BsonElement(Order)], an id declared late, and inherited members first.</summary>
[MongoDocument]
public partial class Ordered : OrderedBase
{
    public int B { get; set; }
    [BsonElement(Order = 2)]
    public int A { get; set; }
    [BsonElement("zz", Order = 1)]
    public int Z { get; set; }
    [BsonId]
    public int Key { get; set; }
}

/// <summary>A positional record: the class map maps its constructor.</summary>
[MongoDocument]
public partial record Point(int X, int Y, string? Label);

/// <summary>[BsonConstructor] on a get-only class, and one binding a parameter to another member name.</summary>
[MongoDocument]
public partial class Money
{
    [BsonConstructor]
    public Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = currency;
    }

    public Money()
        : this(0, "EUR")
    {
    }

    [BsonElement]
    public decimal Amount { get; }

    [BsonElement]
    public string Currency { get; }
}

[MongoDocument]
public partial class Wrapped
{
    [BsonConstructor("Value")]
    public Wrapped(string text) => Value = text;

    [BsonElement("v")]
    public string Value { get; }
}

/// <summary>Not immutable (a public parameterless constructor): the class map leaves the get-only Total out, constructor or not.</summary>
[MongoDocument]
public partial class Tally
{
    public Tally()
    {
    }

    public Tally(int total) => Total = total;

    public int Total { get; }

    public string Name { get; set; } = "";
}

/// <summary>Immutable (no parameterless constructor, no setters): the class map maps the get-only properties through the constructor.</summary>
[MongoDocument]
public partial class Frozen
{
    public Frozen(int total, string name)
    {
        Total = total;
        Name = name;
    }

    public int Total { get; }

    public string Name { get; }
}

[MongoDocument]
public partial class Priced
{
    public Point Origin { get; set; } = new(0, 0, null);
    public Money Price { get; set; } = new();
    public Wrapped? Name { get; set; }
    public Tally Tally { get; set; } = new();
    public Frozen? Frozen { get; set; }
}

/// <summary>Guid, DateTime and representation options.</summary>
[MongoDocument]
public partial class Options
{
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid Standard { get; set; }
    [BsonGuidRepresentation(GuidRepresentation.CSharpLegacy)]
    public Guid Legacy { get; set; }
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid? MaybeGuid { get; set; }
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public List<Guid> Guids { get; set; } = [];
    [BsonRepresentation(BsonType.String)]
    public Guid GuidText { get; set; }
    [BsonDateTimeOptions(Kind = DateTimeKind.Local)]
    public DateTime Local { get; set; }
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime Utc { get; set; }
    [BsonRepresentation(BsonType.Double)]
    public decimal Price { get; set; }
    [BsonRepresentation(BsonType.String)]
    public int Code { get; set; }
    [BsonRepresentation(BsonType.Int64)]
    public int Wide { get; set; }
    [BsonRepresentation(BsonType.ObjectId)]
    public string OwnerId { get; set; } = ObjectId.Empty.ToString();
    [BsonRepresentation(BsonType.Int64)]
    public TimeSpan Ticks { get; set; }
    [BsonRepresentation(BsonType.DateTime)]
    public DateTimeOffset Instant { get; set; }
    [BsonRepresentation(BsonType.String)]
    public Tiny TinyName { get; set; }
}

/// <summary>A Guid without a representation: the class map refuses it (GuidRepresentation.Unspecified).</summary>
[MongoDocument]
public partial class PlainGuid
{
    public Guid Value { get; set; }
}

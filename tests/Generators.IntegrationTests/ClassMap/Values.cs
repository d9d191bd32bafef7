using FsCheck;
using FsCheck.Fluent;
using MongoDB.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.ClassMap.Model;
using static OpenQuizz.Typed.Generators.IntegrationTests.ClassMap.Generators;

namespace OpenQuizz.Typed.Generators.IntegrationTests.ClassMap;

/// <summary>Random instances of each oracle model type.</summary>
internal static class Values
{
    public static Gen<Flat> Flats() =>
        from id in ObjectIds()
        from text in Text()
        from maybeText in Maybe(Text())
        from numbers in Zip3(Any<int>(), Any<long>(), Any<double>())
        from single in Singles()
        from dec in Decimals()
        from small in Zip3(Any<bool>(), Any<char>(), Any<byte>())
        from smaller in Zip3(Any<sbyte>(), Any<short>(), Any<ushort>())
        from unsigned in Gen.Zip(Gen.Choose(0, int.MaxValue), Any<long>())
        from maybeInt in MaybeValue(Any<int>())
        from moods in Zip3(Gen.Elements(Enum.GetValues<Mood>()), Gen.Elements(Enum.GetValues<Tiny>()), Gen.Elements(Enum.GetValues<Mood>()))
        from maybeMood in MaybeValue(Gen.Elements(Enum.GetValues<Mood>()))
        from when in Instants()
        from maybeWhen in MaybeValue(Instants())
        from unspecified in Instants().Select(i => DateTime.SpecifyKind(i, DateTimeKind.Unspecified))
        from duration in Any<long>()
        from day in Gen.Choose(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber)
        from time in Any<long>()
        from stamp in Stamps()
        from bytes in Gen.ArrayOf(Any<byte>())
        from maybeBytes in Maybe(Gen.ArrayOf(Any<byte>()))
        from d128 in Decimals()
        from raw in Maybe(Documents(Key()))
        select new Flat
        {
            Id = id, Text = text, MaybeText = maybeText, Int32 = numbers.Item1, Int64 = numbers.Item2, Double = numbers.Item3,
            Single = single, Decimal = dec, Boolean = small.Item1, Char = small.Item2, Byte = small.Item3,
            SByte = smaller.Item1, Int16 = smaller.Item2, UInt16 = smaller.Item3,
            UInt32 = (uint)unsigned.Item1, UInt64 = (ulong)(unsigned.Item2 & long.MaxValue), MaybeInt32 = maybeInt,
            Mood = moods.Item1, Tiny = moods.Item2, MoodName = moods.Item3, MaybeMood = maybeMood,
            When = when, MaybeWhen = maybeWhen, Unspecified = unspecified, Duration = TimeSpan.FromTicks(duration), Day = DateOnly.FromDayNumber(day),
            Time = new TimeOnly(Math.Abs(time % TimeSpan.TicksPerDay)), Stamp = stamp, Bytes = bytes, MaybeBytes = maybeBytes,
            Decimal128 = new Decimal128(d128), Raw = raw,
        };

    public static Gen<Address> Addresses() =>
        from street in Text()
        from number in MaybeValue(Any<int>())
        select new Address { Street = street, Number = number };

    private static Gen<Dictionary<string, T>> Dictionaries<T>(Gen<T> values) =>
        Gen.ListOf(Gen.Zip(Key(), values)).Select(pairs => pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

    public static Gen<Nested> Nesteds() =>
        from key in Any<int>()
        from home in Addresses()
        from work in Maybe(Addresses())
        from previous in Gen.ListOf(Addresses())
        from numbers in Gen.ArrayOf(Any<int>())
        from labels in Gen.ListOf(Maybe(Text()))
        from totals in Gen.ArrayOf(Any<long>())
        from grid in Gen.ListOf(Gen.ArrayOf(Any<int>()))
        from scores in Dictionaries(Any<int>())
        from places in Dictionaries(Addresses())
        from groups in Maybe(Dictionaries(Gen.ListOf(Text()).Select(l => l.ToList())))
        select new Nested
        {
            Key = key, Home = home, Work = work, Previous = [.. previous], Numbers = numbers, Labels = [.. labels], Totals = totals,
            Grid = [.. grid], Scores = scores, Places = places, Groups = groups,
        };

    public static Gen<Pet> Pets() =>
        from id in Any<int>()
        from name in Text()
        from flag in Any<bool>()
        from lives in Any<int>()
        from kind in Gen.Choose(0, 2)
        select kind switch
        {
            0 => new Pet { Id = id, Name = name },
            1 => new Dog { Id = id, Name = name, GoodBoy = flag },
            _ => (Pet)new Cat { Id = id, Name = name, Lives = lives },
        };

    public static Gen<Owner> Owners() =>
        from name in Text()
        from pets in Gen.ListOf(Pets())
        from favourite in Maybe(Pets())
        from dog in Maybe(Pets().Where(p => p is Dog).Select(p => (Dog)p))
        select new Owner { Name = name, Pets = [.. pets], Favourite = favourite, Dog = dog };

    public static Gen<Vehicle> Vehicles() =>
        from wheels in Any<int>()
        from seats in Any<int>()
        from load in Any<double>()
        from covered in Any<bool>()
        from kind in Gen.Choose(0, 3)
        select kind switch
        {
            0 => new Vehicle { Wheels = wheels },
            1 => new Car { Wheels = wheels, Seats = seats },
            2 => new Truck { Wheels = wheels, Load = load },
            _ => (Vehicle)new Pickup { Wheels = wheels, Load = load, Covered = covered },
        };

    public static Gen<Garage> Garages() =>
        from vehicles in Gen.ListOf(Vehicles())
        from car in Maybe(Vehicles().Where(v => v is Car).Select(v => (Car)v))
        from truck in Maybe(Vehicles().Where(v => v is Truck).Select(v => (Truck)v))
        select new Garage { Vehicles = [.. vehicles], Car = car, Truck = truck };

    public static Gen<Event> Events() =>
        from id in ObjectIds()
        from name in Text()
        select new Event { Id = id, Name = name };

    public static Gen<Shape> Shapes() =>
        from label in Maybe(Text())
        from size in Any<double>()
        from round in Any<bool>()
        select round ? (Shape)new Circle { Label = label, Radius = size } : new Square { Label = label, Side = size };

    public static Gen<Drawing> Drawings() =>
        from shapes in Gen.ListOf(Shapes())
        from main in Maybe(Shapes())
        select new Drawing { Shapes = [.. shapes], Main = main };

    public static Gen<Person> People() =>
        from name in Text()
        from grade in Any<int>()
        from reports in Any<int>()
        from manager in Any<bool>()
        select manager ? new Manager { Name = name, Grade = grade, Reports = reports } : new Person { Name = name };

    public static Gen<Team> Teams() =>
        from people in Gen.ListOf(People())
        from lead in Maybe(People().Where(p => p is Manager).Select(p => (Staff)p))
        select new Team { People = [.. people], Lead = lead };

    public static Gen<Open> Opens() =>
        from a in Any<int>()
        from b in Any<int>()
        from extra in Maybe(Documents(Key().Where(k => k is not ("A" or "B" or "_t" or "_id"))))
        select new Open { A = a, B = b, Extra = extra is { ElementCount: 0 } ? null : extra };

    public static Gen<Sparse> Sparses() =>
        from note in Maybe(Text())
        from count in MaybeValue(Any<int>())
        from hits in Gen.OneOf(Gen.Constant(0), Any<int>())
        from tag in Gen.OneOf(Gen.Constant<string?>(null), Maybe(Text()))
        from seen in Gen.OneOf(Gen.Constant(default(DateTime)), Instants())
        from five in Gen.OneOf(Gen.Constant(5), Any<int>())
        from seven in Gen.OneOf(Gen.Constant(7), Any<int>())
        from status in Gen.OneOf(Gen.Constant("none"), Text())
        from version in Any<int>()
        select new Sparse { Note = note, Count = count, Hits = hits, Tag = tag, Seen = seen, Five = five, Seven = seven, Status = status, Version = version };

    public static Gen<Ordered> Ordereds() =>
        from numbers in Gen.ArrayOf(Any<int>(), 6)
        select new Ordered { BaseLast = numbers[0], BaseFirst = numbers[1], B = numbers[2], A = numbers[3], Z = numbers[4], Key = numbers[5] };

    public static Gen<Priced> Priceds() =>
        from x in Any<int>()
        from y in Any<int>()
        from label in Maybe(Text())
        from amount in Decimals()
        from currency in Text()
        from name in Maybe(Text().Select(t => new Wrapped(t)))
        from total in Any<int>()
        from frozen in Maybe(Text().Select(t => new Frozen(total, t)))
        select new Priced
        {
            Origin = new Point(x, y, label), Price = new Money(amount, currency), Name = name,
            Tally = new Tally(total) { Name = currency }, Frozen = frozen,
        };

    public static Gen<Options> Optionses() =>
        from guids in Zip3(Guids(), Guids(), MaybeValue(Guids()))
        from list in Gen.ListOf(Guids())
        from text in Guids()
        from local in Instants()
        from utc in Instants()
        from price in Decimals().Where(ExactAsDouble)
        from code in Any<int>()
        from wide in Any<int>()
        from owner in ObjectIds()
        from ticks in Any<long>()
        from instant in Stamps()
        from tiny in Gen.Elements(Enum.GetValues<Tiny>())
        select new Options
        {
            Standard = guids.Item1, Legacy = guids.Item2, MaybeGuid = guids.Item3, Guids = [.. list], GuidText = text,
            Local = local.ToLocalTime(), Utc = utc, Price = price, Code = code, Wide = wide, OwnerId = owner.ToString(),
            Ticks = TimeSpan.FromTicks(ticks), Instant = instant, TinyName = tiny,
        };

    /// <summary>The class map refuses a decimal that a double cannot hold exactly (truncation); so do generated codecs' readers, not writers.</summary>
    private static bool ExactAsDouble(decimal d)
    {
        try
        {
            // Negative zero does not survive a double on either side's reader.
            return (decimal)(double)d == d && !(d == 0 && decimal.IsNegative(d));
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}

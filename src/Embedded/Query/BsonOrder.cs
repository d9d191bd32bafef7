using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>
/// BSON's cross-type order as mongod defines it: MinKey &lt; Undefined &lt; Null &lt; numbers &lt; Symbol/String &lt; Object
/// &lt; Array &lt; BinData &lt; ObjectId &lt; Boolean &lt; Date &lt; Timestamp &lt; Regex &lt; DBPointer &lt; Code &lt; CodeWScope &lt; MaxKey.
/// Numbers of every type compare by value.
/// </summary>
internal sealed class BsonOrder : IComparer<BsonValue>
{
    public static readonly BsonOrder Instance = new();

    /// <summary>The rank of a type in the order; types of equal rank compare by value (mongod's canonicalizeBSONType).</summary>
    public static int Rank(BsonType type) => type switch
    {
        BsonType.MinKey => -1,
        BsonType.Undefined => 0,
        BsonType.Null => 5,
        BsonType.Double or BsonType.Int32 or BsonType.Int64 or BsonType.Decimal128 => 10,
        BsonType.String or BsonType.Symbol => 15,
        BsonType.Document => 20,
        BsonType.Array => 25,
        BsonType.Binary => 30,
        BsonType.ObjectId => 35,
        BsonType.Boolean => 40,
        BsonType.DateTime => 45,
        BsonType.Timestamp => 47,
        BsonType.RegularExpression => 50,
        BsonType.DBPointer => 55,
        BsonType.JavaScript => 60,
        BsonType.JavaScriptWithScope => 65,
        BsonType.MaxKey => 127,
        _ => 0,
    };

    public int Compare(BsonValue? x, BsonValue? y) => CompareValues(x!, y!);

    public static bool AreEqual(BsonValue x, BsonValue y) => CompareValues(x, y) == 0;

    public static int CompareValues(BsonValue x, BsonValue y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        var rank = Rank(x.BsonType).CompareTo(Rank(y.BsonType));
        if (rank != 0)
        {
            return rank;
        }

        switch (x)
        {
            case BsonInt32 or BsonInt64 or BsonDouble or BsonDecimal128:
                return CompareNumbers(x, y);
            case BsonString or BsonSymbol:
                return string.CompareOrdinal(StringOf(x), StringOf(y)) switch { < 0 => -1, > 0 => 1, _ => 0 };
            case BsonDocument dx:
                return CompareDocuments(dx, (BsonDocument)y);
            case BsonArray ax:
                return CompareArrays(ax, (BsonArray)y);
            case BsonBinaryData bx:
                var by = (BsonBinaryData)y;
                var c = bx.Bytes.Length.CompareTo(by.Bytes.Length);
                if (c == 0)
                {
                    c = ((byte)bx.SubType).CompareTo((byte)by.SubType);
                }

                return c != 0 ? c : Sign(bx.Bytes.AsSpan().SequenceCompareTo(by.Bytes));
            case BsonObjectId ox:
                return ox.Value.CompareTo(((BsonObjectId)y).Value);
            case BsonBoolean bo:
                return bo.Value.CompareTo(((BsonBoolean)y).Value);
            case BsonDateTime dt:
                return dt.MillisecondsSinceEpoch.CompareTo(((BsonDateTime)y).MillisecondsSinceEpoch);
            case BsonTimestamp ts:
                return ts.Value.CompareTo(((BsonTimestamp)y).Value);
            case BsonRegularExpression rx:
                var ry = (BsonRegularExpression)y;
                var p = string.CompareOrdinal(rx.Pattern, ry.Pattern);
                return Sign(p != 0 ? p : string.CompareOrdinal(rx.Options, ry.Options));
            case BsonDBPointer px:
                var py = (BsonDBPointer)y;
                var n = string.CompareOrdinal(px.Namespace, py.Namespace);
                return n != 0 ? Sign(n) : px.Id.CompareTo(py.Id);
            case BsonJavaScript jx:
                return Sign(string.CompareOrdinal(jx.Code, ((BsonJavaScript)y).Code));
            case BsonJavaScriptWithScope wx:
                var wy = (BsonJavaScriptWithScope)y;
                var code = string.CompareOrdinal(wx.Code, wy.Code);
                return code != 0 ? Sign(code) : CompareDocuments(wx.Scope, wy.Scope);
            default:
                return 0; // MinKey, MaxKey, Null, Undefined: one value each.
        }
    }

    /// <summary>Compares two numbers of any BSON numeric type by value; NaN sorts below every other number.</summary>
    public static int CompareNumbers(BsonValue x, BsonValue y)
    {
        if (x is BsonInt32 or BsonInt64 && y is BsonInt32 or BsonInt64)
        {
            return x.ToInt64().CompareTo(y.ToInt64());
        }

        if (x is BsonDecimal128 || y is BsonDecimal128)
        {
            if (x is BsonDecimal128 mx && y is BsonDecimal128 my)
            {
                return CompareDecimal(mx.Value, my.Value);
            }

            // Compare through decimal when both fit exactly, else through double.
            if (TryToDecimal(x, out var dx) && TryToDecimal(y, out var dy))
            {
                return dx.CompareTo(dy);
            }
        }

        if (x is BsonInt64 lx && y is BsonDouble rd)
        {
            return -CompareDoubleToLong(rd.Value, lx.Value);
        }

        if (x is BsonDouble ld && y is BsonInt64 ry)
        {
            return CompareDoubleToLong(ld.Value, ry.Value);
        }

        return CompareDoubles(x.ToDouble(), y.ToDouble());
    }

    private static int CompareDecimal(Decimal128 x, Decimal128 y)
    {
        if (x.IsNaN || y.IsNaN)
        {
            return x.IsNaN && y.IsNaN ? 0 : x.IsNaN ? -1 : 1;
        }

        return x.CompareTo(y);
    }

    private static bool TryToDecimal(BsonValue value, out decimal result)
    {
        try
        {
            switch (value)
            {
                case BsonInt32 i: result = i.Value; return true;
                case BsonInt64 l: result = l.Value; return true;
                case BsonDouble d when double.IsFinite(d.Value) && Math.Abs(d.Value) < 7.9e28: result = (decimal)d.Value; return true;
                case BsonDecimal128 m when !m.Value.IsNaN && !m.Value.IsInfinity: result = (decimal)m.Value; return true;
            }
        }
        catch (OverflowException)
        {
        }

        result = 0;
        return false;
    }

    private static int CompareDoubles(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.IsNaN(x) && double.IsNaN(y) ? 0 : double.IsNaN(x) ? -1 : 1;
        }

        return x.CompareTo(y) switch { < 0 => -1, > 0 => 1, _ => 0 };
    }

    // A long is not exactly representable as a double beyond 2^53, so compare without converting the long.
    private static int CompareDoubleToLong(double d, long l)
    {
        if (double.IsNaN(d))
        {
            return -1;
        }

        if (d >= 9.2233720368547758e18)
        {
            return 1;
        }

        if (d < -9.2233720368547758e18)
        {
            return -1;
        }

        var truncated = (long)d;
        if (truncated != l)
        {
            return truncated < l ? -1 : 1;
        }

        var fraction = d - truncated;
        return fraction > 0 ? 1 : fraction < 0 ? -1 : 0;
    }

    private static int CompareDocuments(BsonDocument x, BsonDocument y)
    {
        // Values built by pipelines can nest without bound; fail the command instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var count = Math.Min(x.ElementCount, y.ElementCount);
        for (var i = 0; i < count; i++)
        {
            var ex = x.GetElement(i);
            var ey = y.GetElement(i);
            var c = Rank(ex.Value.BsonType).CompareTo(Rank(ey.Value.BsonType));
            if (c != 0)
            {
                return c;
            }

            c = Sign(string.CompareOrdinal(ex.Name, ey.Name));
            if (c != 0)
            {
                return c;
            }

            c = CompareValues(ex.Value, ey.Value);
            if (c != 0)
            {
                return c;
            }
        }

        return x.ElementCount.CompareTo(y.ElementCount);
    }

    private static int CompareArrays(BsonArray x, BsonArray y)
    {
        // Values built by pipelines can nest without bound; fail the command instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var count = Math.Min(x.Count, y.Count);
        for (var i = 0; i < count; i++)
        {
            var c = CompareValues(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    private static string StringOf(BsonValue value) => value is BsonString s ? s.Value : ((BsonSymbol)value).Name;

    private static int Sign(int value) => value < 0 ? -1 : value > 0 ? 1 : 0;
}

/// <summary>
/// Equality of values as the <c>_id</c> index sees it: by <see cref="BsonOrder"/>, so 1, 1L and 1.0 are one key.
/// The hash agrees with that equality (numbers hash by their double value).
/// </summary>
internal sealed class BsonKeyEquality : IEqualityComparer<BsonValue>
{
    public static readonly BsonKeyEquality Instance = new();

    public bool Equals(BsonValue? x, BsonValue? y) => x is null || y is null ? ReferenceEquals(x, y) : BsonOrder.CompareValues(x, y) == 0;

    public int GetHashCode(BsonValue value)
    {
        switch (value)
        {
            case BsonInt32 or BsonInt64 or BsonDouble or BsonDecimal128:
                var d = value.ToDouble();
                return d == 0 ? 0 : d.GetHashCode();
            case BsonString s:
                return s.Value.GetHashCode(StringComparison.Ordinal);
            case BsonSymbol sym:
                return sym.Name.GetHashCode(StringComparison.Ordinal);
            case BsonDocument doc:
                var hash = new HashCode();
                foreach (var element in doc)
                {
                    hash.Add(element.Name);
                    hash.Add(GetHashCode(element.Value));
                }

                return hash.ToHashCode();
            case BsonArray array:
                var arrayHash = new HashCode();
                foreach (var item in array)
                {
                    arrayHash.Add(GetHashCode(item));
                }

                return arrayHash.ToHashCode();
            default:
                return value.GetHashCode();
        }
    }
}

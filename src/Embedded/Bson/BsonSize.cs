using System.Text;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>The encoded size of DOM values, without encoding them (for size limits, batch splitting and statistics).</summary>
internal static class BsonSize
{
    public static int Of(BsonDocument document)
    {
        // Values built by pipelines can nest without bound; fail the command instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var size = 5;
        foreach (var element in document)
        {
            size += 1 + Encoding.UTF8.GetByteCount(element.Name) + 1 + ValueSize(element.Value);
        }

        return size;
    }

    /// <summary>The encoded size of any value (without the element's type byte and name).</summary>
    public static int OfValue(BsonValue value) => ValueSize(value);

    private static int Of(BsonArray array)
    {
        // Values built by pipelines can nest without bound; fail the command instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var size = 5;
        for (var i = 0; i < array.Count; i++)
        {
            size += 1 + DigitCount(i) + 1 + ValueSize(array[i]);
        }

        return size;
    }

    private static int ValueSize(BsonValue value) => value switch
    {
        BsonDocument d => Of(d),
        BsonArray a => Of(a),
        BsonString s => 4 + Encoding.UTF8.GetByteCount(s.Value) + 1,
        BsonInt32 => 4,
        BsonInt64 or BsonDouble or BsonDateTime or BsonTimestamp => 8,
        BsonDecimal128 => 16,
        BsonObjectId => 12,
        BsonBoolean => 1,
        BsonBinaryData b => 4 + 1 + b.Bytes.Length + (b.SubType == BsonBinarySubType.OldBinary ? 4 : 0),
        BsonRegularExpression r => Encoding.UTF8.GetByteCount(r.Pattern) + 1 + Encoding.UTF8.GetByteCount(r.Options) + 1,
        BsonJavaScript j => 4 + Encoding.UTF8.GetByteCount(j.Code) + 1,
        BsonSymbol sym => 4 + Encoding.UTF8.GetByteCount(sym.Name) + 1,
        BsonJavaScriptWithScope w => 4 + 4 + Encoding.UTF8.GetByteCount(w.Code) + 1 + Of(w.Scope),
        BsonDBPointer p => 4 + Encoding.UTF8.GetByteCount(p.Namespace) + 1 + 12,
        _ => 0, // null, undefined, MinKey, MaxKey
    };

    private static int DigitCount(int i) => i < 10 ? 1 : i < 100 ? 2 : i < 1000 ? 3 : i < 10000 ? 4 : i < 100000 ? 5 : i < 1000000 ? 6 : i < 10000000 ? 7 : i < 100000000 ? 8 : 9;
}

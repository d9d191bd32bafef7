using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Read;

/// <summary>
/// The <c>distinct</c> command: each value of <c>values</c> decoded as <typeparamref name="TField"/> from the reply
/// buffer, by <paramref name="decode"/> (a field descriptor's codec) when given, else by <see cref="ValueDecoder{T}"/>.
/// </summary>
internal sealed class DistinctOperation<TField>(CollectionNamespace ns, string field, BsonDocument filter, DistinctOptions? options, BsonValueReader<TField>? decode = null) : IOperation<IReadOnlyList<TField>>
{
    public string CommandName => "distinct";

    public string DatabaseName => ns.DatabaseName;

    public OperationTraits Traits => OperationTraits.Read | OperationTraits.RetryableRead | OperationTraits.SupportsReadConcern | OperationTraits.SupportsSession;

    public CommandRequest CreateCommand(OperationContext context) =>
        new(ns.DatabaseName, new DelegateCommandBody<DistinctOperation<TField>>("distinct", this, static (ref BsonSpanWriter w, DistinctOperation<TField> op) => op.Write(ref w)));

    public IReadOnlyList<TField> HandleReply(ReplyMessage reply, OperationContext context)
    {
        var values = new List<TField>();
        var reader = new BsonSpanReader(reply.Body);
        try
        {
            reader.ReadStartDocument();
            while (reader.ReadBsonType() is var type && type != BsonType.EndOfDocument)
            {
                if (!reader.ReadNameBytes().SequenceEqual("values"u8) || type != BsonType.Array)
                {
                    reader.SkipValue();
                    continue;
                }

                reader.ReadStartArray();
                while (reader.ReadBsonType() != BsonType.EndOfDocument)
                {
                    reader.SkipName();
                    values.Add(decode is null ? ValueDecoder<TField>.Decode(ref reader) : decode(ref reader));
                }

                reader.ReadEndArray();
            }
        }
        finally
        {
            reader.Dispose();
        }

        return values;
    }

    private void Write(ref BsonSpanWriter writer)
    {
        writer.WriteName("distinct"u8);
        writer.WriteString(ns.CollectionName);
        writer.WriteName("key"u8);
        writer.WriteString(field);
        writer.WriteName("query"u8);
        filter.WriteTo(ref writer);
        CommandFields.Collation(ref writer, options?.Collation);
        CommandFields.Value(ref writer, "hint"u8, options?.Hint);
        CommandFields.MaxTime(ref writer, options?.MaxTime);
        CommandFields.Value(ref writer, "comment"u8, options?.Comment);
    }
}

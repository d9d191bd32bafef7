using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Operations.Write;

/// <summary>One entry of an <c>updates</c> or <c>deletes</c> section.</summary>
internal interface IWriteStatement
{
    /// <summary>True for <c>multi: true</c> updates and <c>limit: 0</c> deletes, which are not retryable writes.</summary>
    bool IsMulti { get; }

    /// <summary>Writes the statement as a top-level document.</summary>
    void Write(ref BsonSpanWriter writer);
}

/// <summary>
/// An update statement: <c>{ q, u, upsert?, multi?, arrayFilters?, hint?, collation?, sort? }</c>. <c>u</c> is an operator
/// document, a pipeline, or a replacement already encoded (and checked) by <see cref="Replacement.Encode"/>.
/// </summary>
internal sealed class UpdateStatement : IWriteStatement
{
    private readonly BsonDocument _filter;
    private readonly BsonValue? _update;
    private readonly byte[]? _replacement;

    private UpdateStatement(BsonDocument filter, BsonValue? update, byte[]? replacement)
    {
        _filter = filter;
        _update = update;
        _replacement = replacement;
    }

    public bool IsMulti { get; private init; }

    public bool IsUpsert { get; private init; }

    public IReadOnlyList<BsonDocument>? ArrayFilters { get; private init; }

    public BsonValue? Hint { get; private init; }

    public Collation? Collation { get; private init; }

    /// <summary>The order that picks the document a single-document update or replacement changes (8.0+), or null.</summary>
    public BsonDocument? Sort { get; private init; }

    /// <summary>An update with operators or a pipeline (<c>UpdateOne</c>/<c>UpdateMany</c>).</summary>
    /// <exception cref="ArgumentException">The update is empty, or a document whose fields are not all operators.</exception>
    /// <exception cref="ArgumentException">A sort on a multi-document update.</exception>
    public static UpdateStatement ForUpdate<TDocument>(Filter<TDocument> filter, Update<TDocument> update, bool multi, bool upsert, IReadOnlyList<BsonDocument>? arrayFilters, BsonValue? hint, Collation? collation, BsonDocument? sort = null)
    {
        if (multi && sort is not null)
        {
            throw new ArgumentException("A sort picks the one document UpdateOne changes; UpdateMany changes every match and takes none.", nameof(sort));
        }

        return new(filter.RenderForWrite(), UpdateDocuments.Render(update), null)
        {
            IsMulti = multi, IsUpsert = upsert, ArrayFilters = arrayFilters, Hint = hint, Collation = collation, Sort = sort,
        };
    }

    /// <summary>A replacement (<c>ReplaceOne</c>).</summary>
    /// <exception cref="ArgumentException">The encoded replacement has a field starting with '$'.</exception>
    public static UpdateStatement ForReplacement<TDocument>(Filter<TDocument> filter, TDocument replacement, IBsonCodec<TDocument> codec, bool upsert, BsonValue? hint, Collation? collation, BsonDocument? sort = null) =>
        new(filter.RenderForWrite(), null, Replacement.Encode(replacement, codec)) { IsUpsert = upsert, Hint = hint, Collation = collation, Sort = sort };

    public void Write(ref BsonSpanWriter writer)
    {
        writer.WriteStartDocument();
        writer.WriteName("q"u8);
        _filter.WriteTo(ref writer);
        writer.WriteName("u"u8);
        if (_replacement is not null)
        {
            writer.WriteRawDocument(_replacement);
        }
        else
        {
            BsonValueCodec.Instance.Encode(ref writer, _update!);
        }

        if (IsUpsert)
        {
            writer.WriteName("upsert"u8);
            writer.WriteBoolean(true);
        }

        if (IsMulti)
        {
            writer.WriteName("multi"u8);
            writer.WriteBoolean(true);
        }

        CommandFields.ArrayFilters(ref writer, ArrayFilters);
        CommandFields.Value(ref writer, "hint"u8, Hint);
        CommandFields.Collation(ref writer, Collation);
        if (Sort is not null)
        {
            writer.WriteName("sort"u8);
            Sort.WriteTo(ref writer);
        }

        writer.WriteEndDocument();
    }
}

/// <summary>A delete statement: <c>{ q, limit: 0|1, hint?, collation? }</c>.</summary>
internal sealed class DeleteStatement(BsonDocument filter, bool multi, BsonValue? hint, Collation? collation) : IWriteStatement
{
    public bool IsMulti => multi;

    public void Write(ref BsonSpanWriter writer)
    {
        writer.WriteStartDocument();
        writer.WriteName("q"u8);
        filter.WriteTo(ref writer);
        writer.WriteName("limit"u8);
        writer.WriteInt32(multi ? 0 : 1);
        CommandFields.Value(ref writer, "hint"u8, hint);
        CommandFields.Collation(ref writer, collation);
        writer.WriteEndDocument();
    }

    public static DeleteStatement Create<TDocument>(Filter<TDocument> filter, bool multi, BsonValue? hint, Collation? collation) =>
        new(filter.RenderForWrite(), multi, hint, collation);
}

/// <summary>Checks and renders updates.</summary>
internal static class UpdateDocuments
{
    /// <exception cref="ArgumentException">The update is empty, or a document with a field that is not an operator.</exception>
    public static BsonValue Render<TDocument>(Update<TDocument> update)
    {
        if (update.IsEmpty)
        {
            throw new ArgumentException("An update needs at least one update operator (such as $set) or pipeline stage.", nameof(update));
        }

        var rendered = update.Render();
        if (rendered is BsonDocument document)
        {
            foreach (var element in document)
            {
                if (!element.Name.StartsWith('$'))
                {
                    throw new ArgumentException($"An update document holds only update operators such as $set, but it has the field \"{element.Name}\"; to replace a whole document, use ReplaceOne.", nameof(update));
                }
            }
        }

        return rendered;
    }
}

/// <summary>Encodes replacement documents and checks that they are not updates.</summary>
internal static class Replacement
{
    /// <exception cref="ArgumentException">A top-level field of the encoded replacement starts with '$'.</exception>
    public static byte[] Encode<TDocument>(TDocument replacement, IBsonCodec<TDocument> codec)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        using var buffer = new PooledByteBufferWriter();
        var writer = new BsonSpanWriter(buffer);
        codec.Encode(ref writer, replacement);
        var bytes = buffer.ToArray();
        var reader = new BsonSpanReader(bytes);
        reader.ReadStartDocument();
        while (reader.ReadBsonType() != BsonType.EndOfDocument)
        {
            var name = reader.ReadNameBytes();
            if (name.Length > 0 && name[0] == (byte)'$')
            {
                throw new ArgumentException($"A replacement document cannot contain update operators, but it has the field \"{System.Text.Encoding.UTF8.GetString(name)}\"; to apply operators, use UpdateOne.", nameof(replacement));
            }

            reader.SkipValue();
        }

        return bytes;
    }
}

using System.ComponentModel;
using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Queries;

/// <summary>
/// A query translated at build time, whose values are read from the query delegate's closure only when the filter is
/// used: written straight into the command (no filter document is built), or built as a <see cref="BsonDocument"/>
/// for <c>Render()</c>, composition and logging. Generated code derives from it; not for application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class QueryTemplate
{
    /// <summary>Writes the filter document for the values that <paramref name="query"/> captured.</summary>
    public abstract void Write(ref BsonSpanWriter writer, Delegate query);

    /// <summary>Builds the filter document for the values that <paramref name="query"/> captured.</summary>
    public abstract BsonDocument Build(Delegate query);
}

/// <summary>
/// A filter as the runtime sends it: a document, or a translated query with its delegate (written without building a
/// document). Not for application code; <see cref="Filter{TDocument}"/> is the API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FilterSource
{
    private readonly BsonDocument? _document;
    private readonly QueryTemplate? _template;
    private readonly Delegate? _query;

    public FilterSource(BsonDocument? document)
    {
        _document = document;
        _template = null;
        _query = null;
    }

    public FilterSource(QueryTemplate template, Delegate query)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(query);
        _document = null;
        _template = template;
        _query = query;
    }

    /// <summary>Writes the filter document as the next value of <paramref name="writer"/>.</summary>
    public void WriteTo(ref BsonSpanWriter writer)
    {
        if (_template is not null)
        {
            _template.Write(ref writer, _query!);
        }
        else
        {
            BsonDom.WriteDocument(ref writer, _document ?? new BsonDocument());
        }
    }

    /// <summary>The filter as a document (built for a translated query).</summary>
    public BsonDocument ToBsonDocument() => _template is not null ? _template.Build(_query!) : _document ?? new BsonDocument();

    public static implicit operator FilterSource(BsonDocument? document) => new(document);
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.WireProtocol;

/// <summary>
/// A kind-1 section of OP_MSG: an identifier (such as <c>documents</c> for insert) and the documents that
/// go with it, written one after another. Operations split batches; this type only writes what it is given.
/// </summary>
internal abstract class DocumentSequence
{
    protected DocumentSequence(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        Identifier = identifier;
    }

    /// <summary>The name of the command field the documents stand for.</summary>
    public string Identifier { get; }

    /// <summary>Writes every document, each as a top-level BSON document.</summary>
    public abstract void WriteDocuments(PooledByteBufferWriter output);
}

/// <summary>A document sequence over DOM documents.</summary>
internal sealed class BsonDocumentSequence(string identifier, IReadOnlyList<BsonDocument> documents) : DocumentSequence(identifier)
{
    public IReadOnlyList<BsonDocument> Documents { get; } = documents;

    public override void WriteDocuments(PooledByteBufferWriter output)
    {
        var writer = new BsonSpanWriter(output);
        for (var i = 0; i < Documents.Count; i++)
        {
            Documents[i].WriteTo(ref writer);
        }
    }
}

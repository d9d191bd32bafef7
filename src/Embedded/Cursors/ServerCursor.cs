using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Cursors;

/// <summary>
/// An open cursor: the remaining results of a query, produced lazily through a transform (the projection)
/// so that a large result read in small batches is not projected up front.
/// </summary>
internal sealed class ServerCursor(long id, string ns, IReadOnlyList<BsonDocument> documents, int start, Func<int, BsonDocument>? transform)
{
    private int _position = start;

    // A streaming cursor pulls its documents one by one (null when done) instead of holding a materialised result,
    // so it costs memory in proportion to its batch, not to its collection.
    private readonly Func<BsonDocument?>? _pull;
    private BsonDocument? _peeked;
    private bool _drained;

    /// <summary>A cursor over documents produced on demand by <paramref name="pull"/>, which returns null when there are no more.</summary>
    public ServerCursor(long id, string ns, Func<BsonDocument?> pull)
        : this(id, ns, [], 0, null)
    {
        _pull = pull;
    }

    public long Id { get; } = id;

    /// <summary>"db.collection" as reported in cursor replies.</summary>
    public string Namespace { get; } = ns;

    /// <summary>When it was last used, for the idle timeout.</summary>
    public DateTimeOffset LastUsed { get; set; }

    /// <summary>The users authenticated when it was opened; as in mongod, any connection with the same users may use it.</summary>
    public IReadOnlyList<(string Database, string Name)> Owners { get; set; } = [];

    /// <summary>The session it was opened in (closed with it; getMore must name the same one), or null.</summary>
    public Sessions.SessionKey? Session { get; init; }

    /// <summary>
    /// The privileges the command that opened it needed (every namespace its pipeline read); as in mongod, each getMore
    /// checks them again, so a revoked role stops the rest of a result already computed.
    /// </summary>
    public IReadOnlyList<Auth.PrivilegeCheck> Privileges { get; init; } = [];

    /// <summary>Whether a connection authenticated as <paramref name="users"/> may use or kill this cursor.</summary>
    public bool IsOwnedBy(IReadOnlyList<(string Database, string Name)> users) =>
        users.Count == Owners.Count && users.All(Owners.Contains);

    /// <summary>Set while a getMore runs, so the idle reaper leaves it alone.</summary>
    public bool InUse { get; set; }

    public bool IsExhausted => _pull is null ? _position >= documents.Count : Peek() is null;

    /// <summary>
    /// How many result documents the cursor holds in memory: what remains of a materialised result, or the one
    /// document a streaming cursor has read ahead. The measure of "a cursor costs its batch, not its collection".
    /// </summary>
    public int HeldDocuments => _pull is null ? Math.Max(0, documents.Count - _position) : _peeked is null ? 0 : 1;

    /// <summary>The index of the next document to return.</summary>
    public int Position => _position;

    /// <summary>
    /// Takes the next batch: at most <paramref name="batchSize"/> documents (0 = no count limit) and no more
    /// than the reply size limit, always at least one when any remain.
    /// </summary>
    public BsonArray NextBatch(int batchSize, int maxBytes)
    {
        var batch = new BsonArray();
        var bytes = 0;
        while (!IsExhausted && (batchSize <= 0 || batch.Count < batchSize))
        {
            var document = _pull is not null ? Peek()! : transform is null ? documents[_position] : transform(_position);
            // The array element around each document costs its type byte, its index as a name and a terminator:
            // counted too, so that a batch of many small documents stays within the reply limit.
            var size = document.GetEncodedSize() + 2 + IndexDigits(batch.Count);
            if (batch.Count > 0 && bytes + size > maxBytes)
            {
                break;
            }

            batch.Add(document);
            bytes += size;
            _position++;
            _peeked = null;
        }

        return batch;
    }

    /// <summary>Hands over the document a streaming cursor has read ahead (to the cursor registered to continue it).</summary>
    public BsonDocument? DetachPeeked()
    {
        var peeked = _peeked;
        _peeked = null;
        return peeked;
    }

    private BsonDocument? Peek()
    {
        if (_peeked is null && !_drained)
        {
            _peeked = _pull!();
            _drained = _peeked is null;
        }

        return _peeked;
    }

    private static int IndexDigits(int index) => index < 10 ? 1 : (int)Math.Floor(Math.Log10(index)) + 1;
}

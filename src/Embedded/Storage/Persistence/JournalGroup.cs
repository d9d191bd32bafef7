using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Storage.Persistence;

/// <summary>
/// Makes one retryable write and its retry record one journal group (see <see cref="Journal.AppendGroup"/>), which
/// replay applies whole or not at all: a crash leaves both or neither, never a write applied without the record
/// that stops its retry from applying it again. While a group is open on a thread (commands run synchronously on one thread), the
/// document mutations it makes are collected instead of appended, and the lock of each collection touched is kept
/// (entered once more) until <see cref="Complete"/> has appended the group: no other writer's record of those
/// documents can reach the journal first, so replay order stays the order in which the writes happened.
/// </summary>
internal sealed class JournalGroup
{
    [ThreadStatic]
    private static JournalGroup? t_current;

    private readonly List<CollectionStore> _held = [];
    private readonly BsonArray _ops = [];
    private Journal? _journal;

    private JournalGroup()
    {
    }

    /// <summary>The group open on this thread, or null.</summary>
    public static JournalGroup? Current => t_current;

    public static JournalGroup Begin()
    {
        if (t_current is not null)
        {
            throw new InvalidOperationException("a journal group is already open on this thread");
        }

        return t_current = new JournalGroup();
    }

    /// <summary>Collects a mutation of <paramref name="collection"/>, whose lock the caller holds.</summary>
    public void Add(CollectionStore collection, Journal journal, BsonDocument record)
    {
        if (!_held.Contains(collection))
        {
            collection.SyncRoot.Enter(); // re-entry: already held by the caller, kept until Complete
            _held.Add(collection);
        }

        _journal = journal;
        _ops.Add(record);
    }

    /// <summary>
    /// Appends the collected mutations with <paramref name="retryRecord"/> as one record and runs
    /// <paramref name="publish"/> (the in-memory retry history) before any lock is released, so a snapshot sees both
    /// or neither. Without mutations a lone retry record is appended under the catalog lock, which a snapshot also holds.
    /// </summary>
    public void Complete(StorageEngine storage, BsonDocument? retryRecord, Action? publish)
    {
        t_current = null;
        try
        {
            if (_ops.Count > 0)
            {
                _journal!.AppendGroup(_ops, retryRecord);
                publish?.Invoke();
            }
            else if (retryRecord is not null)
            {
                storage.RunUnderCatalog(() =>
                {
                    storage.Journal?.Append(new BsonDocument { { "op", "txn" }, { "txn", retryRecord } });
                    publish?.Invoke();
                });
            }
            else
            {
                publish?.Invoke();
            }
        }
        finally
        {
            for (var i = _held.Count - 1; i >= 0; i--)
            {
                _held[i].SyncRoot.Exit();
            }
        }
    }
}

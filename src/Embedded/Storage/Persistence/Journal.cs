using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Storage.Persistence;

/// <summary>
/// The append-only log of mutations of a persistent server. Each record is a small document naming its operation
/// (<c>op</c>) and namespace; see <see cref="JournalReplay"/> for how each is applied again. Appends land in the
/// file stream's buffer; <see cref="Commit"/> hands them to the OS after every write command (so a killed process
/// loses nothing acknowledged) and fsyncs them when the write concern asks for <c>j: true</c>.
/// </summary>
internal sealed class Journal : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _lock = new();
    private bool _buffered;
    private bool _unsynced;

    public Journal(string path, long generation)
    {
        Path = path;
        Generation = generation;
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
        Length = _stream.Length;
    }

    public string Path { get; }

    public long Generation { get; }

    /// <summary>Bytes in the journal file, including those not yet flushed.</summary>
    public long Length { get; private set; }

    public static BsonDocument InsertRecord(string ns, BsonDocument document) => new() { { "op", "i" }, { "ns", ns }, { "o", document } };

    public static BsonDocument ReplaceRecord(string ns, BsonDocument document) => new() { { "op", "u" }, { "ns", ns }, { "o", document } };

    public static BsonDocument DeleteRecord(string ns, BsonValue id) => new() { { "op", "d" }, { "ns", ns }, { "id", id } };

    public void Create(string ns, BsonDocument options, Guid uuid) => Append(CreateRecord(ns, options, uuid));

    /// <summary>The record that creates a collection, with its UUID so that it survives restarts (journal and snapshot).</summary>
    public static BsonDocument CreateRecord(string ns, BsonDocument options, Guid uuid) =>
        new() { { "op", "c" }, { "ns", ns }, { "o", options }, { "uuid", BsonBinaryData.FromGuid(uuid, UuidRepresentation.Standard) } };

    public void Drop(string ns) => Append(new BsonDocument { { "op", "drop" }, { "ns", ns } });

    public void Rename(string from, string to, bool dropTarget) =>
        Append(new BsonDocument { { "op", "ren" }, { "ns", from }, { "to", to }, { "dropTarget", dropTarget } });

    public void CreateIndex(string ns, BsonDocument spec) => Append(new BsonDocument { { "op", "ci" }, { "ns", ns }, { "o", spec } });

    public void DropIndex(string ns, string name) => Append(new BsonDocument { { "op", "di" }, { "ns", ns }, { "name", name } });

    public void DropDatabase(string database) => Append(new BsonDocument { { "op", "dd" }, { "ns", database } });

    /// <summary>
    /// Appends a group: <c>{op: "gb"}</c>, its records, then <c>{op: "ge", txn}</c>, contiguous (no other append
    /// comes between). Replay applies a group only once it reads its end, so a crash anywhere inside it loses all
    /// of it; frames are written one by one, so a group is not bounded by a record's size.
    /// </summary>
    public void AppendGroup(BsonArray records, BsonDocument? retryRecord)
    {
        lock (_lock)
        {
            var before = _stream.Position;
            JournalFile.Write(_stream, new BsonDocument("op", "gb"));
            foreach (var record in records)
            {
                JournalFile.Write(_stream, (BsonDocument)record);
            }

            var end = new BsonDocument("op", "ge");
            if (retryRecord is not null)
            {
                end.Add("txn", retryRecord);
            }

            JournalFile.Write(_stream, end);
            Length += _stream.Position - before;
            _buffered = true;
        }
    }

    public void Append(BsonDocument record)
    {
        lock (_lock)
        {
            var before = _stream.Position;
            JournalFile.Write(_stream, record);
            Length += _stream.Position - before;
            _buffered = true;
        }
    }

    /// <summary>Writes buffered records to the OS and, when <paramref name="durable"/>, to the disk.</summary>
    public void Commit(bool durable)
    {
        lock (_lock)
        {
            if (_buffered)
            {
                _stream.Flush(flushToDisk: false);
                _buffered = false;
                _unsynced = true;
            }

            if (durable && _unsynced)
            {
                _stream.Flush(flushToDisk: true);
                _unsynced = false;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
        }
    }
}

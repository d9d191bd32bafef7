using System.Globalization;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Storage.Persistence;

/// <summary>
/// The on-disk state of a persistent server: <c>snapshot.bson</c> (the whole data set as of generation G, written
/// to a temporary file and renamed into place) and <c>journal-G.bson</c> (every mutation since). Start-up loads the
/// snapshot, replays the journal up to its first damaged record (a write torn by a crash) and cuts the file there.
/// When the journal passes a size threshold it is compacted: a snapshot of generation G+1 and an empty journal G+1
/// replace both, and a crash at any step leaves one consistent pair. <c>mongod.lock</c> is held open exclusively so
/// two servers never share a directory.
/// </summary>
internal sealed class DataDirectory : IDisposable
{
    private const string SnapshotName = "snapshot.bson";
    private readonly StorageEngine _storage;
    private readonly Sessions.SessionRegistry? _sessions;
    private readonly long _compactionThreshold;
    private readonly Action<string> _log;
    private readonly FileStream _lockFile;
    private readonly Lock _swap = new();
    private Journal _journal;
    private long _nextCompaction;

    private DataDirectory(string path, StorageEngine storage, Sessions.SessionRegistry? sessions, long compactionThreshold, Action<string> log, FileStream lockFile, Journal journal)
    {
        Path = path;
        _storage = storage;
        _sessions = sessions;
        _compactionThreshold = compactionThreshold;
        _log = log;
        _lockFile = lockFile;
        _journal = journal;
        _nextCompaction = compactionThreshold;
    }

    public string Path { get; }

    public Journal Journal => _journal;

    /// <summary>
    /// Loads the directory into <paramref name="storage"/> (which must be empty) and the retry records of live sessions
    /// into <paramref name="sessions"/>, and attaches a journal to the storage.
    /// </summary>
    /// <exception cref="DataDirectoryInUseException">Another server holds the directory.</exception>
    public static DataDirectory Open(string path, StorageEngine storage, Sessions.SessionRegistry? sessions, long compactionThreshold, Action<string> log)
    {
        Directory.CreateDirectory(path);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(System.IO.Path.Combine(path, "mongod.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            // FileShare.None is an exclusive lock (flock on Unix): failing to take it means another server holds it.
            throw new DataDirectoryInUseException(path, ex);
        }

        try
        {
            long generation = 0;
            var snapshotPath = System.IO.Path.Combine(path, SnapshotName);
            if (File.Exists(snapshotPath))
            {
                using var snapshot = File.OpenRead(snapshotPath);
                var records = JournalFile.ReadAll(snapshot, out _, out var torn);
                if (torn || records.Count == 0 || !records[0].TryGetValue("snapshot", out var gen))
                {
                    throw new InvalidDataException($"the snapshot {snapshotPath} is damaged");
                }

                generation = gen.ToInt64();
                for (var i = 1; i < records.Count; i++)
                {
                    JournalReplay.Apply(storage, records[i], sessions);
                }

                log($"loaded snapshot generation {generation} ({records.Count - 1} records)");
            }

            var journalPath = JournalPath(path, generation);
            if (File.Exists(journalPath))
            {
                List<BsonDocument> records;
                long valid;
                bool torn;
                var offsets = new List<long>();
                using (var stream = File.OpenRead(journalPath))
                {
                    records = JournalFile.ReadAll(stream, out valid, out torn, offsets);
                }

                var applied = 0;
                List<BsonDocument>? group = null;
                var groupStart = 0L;
                for (var i = 0; i < records.Count; i++)
                {
                    var record = records[i];
                    var op = record.GetValue("op", null) is BsonString { Value: var name } ? name : null;
                    if (op == "gb")
                    {
                        (group, groupStart) = ([], offsets[i]);
                        continue;
                    }

                    if (group is not null && op != "ge")
                    {
                        group.Add(record); // held back until the group's end shows it was written whole
                        continue;
                    }

                    foreach (var member in (IEnumerable<BsonDocument>?)group ?? [])
                    {
                        applied += Replay(storage, member, sessions, log);
                    }

                    group = null;
                    applied += Replay(storage, record, sessions, log);
                }

                if (group is not null)
                {
                    // A group cut short by a crash: none of it happened, and new records must not follow its start.
                    log($"journal {journalPath}: ignored an incomplete write group of {group.Count} records after {groupStart} bytes");
                    valid = groupStart;
                    torn = true;
                }

                if (torn)
                {
                    // Cut the torn tail so new records follow the last good one.
                    using var stream = new FileStream(journalPath, FileMode.Open, FileAccess.Write, FileShare.None);
                    stream.SetLength(valid);
                    stream.Flush(flushToDisk: true);
                    log($"journal {journalPath}: ignored a torn record after {valid} bytes");
                }

                log($"replayed {applied} journal records");
            }

            foreach (var stale in Directory.EnumerateFiles(path, "journal-*.bson"))
            {
                if (stale != journalPath)
                {
                    File.Delete(stale);
                }
            }

            File.Delete(System.IO.Path.Combine(path, SnapshotName + ".tmp"));
            var journal = new Journal(journalPath, generation);

            // The journal file may be new and stale ones are gone: make those directory entries durable too.
            DirectorySync.Flush(path);
            var directory = new DataDirectory(path, storage, sessions, compactionThreshold, log, lockFile, journal);
            directory.Attach(journal);
            return directory;
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    private static int Replay(StorageEngine storage, BsonDocument record, Sessions.SessionRegistry? sessions, Action<string> log)
    {
        try
        {
            JournalReplay.Apply(storage, record, sessions);
            return 1;
        }
        catch (Exception ex) when (ex is MongoServerException or InvalidDataException or InvalidOperationException or KeyNotFoundException)
        {
            log($"journal record skipped: {ex.Message}");
            return 0;
        }
    }

    /// <summary>After a command: hands the journal to the OS (fsync when <paramref name="durable"/>) and compacts when it is large.</summary>
    public void Commit(bool durable)
    {
        bool large;
        lock (_swap)
        {
            _journal.Commit(durable);
            large = _journal.Length > _nextCompaction;
        }

        if (large)
        {
            Compact(force: false);
        }
    }

    /// <summary>
    /// Writes a snapshot of everything and starts an empty journal, with every writer held off. A failure (a full
    /// disk, say) is logged and leaves the current snapshot and journal in place, which stay complete and in use;
    /// the next attempt waits until the journal has grown by another threshold, so commands are not slowed by
    /// retrying on every write. False when it failed.
    /// </summary>
    public bool Compact(bool force)
    {
        var done = true;
        _storage.RunExclusive(() =>
        {
            using var swap = _swap.EnterScope();
            var old = _journal;
            if (!force && old.Length <= _nextCompaction)
            {
                return; // another thread compacted first
            }

            var temporary = System.IO.Path.Combine(Path, SnapshotName + ".tmp");
            var next = JournalPath(Path, old.Generation + 1);
            try
            {
                WriteSnapshot(temporary, next, old.Generation + 1);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                done = false;
                _nextCompaction = old.Length + _compactionThreshold;
                _log($"journal compaction failed; the journal stays in use: {ex.Message}");
                TryDelete(temporary);
                TryDelete(next);
                return;
            }

            // The rename is the commit point: before it the old pair is current, after it the new one. Once the
            // directory is flushed, the new pair survives a crash of the machine as well.
            File.Move(temporary, System.IO.Path.Combine(Path, SnapshotName), overwrite: true);
            DirectorySync.Flush(Path);
            old.Dispose();
            File.Delete(old.Path);
            _journal = new Journal(next, old.Generation + 1);
            _nextCompaction = _compactionThreshold;
            Attach(_journal);
            _log($"compacted the journal into snapshot generation {old.Generation + 1}");
        });
        return done;
    }

    private void WriteSnapshot(string temporary, string nextJournal, long generation)
    {
        using (var snapshot = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            JournalFile.Write(snapshot, new BsonDocument("snapshot", generation));
            foreach (var database in _storage.Databases)
            {
                foreach (var collection in database.Collections.Values)
                {
                    WriteCollection(snapshot, collection);
                }
            }

            // Retry records go with the data they describe (every writer is held off, see ServerSession.History).
            foreach (var retry in _sessions?.RetryRecords() ?? [])
            {
                JournalFile.Write(snapshot, new BsonDocument { { "op", "txn" }, { "txn", retry } });
            }

            snapshot.Flush(flushToDisk: true);
        }

        using (var empty = new FileStream(nextJournal, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            empty.Flush(flushToDisk: true);
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log($"could not delete {path}: {ex.Message}");
        }
    }

    public void Dispose()
    {
        using var swap = _swap.EnterScope();
        _journal.Dispose();
        _lockFile.Dispose();
    }

    private static void WriteCollection(Stream snapshot, CollectionStore collection)
    {
        var ns = collection.FullName;
        JournalFile.Write(snapshot, Journal.CreateRecord(ns, collection.Options, collection.Uuid));
        foreach (var (_, stored) in collection.Scan())
        {
            JournalFile.Write(snapshot, new BsonDocument { { "op", "i" }, { "ns", ns }, { "o", stored.Document } });
        }

        foreach (var index in collection.Indexes.Secondary)
        {
            JournalFile.Write(snapshot, new BsonDocument { { "op", "ci" }, { "ns", ns }, { "o", index.Spec.Document } });
        }
    }

    private void Attach(Journal journal)
    {
        _storage.Journal = journal;
        foreach (var database in _storage.Databases)
        {
            foreach (var collection in database.Collections.Values)
            {
                collection.Journal = journal;
            }
        }
    }

    private static string JournalPath(string directory, long generation) =>
        System.IO.Path.Combine(directory, "journal-" + generation.ToString(CultureInfo.InvariantCulture) + ".bson");
}

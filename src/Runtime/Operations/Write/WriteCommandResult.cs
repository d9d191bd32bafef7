using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Write;

/// <summary>
/// What one <c>insert</c>, <c>update</c> or <c>delete</c> command reported: its counts, upserts, write errors and write
/// concern error, with indexes still relative to the command's own batch. <see cref="Processed"/> says how many of the
/// requests given to the operation the batch held (the rest did not fit in the message).
/// </summary>
internal sealed class WriteCommandResult
{
    /// <summary>How many requests the command carried.</summary>
    public int Processed { get; init; }

    /// <summary>False when the command went with <c>moreToCome</c> (<c>w: 0</c>): no reply, no counts.</summary>
    public bool IsAcknowledged { get; init; } = true;

    /// <summary><c>n</c>: documents inserted, matched (plus upserted) or deleted.</summary>
    public long N { get; init; }

    /// <summary><c>nModified</c> of an update.</summary>
    public long NModified { get; init; }

    /// <summary><c>upserted</c>: the batch index and <c>_id</c> of each upsert that inserted.</summary>
    public IReadOnlyList<BulkWriteUpsert> Upserted { get; init; } = [];

    /// <summary><c>writeErrors</c>, with batch-relative indexes.</summary>
    public IReadOnlyList<WriteError> WriteErrors { get; init; } = [];

    /// <summary><c>writeConcernError</c>, or null.</summary>
    public WriteConcernError? WriteConcernError { get; init; }

    /// <summary>The reply's top-level <c>errorLabels</c>.</summary>
    public IReadOnlyList<string> ErrorLabels { get; init; } = [];

    /// <summary>The server that answered.</summary>
    public MongoServerAddress? Address { get; init; }

    /// <summary>The result of a batch sent unacknowledged.</summary>
    public static WriteCommandResult Unacknowledged(int processed, MongoServerAddress? address) =>
        new() { Processed = processed, IsAcknowledged = false, Address = address };

    /// <summary>Reads an <c>ok: 1</c> reply of a write command.</summary>
    public static WriteCommandResult Parse(ReplyMessage reply, int processed, MongoServerAddress? address) =>
        Parse(reply.ToBsonDocument(), processed, address);

    /// <inheritdoc cref="Parse(ReplyMessage, int, MongoServerAddress?)"/>
    public static WriteCommandResult Parse(BsonDocument reply, int processed, MongoServerAddress? address)
    {
        List<BulkWriteUpsert>? upserts = null;
        if (reply.TryGetValue("upserted", out var upserted) && upserted is BsonArray upsertedArray)
        {
            upserts = new List<BulkWriteUpsert>(upsertedArray.Count);
            foreach (var entry in upsertedArray)
            {
                if (entry is BsonDocument d && d.TryGetValue("index", out var index) && index.IsNumeric)
                {
                    upserts.Add(new BulkWriteUpsert(index.ToInt32(), d.GetValue("_id", BsonNull.Value)!));
                }
            }
        }

        List<WriteError>? errors = null;
        if (reply.TryGetValue("writeErrors", out var writeErrors) && writeErrors is BsonArray errorArray)
        {
            errors = new List<WriteError>(errorArray.Count);
            foreach (var entry in errorArray)
            {
                if (entry is BsonDocument d)
                {
                    errors.Add(new WriteError(
                        Int(d, "index"),
                        Int(d, "code"),
                        String(d, "codeName"),
                        String(d, "errmsg") ?? string.Empty,
                        d.GetValue("errInfo", null) as BsonDocument));
                }
            }
        }

        return new WriteCommandResult
        {
            Processed = processed,
            N = Long(reply, "n"),
            NModified = Long(reply, "nModified"),
            Upserted = (IReadOnlyList<BulkWriteUpsert>?)upserts ?? [],
            WriteErrors = (IReadOnlyList<WriteError>?)errors ?? [],
            WriteConcernError = ParseWriteConcernError(reply),
            ErrorLabels = Labels(reply),
            Address = address,
        };
    }

    /// <summary>Reads a reply's <c>writeConcernError</c> (code, codeName, errmsg, errInfo, errorLabels), or null.</summary>
    public static WriteConcernError? ParseWriteConcernError(BsonDocument reply)
    {
        if (!reply.TryGetValue("writeConcernError", out var value) || value is not BsonDocument d)
        {
            return null;
        }

        return new WriteConcernError(Int(d, "code"), String(d, "codeName"), String(d, "errmsg") ?? string.Empty, d.GetValue("errInfo", null) as BsonDocument, Labels(d));
    }

    /// <summary>Raises <see cref="MongoWriteConcernException"/> when the reply of an admin or findAndModify command has a write concern error.</summary>
    public static void ThrowIfWriteConcernError(BsonDocument reply, string commandName, MongoServerAddress? address)
    {
        if (ParseWriteConcernError(reply) is { } error)
        {
            throw new MongoWriteConcernException(address, commandName, error, reply, Labels(reply));
        }
    }

    private static IReadOnlyList<string> Labels(BsonDocument d)
    {
        if (!d.TryGetValue("errorLabels", out var value) || value is not BsonArray array || array.Count == 0)
        {
            return [];
        }

        var labels = new List<string>(array.Count);
        foreach (var label in array)
        {
            if (label.IsString)
            {
                labels.Add(label.AsString);
            }
        }

        return labels;
    }

    private static int Int(BsonDocument d, string name) => d.TryGetValue(name, out var v) && v.IsNumeric ? v.ToInt32() : 0;

    private static long Long(BsonDocument d, string name) => d.TryGetValue(name, out var v) && v.IsNumeric ? v.ToInt64() : 0;

    private static string? String(BsonDocument d, string name) => d.TryGetValue(name, out var v) && v.IsString ? v.AsString : null;
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Sessions;

/// <summary>
/// One retryable write command as its handler sees it: for each statement, whether the session already executed
/// its stmtId under this txnNumber (then the handler reports the recorded outcome and does not apply it again) and
/// a place to record the outcome of the statements it does apply. As in mongod, a statement is recognised by lsid
/// (with uid), txnNumber and stmtId together; stmtIds come from <c>stmtIds</c>, or count up from <c>stmtId</c> (0 by default).
/// </summary>
internal sealed class RetryableWrite
{
    private readonly RetryHistory _prior;
    private readonly BsonArray? _stmtIds;
    private readonly int _firstStmtId;
    private readonly Dictionary<int, StatementRecord> _executed = [];
    private readonly Func<int, BsonValue?> _statementAt;

    // statementAt: the statement at an index as the client sent it (fingerprinted to tell a retry from a different write).
    public RetryableWrite(ServerSession session, long txnNumber, string kind, string ns, BsonDocument command, int statementCount, Func<int, BsonValue?> statementAt)
    {
        Session = session;
        _statementAt = statementAt;
        TxnNumber = txnNumber;
        Kind = kind;
        Namespace = ns;
        _prior = session.History.TxnNumber == txnNumber ? session.History : RetryHistory.None;
        if (command.TryGetValue("stmtIds", out var ids))
        {
            _stmtIds = ids as BsonArray ?? throw new MongoServerException(ErrorCodes.TypeMismatch, "BSON field 'stmtIds' is the wrong type, expected type 'array'");
            var seen = new HashSet<int>();
            foreach (var id in _stmtIds)
            {
                if (id is not BsonInt32 { Value: var stmtId })
                {
                    throw new MongoServerException(ErrorCodes.TypeMismatch, "BSON field 'stmtIds' must hold int values");
                }

                if (!seen.Add(stmtId))
                {
                    throw new MongoServerException(ErrorCodes.BadValue, $"stmtIds names statement {stmtId} twice");
                }
            }

            if (_stmtIds.Count != statementCount)
            {
                throw new MongoServerException(ErrorCodes.InvalidLength, $"The size of 'stmtIds' must match the number of statements: {_stmtIds.Count} stmtIds for {statementCount} statements");
            }
        }
        else if (command.TryGetValue("stmtId", out var first))
        {
            _firstStmtId = first is BsonInt32 { Value: >= 0 } value
                ? value.Value
                : throw new MongoServerException(ErrorCodes.TypeMismatch, "BSON field 'stmtId' must be a non-negative int");
        }
    }

    public ServerSession Session { get; }

    public long TxnNumber { get; }

    /// <summary>The statement kind recorded and compared: insert, update, delete, findAndModify.remove or findAndModify.update.</summary>
    public string Kind { get; }

    public string Namespace { get; }

    /// <summary>The stmtIds answered from the history instead of being applied (mongod's <c>retriedStmtIds</c>).</summary>
    public List<int> Retried { get; } = [];

    public bool HasNewStatements => _executed.Count > 0;

    /// <summary>Called before a statement that the history does not answer is applied (the <c>onPrimaryTransactionalWrite</c> failpoint); may throw to fail it.</summary>
    public Action? Applying { get; init; }

    public IReadOnlyDictionary<int, StatementRecord> Executed => _executed;

    public int StmtIdAt(int index) => _stmtIds is null ? _firstStmtId + index : _stmtIds[index].ToInt32();

    /// <summary>
    /// The recorded outcome of statement <paramref name="index"/> when this session already executed it, or null when it
    /// must be applied now. A recorded statement of another kind or namespace is an error, never an acknowledgement.
    /// </summary>
    public BsonDocument? PriorResult(int index)
    {
        var stmtId = StmtIdAt(index);
        if (!_prior.Statements.TryGetValue(stmtId, out var record))
        {
            Applying?.Invoke();
            return null;
        }

        if (record.Kind != Kind || record.Namespace != Namespace || (record.Fingerprint is { } recorded && recorded != FingerprintAt(index)))
        {
            throw Incompatible(stmtId, record);
        }

        Retried.Add(stmtId);
        return (BsonDocument)record.Result.DeepClone();
    }

    /// <summary>Records that statement <paramref name="index"/> was applied with <paramref name="result"/>.</summary>
    public void Record(int index, BsonDocument result) => _executed[StmtIdAt(index)] = new StatementRecord(Kind, Namespace, result, FingerprintAt(index));

    // mongod trusts the stmtId alone; a digest of the statement also turns a different write sent under a recorded
    // stmtId (a client reusing its numbers) into an error instead of an acknowledgement of what it did not do.
    private string FingerprintAt(int index)
    {
        var bytes = new BsonDocument("s", _statementAt(index) ?? BsonNull.Value).ToBytes();
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes), 0, 16);
    }

    /// <summary>The journal record of this command's new statements (merged into the session's on replay).</summary>
    public BsonDocument JournalRecord(DateTimeOffset now) => RetryHistory.ToDocument(Session.Key, TxnNumber, now, _executed);

    /// <summary>Makes this command's statements part of the session's history; the caller holds what keeps it consistent with the data.</summary>
    public void Publish() => Session.History = Session.History.With(TxnNumber, _executed);

    private MongoServerException Incompatible(int stmtId, StatementRecord record)
    {
        var what = $"retry request (statement {stmtId} of txnNumber {TxnNumber}: {Kind} on {Namespace}) is not compatible with previous write in the transaction of type: {record.Kind} on {record.Namespace}"
            + (record.Kind == Kind && record.Namespace == Namespace ? " (the statement differs from the one executed under this stmtId)" : string.Empty);
        return Kind switch
        {
            "update" => new MongoServerException(40638, "update " + what),
            "findAndModify.remove" or "findAndModify.update" => new MongoServerException(40606, "findAndModify " + what),
            _ => new MongoServerException(ErrorCodes.IncompleteTransactionHistory, Kind + " " + what),
        };
    }
}

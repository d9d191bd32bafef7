namespace OpenQuizz.Typed;

/// <summary>Settings of a session (PyMongo's <c>start_session(causal_consistency, default_transaction_options, snapshot)</c>).</summary>
public sealed record SessionOptions
{
    /// <summary>Whether each read sees the session's earlier writes and reads; null means true unless <see cref="Snapshot"/>.</summary>
    public bool? CausalConsistency { get; init; }

    /// <summary>Whether every read of the session sees one snapshot; excludes <see cref="CausalConsistency"/> and transactions.</summary>
    public bool Snapshot { get; init; }

    /// <summary>The settings of transactions started without their own.</summary>
    public TransactionOptions? DefaultTransactionOptions { get; init; }
}

/// <summary>Settings of a transaction; a null value inherits the session's default, then the client's.</summary>
public sealed record TransactionOptions
{
    /// <summary>The read concern of every read in the transaction.</summary>
    public ReadConcern? ReadConcern { get; init; }

    /// <summary>The write concern of the commit.</summary>
    public WriteConcern? WriteConcern { get; init; }

    /// <summary>The read preference of every read in the transaction (it must be primary for now).</summary>
    public ReadPreference? ReadPreference { get; init; }

    /// <summary>How long the server may take to commit (<c>maxTimeMS</c> of <c>commitTransaction</c>).</summary>
    public TimeSpan? MaxCommitTime { get; init; }
}

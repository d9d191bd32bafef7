namespace OpenQuizz.Typed;

/// <summary>
/// An error that carries error labels, such as <c>RetryableWriteError</c> or <c>TransientTransactionError</c>,
/// given by the server or added by the client; retry and transaction logic decide on these labels alone.
/// </summary>
public interface IMongoErrorLabels
{
    /// <summary>The labels, in the order they were added, without duplicates.</summary>
    IReadOnlyList<string> ErrorLabels { get; }

    /// <summary>True when the error carries <paramref name="label"/> (compared ordinally).</summary>
    bool HasErrorLabel(string label);

    /// <summary>Adds a label when it is not already present.</summary>
    void AddErrorLabel(string label);
}

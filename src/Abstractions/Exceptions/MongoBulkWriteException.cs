namespace OpenQuizz.Typed;

/// <summary>
/// Some writes of a <c>BulkWrite</c> or <c>InsertMany</c> failed, or their write concern was not satisfied. Holds each
/// failed request's error and what was done before; <see cref="MongoBulkWriteException{TDocument}"/> adds the requests
/// that did not run.
/// </summary>
public class MongoBulkWriteException : MongoException, IMongoErrorLabels
{
    private readonly ErrorLabelSet _labels = new();

    /// <summary>Creates the error.</summary>
    public MongoBulkWriteException(MongoServerAddress? address, IReadOnlyList<WriteError> writeErrors, WriteConcernError? writeConcernError, BulkWriteResult partialResult, IEnumerable<string>? errorLabels = null)
        : base(Describe(writeErrors, writeConcernError))
    {
        ArgumentNullException.ThrowIfNull(writeErrors);
        ArgumentNullException.ThrowIfNull(partialResult);
        Address = address;
        WriteErrors = writeErrors;
        WriteConcernError = writeConcernError;
        PartialResult = partialResult;
        MongoWriteException.AddLabels(_labels, writeConcernError, errorLabels);
    }

    /// <summary>The server that reported the errors, when known.</summary>
    public MongoServerAddress? Address { get; }

    /// <summary>Each failed request's error; <see cref="WriteError.Index"/> is its position among the requests given.</summary>
    public IReadOnlyList<WriteError> WriteErrors { get; }

    /// <summary>The last write concern error reported, or null.</summary>
    public WriteConcernError? WriteConcernError { get; }

    /// <summary>What the requests that ran did.</summary>
    public BulkWriteResult PartialResult { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ErrorLabels => _labels.Labels;

    /// <inheritdoc/>
    public bool HasErrorLabel(string label) => _labels.Contains(label);

    /// <inheritdoc/>
    public void AddErrorLabel(string label) => _labels.Add(label);

    private static string Describe(IReadOnlyList<WriteError>? writeErrors, WriteConcernError? writeConcernError)
    {
        var count = writeErrors?.Count ?? 0;
        var first = count > 0 ? $" First: {writeErrors![0]}" : string.Empty;
        var concern = writeConcernError is null ? string.Empty : $" {writeConcernError}";
        return $"A bulk write operation had {count} write error(s).{first}{concern}";
    }
}

/// <summary>A <see cref="MongoBulkWriteException"/> that also holds the requests that did not run (after an ordered bulk write stopped).</summary>
public sealed class MongoBulkWriteException<TDocument> : MongoBulkWriteException
{
    /// <summary>Creates the error.</summary>
    public MongoBulkWriteException(MongoServerAddress? address, IReadOnlyList<WriteError> writeErrors, WriteConcernError? writeConcernError, BulkWriteResult partialResult, IReadOnlyList<WriteModel<TDocument>> unprocessedRequests, IEnumerable<string>? errorLabels = null)
        : base(address, writeErrors, writeConcernError, partialResult, errorLabels)
    {
        ArgumentNullException.ThrowIfNull(unprocessedRequests);
        UnprocessedRequests = unprocessedRequests;
    }

    /// <summary>The requests that were not sent, in order; empty for an unordered bulk write.</summary>
    public IReadOnlyList<WriteModel<TDocument>> UnprocessedRequests { get; }
}

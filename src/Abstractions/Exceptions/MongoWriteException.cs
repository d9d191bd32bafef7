namespace OpenQuizz.Typed;

/// <summary>
/// A single-document write (<c>InsertOne</c>, <c>UpdateOne</c>, <c>ReplaceOne</c>, <c>DeleteOne</c>, …) failed or its
/// write concern was not satisfied. Catch it and test <c>WriteError?.Category</c> for duplicate keys.
/// </summary>
public class MongoWriteException : MongoException, IMongoErrorLabels
{
    private readonly ErrorLabelSet _labels = new();

    /// <summary>Creates the error; at least one of <paramref name="writeError"/> and <paramref name="writeConcernError"/> is set.</summary>
    public MongoWriteException(MongoServerAddress? address, WriteError? writeError, WriteConcernError? writeConcernError, IEnumerable<string>? errorLabels = null, Exception? innerException = null)
        : base(Describe(writeError, writeConcernError), innerException)
    {
        if (writeError is null && writeConcernError is null)
        {
            throw new ArgumentException("A write exception needs a write error or a write concern error.", nameof(writeError));
        }

        Address = address;
        WriteError = writeError;
        WriteConcernError = writeConcernError;
        AddLabels(_labels, writeConcernError, errorLabels);
    }

    /// <summary>The server that reported the error, when known.</summary>
    public MongoServerAddress? Address { get; }

    /// <summary>Why the write failed; null when only the write concern failed.</summary>
    public WriteError? WriteError { get; }

    /// <summary>Why the write concern was not satisfied; null when it was.</summary>
    public WriteConcernError? WriteConcernError { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ErrorLabels => _labels.Labels;

    /// <inheritdoc/>
    public bool HasErrorLabel(string label) => _labels.Contains(label);

    /// <inheritdoc/>
    public void AddErrorLabel(string label) => _labels.Add(label);

    internal static void AddLabels(ErrorLabelSet set, WriteConcernError? writeConcernError, IEnumerable<string>? errorLabels)
    {
        if (errorLabels is not null)
        {
            foreach (var label in errorLabels)
            {
                set.Add(label);
            }
        }

        if (writeConcernError is not null)
        {
            foreach (var label in writeConcernError.ErrorLabels)
            {
                set.Add(label);
            }
        }
    }

    private static string Describe(WriteError? writeError, WriteConcernError? writeConcernError) =>
        (writeError, writeConcernError) switch
        {
            ({ } e, { } c) => $"A write operation failed. {e} {c}",
            ({ } e, null) => $"A write operation failed. {e}",
            (null, { } c) => $"A write operation was applied but its write concern failed. {c}",
            _ => "A write operation failed.",
        };
}

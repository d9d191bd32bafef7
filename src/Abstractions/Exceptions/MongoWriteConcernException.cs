using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// A command other than a CRUD write (<c>findAndModify</c>, <c>create</c>, <c>drop</c>, <c>createIndexes</c>, …) was
/// applied but its write concern was not satisfied.
/// </summary>
public class MongoWriteConcernException : MongoException, IMongoErrorLabels
{
    private readonly ErrorLabelSet _labels = new();

    /// <summary>Creates the error from the reply of <paramref name="commandName"/>.</summary>
    public MongoWriteConcernException(MongoServerAddress? address, string commandName, WriteConcernError writeConcernError, BsonDocument? reply, IEnumerable<string>? errorLabels = null)
        : base($"Command {commandName} was applied but its write concern failed. {writeConcernError}")
    {
        ArgumentNullException.ThrowIfNull(writeConcernError);
        Address = address;
        CommandName = commandName;
        WriteConcernError = writeConcernError;
        Reply = reply;
        MongoWriteException.AddLabels(_labels, writeConcernError, errorLabels);
    }

    /// <summary>The server that reported the error, when known.</summary>
    public MongoServerAddress? Address { get; }

    /// <summary>The command's name.</summary>
    public string CommandName { get; }

    /// <summary>Why the write concern was not satisfied.</summary>
    public WriteConcernError WriteConcernError { get; }

    /// <summary>The reply, which may hold the command's result (for <c>findAndModify</c>, the document).</summary>
    public BsonDocument? Reply { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ErrorLabels => _labels.Labels;

    /// <inheritdoc/>
    public bool HasErrorLabel(string label) => _labels.Contains(label);

    /// <inheritdoc/>
    public void AddErrorLabel(string label) => _labels.Add(label);
}

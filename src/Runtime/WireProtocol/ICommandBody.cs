using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.WireProtocol;

/// <summary>
/// The body of a command, written straight into the message buffer. The connection opens the body document,
/// calls <see cref="WriteElements"/>, then appends <c>$db</c> and the Stable API fields and closes it.
/// </summary>
internal interface ICommandBody
{
    /// <summary>The command's name: the first element's name, such as <c>find</c>.</summary>
    string CommandName { get; }

    /// <summary>Writes the elements of the command (the command name first), not the surrounding document.</summary>
    void WriteElements(ref BsonSpanWriter writer);
}

/// <summary>A command body taken from a document, for handshakes, authentication, tests and ad-hoc commands.</summary>
internal sealed class BsonDocumentCommandBody : ICommandBody
{
    public BsonDocumentCommandBody(BsonDocument command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.ElementCount == 0)
        {
            throw new ArgumentException("A command document cannot be empty.", nameof(command));
        }

        Command = command;
    }

    public BsonDocument Command { get; }

    public string CommandName => Command.GetElement(0).Name;

    public void WriteElements(ref BsonSpanWriter writer)
    {
        foreach (var element in Command)
        {
            writer.WriteName(element.Name);
            element.Value.WriteTo(ref writer);
        }
    }
}

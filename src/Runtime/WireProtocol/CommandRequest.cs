namespace OpenQuizz.Typed.WireProtocol;

/// <summary>How a command is sent.</summary>
[Flags]
internal enum CommandFlags
{
    None = 0,

    /// <summary>Unacknowledged: sent with moreToCome, no reply is read (w:0 writes).</summary>
    MoreToCome = 1 << 0,

    /// <summary>The server may stream replies (streaming hello); read the next with the connection's receive method.</summary>
    ExhaustAllowed = 1 << 1,

    /// <summary>Do not add the Stable API fields. No command of the client sets it today: getMore and every command of a
    /// transaction carry them (versioned-api.md, changed 2021-05-05).</summary>
    OmitServerApi = 1 << 2,
}

/// <summary>One command to send: its database, body, document sequences and flags.</summary>
/// <param name="Database">The database the command runs against (<c>$db</c>).</param>
/// <param name="Body">Writes the command's elements.</param>
/// <param name="Sequences">Kind-1 sections, or null.</param>
/// <param name="Flags">How to send it.</param>
internal readonly record struct CommandRequest(
    string Database,
    ICommandBody Body,
    IReadOnlyList<DocumentSequence>? Sequences = null,
    CommandFlags Flags = CommandFlags.None)
{
    public string CommandName => Body.CommandName;
}

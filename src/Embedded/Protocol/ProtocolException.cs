namespace OpenQuizz.Typed.Embedded.Protocol;

/// <summary>A message that cannot be read. The connection is closed after it, with an error reply first when <see cref="CanReply"/>.</summary>
internal sealed class ProtocolException(string message, bool canReply = true, int code = ErrorCodes.ProtocolError) : Exception(message)
{
    /// <summary>Whether the header was sound enough to address an error reply to the request.</summary>
    public bool CanReply { get; } = canReply;

    public int Code { get; } = code;
}

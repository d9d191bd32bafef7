namespace OpenQuizz.Typed.Embedded.FailPoints;

/// <summary>
/// What a fired failpoint asks of the connection after the command: wait before replying (on the server's
/// <see cref="TimeProvider"/>, never blocking a thread) and/or close the socket without replying.
/// </summary>
internal sealed record FailPointEffect(TimeSpan Block, bool Close);

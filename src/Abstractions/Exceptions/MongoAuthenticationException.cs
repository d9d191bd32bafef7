namespace OpenQuizz.Typed;

/// <summary>
/// Authentication failed: wrong credentials, an unsupported mechanism, or a server proof that does not verify.
/// The message names the mechanism and user, never a password or any conversation payload.
/// </summary>
public class MongoAuthenticationException : MongoException
{
    /// <summary>Creates the error.</summary>
    public MongoAuthenticationException(string? mechanism, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Mechanism = mechanism;
    }

    /// <summary>The mechanism that was attempted, when one was chosen.</summary>
    public string? Mechanism { get; }
}

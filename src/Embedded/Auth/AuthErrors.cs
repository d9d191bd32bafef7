namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>mongod's codes for authentication and user management (their names are in <see cref="ErrorCodes.NameOf"/>).</summary>
internal static class AuthErrors
{
    public const int UserNotFound = 11;
    public const int AuthenticationFailed = 18;
    public const int RoleNotFound = 31;
    public const int UserAlreadyExists = 51003;
    public const int MechanismUnavailable = 334;

    public static MongoServerException Failed() => new(AuthenticationFailed, "Authentication failed.");
}

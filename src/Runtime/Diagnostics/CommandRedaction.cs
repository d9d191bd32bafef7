using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Diagnostics;

/// <summary>The command monitoring spec's redaction: sensitive commands show neither their command nor their reply.</summary>
internal static class CommandRedaction
{
    private static readonly string[] SensitiveCommands =
    [
        "authenticate", "saslStart", "saslContinue", "getnonce", "createUser", "updateUser",
        "copydbgetnonce", "copydbsaslstart", "copydb",
    ];

    /// <summary>True for a command always redacted.</summary>
    public static bool IsSensitive(string commandName)
    {
        foreach (var name in SensitiveCommands)
        {
            if (name.Equals(commandName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a sensitive command, or a hello that carries speculative authentication.</summary>
    public static bool ShouldRedact(string commandName, BsonDocument? command) =>
        IsSensitive(commandName)
        || (IsHello(commandName) && command is not null && command.Contains("speculativeAuthenticate"));

    public static bool IsHello(string commandName) =>
        commandName.Equals("hello", StringComparison.OrdinalIgnoreCase) || commandName.Equals("isMaster", StringComparison.OrdinalIgnoreCase);
}

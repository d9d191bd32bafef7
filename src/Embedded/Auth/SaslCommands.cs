using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Commands;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>The command handlers of authentication and user management, added to the dispatcher's defaults.</summary>
internal static class AuthCommandHandlers
{
    public static IEnumerable<ICommandHandler> All() =>
    [
        new SaslStartCommand(),
        new SaslContinueCommand(),
        new LogoutCommand(),
        new UserCommands(),
        new UsersInfoCommand(),
    ];
}

internal sealed class SaslStartCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["saslStart"];

    public BsonDocument Execute(CommandContext context) => context.Server.Authentication.SaslStart(context, context.Command, context.Database);
}

internal sealed class SaslContinueCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["saslContinue"];

    public BsonDocument Execute(CommandContext context) => context.Server.Authentication.SaslContinue(context);
}

/// <summary>logout: forgets the user authenticated on the command's database (deprecated in mongod, still answered).</summary>
internal sealed class LogoutCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["logout"];

    public BsonDocument Execute(CommandContext context)
    {
        context.Connection.Authentication.LogOut(context.Database);
        return Replies.Ok();
    }
}

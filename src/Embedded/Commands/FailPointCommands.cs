using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>configureFailPoint: sets a failpoint (only <c>failCommand</c>); admin only, like mongod with test commands enabled.</summary>
internal sealed class ConfigureFailPointCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["configureFailPoint", "configurefailpoint"];

    public BsonDocument Execute(CommandContext context)
    {
        Arguments.RequireAdmin(context, "configureFailPoint");

        var name = context.CommandValue is BsonString s ? s.Value : throw Arguments.WrongType(context, "configureFailPoint", context.CommandValue, "string");
        return context.Server.FailPoints.Configure(name, context.Command);
    }
}

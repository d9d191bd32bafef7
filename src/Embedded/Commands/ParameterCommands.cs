using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>
/// getParameter: named parameters (<c>{ getParameter: 1, logLevel: 1 }</c>), every one (<c>'*'</c> or
/// <c>{ allParameters: true }</c>), with <c>showDetails</c> giving value and settability; admin database only, as in mongod.
/// </summary>
internal sealed class GetParameterCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["getParameter", "getparameter"];

    public BsonDocument Execute(CommandContext context)
    {
        Arguments.RequireAdmin(context, "getParameter");
        var argument = context.CommandValue;
        var all = argument is BsonString { Value: "*" };
        var details = false;
        if (argument is BsonDocument options)
        {
            all = Query.ExpressionValues.IsTruthy(options.GetValue("allParameters", null));
            details = Query.ExpressionValues.IsTruthy(options.GetValue("showDetails", null));
        }

        var reply = new BsonDocument();
        foreach (var (name, value, settable) in context.Server.Parameters.All())
        {
            if (!all && !context.Command.Contains(name))
            {
                continue;
            }

            reply.Add(name, details
                ? new BsonDocument { { "value", value }, { "settableAtRuntime", settable }, { "settableAtStartup", true } }
                : value);
        }

        if (reply.ElementCount == 0)
        {
            throw new MongoServerException(ErrorCodes.InvalidOptions, "no option found to get");
        }

        reply.Add("ok", 1.0);
        return reply;
    }
}

/// <summary>setParameter: changes one runtime parameter and answers its previous value (<c>was</c>).</summary>
internal sealed class SetParameterCommand : ICommandHandler
{
    private static readonly HashSet<string> CommandFields = new(StringComparer.Ordinal)
    {
        "setParameter", "comment", "$db", "lsid", "$clusterTime", "$readPreference", "apiVersion", "apiStrict", "apiDeprecationErrors",
        "txnNumber", "autocommit", "startTransaction", "writeConcern", "maxTimeMS",
    };

    public IEnumerable<string> Names => ["setParameter", "setparameter"];

    public BsonDocument Execute(CommandContext context)
    {
        Arguments.RequireAdmin(context, "setParameter");
        BsonElement? parameter = null;
        foreach (var element in context.Command)
        {
            if (CommandFields.Contains(element.Name))
            {
                continue;
            }

            if (parameter is not null)
            {
                throw new MongoServerException(ErrorCodes.InvalidOptions, "only one parameter can be set at a time");
            }

            parameter = element;
        }

        if (parameter is not { } set)
        {
            throw new MongoServerException(ErrorCodes.InvalidOptions, "no option found to set, use help:true to see options ");
        }

        var was = context.Server.Parameters.Set(set.Name, set.Value);
        return new BsonDocument { { "was", was }, { "ok", 1.0 } };
    }
}

/// <summary>
/// The Atlas Search index commands, which a mongod without a search process answers with SearchNotEnabled (31082)
/// rather than CommandNotFound, so that drivers report the real reason.
/// </summary>
internal sealed class SearchIndexCommands : ICommandHandler
{
    public const string Message =
        "Using Atlas Search Database Commands and the $listSearchIndexes aggregation stage requires additional configuration. "
        + "Please connect to Atlas or an AtlasCLI local deployment to enable. For more information on how to connect, see https://dochub.mongodb.org/core/atlas-cli-deploy-local-reqs";

    public IEnumerable<string> Names => ["createSearchIndexes", "dropSearchIndex", "updateSearchIndex"];

    public BsonDocument Execute(CommandContext context) => throw new MongoServerException(ErrorCodes.SearchNotEnabled, Message);
}

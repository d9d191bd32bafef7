using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>
/// The <c>let</c> option of find, update, delete and findAndModify: variables evaluated once per command (they may use
/// <c>$$NOW</c> but no document) that the filter's <c>$expr</c>, a pipeline update and a projection read as <c>$$name</c>.
/// They are bound as the ambient variables of the command's thread (aggregate binds its own, see AggregateCommand).
/// </summary>
internal static class CommandVariables
{
    private static readonly HashSet<string> Commands = new(StringComparer.OrdinalIgnoreCase) { "find", "update", "delete", "findAndModify" };

    /// <summary>Binds the command's variables until the returned scope is disposed; nothing to undo when it has none.</summary>
    /// <exception cref="MongoServerException"><c>let</c> is not a document, or names a variable mongod would refuse.</exception>
    public static Scope Bind(CommandContext context)
    {
        if (!Commands.Contains(context.CommandName) || !context.Command.TryGetValue("let", out var value))
        {
            return default;
        }

        if (value is not BsonDocument let)
        {
            throw new MongoServerException(ErrorCodes.TypeMismatch, $"BSON field '{context.CommandName}.let' is the wrong type '{value.BsonType}', expected type 'object'");
        }

        var variables = new Dictionary<string, BsonValue>(StringComparer.Ordinal);
        var evaluation = new EvaluationContext(new BsonDocument()) { Variables = variables, Now = context.Server.Time.GetUtcNow() };
        foreach (var element in let)
        {
            CheckName(element.Name);
            variables[element.Name] = ExpressionParser.Parse(element.Value).Evaluate(evaluation) ?? BsonNull.Value;
        }

        var saved = EvaluationContext.Ambient;
        EvaluationContext.Ambient = variables;
        return new Scope(saved, bound: true);
    }

    // mongod: a user variable starts with a lowercase letter (or a non-ASCII character) and holds only letters, digits and '_'.
    private static void CheckName(string name)
    {
        var valid = name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] > 127)
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c > 127);
        if (!valid)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, $"'{name}' starts with an invalid character for a user variable name");
        }
    }

    /// <summary>Restores the variables the thread had before the command.</summary>
    public readonly struct Scope(Dictionary<string, BsonValue>? saved, bool bound) : IDisposable
    {
        public void Dispose()
        {
            if (bound)
            {
                EvaluationContext.Ambient = saved;
            }
        }
    }
}

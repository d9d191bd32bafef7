using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Storage.Persistence;

/// <summary>Reads a command's write concern for the journal: <c>j: true</c> (or <c>fsync: true</c>) means fsync before replying.</summary>
internal static class Durability
{
    public static bool RequestsJournal(BsonDocument command)
    {
        if (command.GetValue("writeConcern", null) is BsonDocument writeConcern
            && (ExpressionValues.IsTruthy(writeConcern.GetValue("j", null)) || ExpressionValues.IsTruthy(writeConcern.GetValue("fsync", null))))
        {
            return true;
        }

        return ExpressionValues.IsTruthy(command.GetValue("j", null));
    }
}

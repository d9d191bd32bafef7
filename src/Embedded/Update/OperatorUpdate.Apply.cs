using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Update;

/// <summary>The field operators, applied to one concrete path.</summary>
internal sealed partial class OperatorUpdate
{
    private static void ApplyOne(BsonDocument document, UpdateOperation operation, string[] target, UpdateContext context)
    {
        var creates = operation.Operator is not (UpdateOperator.Unset or UpdateOperator.Pop or UpdateOperator.Pull or UpdateOperator.PullAll);
        var parent = DocumentPaths.GetParent(document, target, creates);
        if (parent is null)
        {
            return;
        }

        var key = target[^1];
        var path = string.Join('.', target);
        var current = DocumentPaths.GetChild(parent, key);
        var argument = operation.Argument;
        switch (operation.Operator)
        {
            case UpdateOperator.Set or UpdateOperator.SetOnInsert:
                DocumentPaths.SetChild(parent, key, argument.DeepClone(), path);
                break;
            case UpdateOperator.Unset:
                DocumentPaths.Remove(parent, key);
                break;
            case UpdateOperator.Inc or UpdateOperator.Mul:
                var isInc = operation.Operator == UpdateOperator.Inc;
                if (current is not null && !current.IsNumeric)
                {
                    throw new MongoServerException(
                        ErrorCodes.TypeMismatch,
                        $"Cannot apply {(isInc ? "$inc" : "$mul")} to a value of non-numeric type. {{_id: {IdOf(document)}}} has the field '{key}' of non-numeric type {BsonTypeNames.AliasOf(current.BsonType)}");
                }

                var result = isInc
                    ? (current is null ? argument : Numeric.Add(current, argument))
                    : Numeric.Multiply(current ?? Numeric.ZeroLike(argument), argument);
                DocumentPaths.SetChild(parent, key, result, path);
                break;
            case UpdateOperator.Min or UpdateOperator.Max:
                var replace = current is null || (operation.Operator == UpdateOperator.Min
                    ? BsonOrder.CompareValues(argument, current) < 0
                    : BsonOrder.CompareValues(argument, current) > 0);
                if (replace)
                {
                    DocumentPaths.SetChild(parent, key, argument.DeepClone(), path);
                }

                break;
            case UpdateOperator.CurrentDate:
                var timestamp = argument is BsonDocument spec && spec[0] is BsonString { Value: "timestamp" };
                BsonValue now = timestamp
                    ? new BsonTimestamp((uint)context.Now.ToUnixTimeSeconds(), 1)
                    : new BsonDateTime(context.Now);
                DocumentPaths.SetChild(parent, key, now, path);
                break;
            default:
                ArrayUpdates.Apply(document, operation, parent, key, path, current);
                break;
        }
    }

    private static void ApplyRename(BsonDocument document, UpdateOperation operation)
    {
        var sourceParent = DocumentPaths.GetParent(document, operation.Parts, create: false);
        if (sourceParent is null || DocumentPaths.GetChild(sourceParent, operation.Parts[^1]) is not { } value)
        {
            return;
        }

        if (sourceParent is BsonArray)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"The source field cannot be an array element, '{operation.Path}' in doc with _id: {IdOf(document)} has an array field called '{operation.Parts[^2]}'");
        }

        var targetParts = operation.TargetParts!;
        var targetParent = DocumentPaths.GetParent(document, targetParts, create: true)!;
        if (targetParent is BsonArray)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"The destination field cannot be an array element, '{string.Join('.', targetParts)}' in doc with _id: {IdOf(document)} has an array field called '{targetParts[^2]}'");
        }

        DocumentPaths.Remove(sourceParent, operation.Parts[^1]);
        DocumentPaths.SetChild(targetParent, targetParts[^1], value, string.Join('.', targetParts));
    }

    internal static string IdOf(BsonDocument document) => document.TryGetValue("_id", out var id) ? id.ToString() : "null";
}

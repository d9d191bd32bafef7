using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Update;

/// <summary>An operator update (<c>$set</c>, <c>$inc</c>, …) with its array filters, checked for conflicting paths.</summary>
internal sealed partial class OperatorUpdate : UpdateSpec
{
    private readonly List<UpdateOperation> _operations;
    private readonly Dictionary<string, FilterNode> _arrayFilters;

    private OperatorUpdate(List<UpdateOperation> operations, Dictionary<string, FilterNode> arrayFilters)
    {
        _operations = operations;
        _arrayFilters = arrayFilters;
    }

    public override bool IsReplacement => false;

    public IReadOnlyList<UpdateOperation> Operations => _operations;

    public static OperatorUpdate Parse(BsonDocument update, BsonArray? arrayFilters)
    {
        var filters = ParseArrayFilters(arrayFilters);
        var operations = new List<UpdateOperation>();
        foreach (var element in update)
        {
            var op = element.Name switch
            {
                "$set" => UpdateOperator.Set,
                "$unset" => UpdateOperator.Unset,
                "$inc" => UpdateOperator.Inc,
                "$mul" => UpdateOperator.Mul,
                "$min" => UpdateOperator.Min,
                "$max" => UpdateOperator.Max,
                "$rename" => UpdateOperator.Rename,
                "$setOnInsert" => UpdateOperator.SetOnInsert,
                "$currentDate" => UpdateOperator.CurrentDate,
                "$push" => UpdateOperator.Push,
                "$pop" => UpdateOperator.Pop,
                "$pull" => UpdateOperator.Pull,
                "$pullAll" => UpdateOperator.PullAll,
                "$addToSet" => UpdateOperator.AddToSet,
                _ => throw new MongoServerException(
                    ErrorCodes.FailedToParse,
                    $"Unknown modifier: {element.Name}. Expected a valid update modifier or pipeline-style update specified as an array"),
            };
            if (element.Value is not BsonDocument fields)
            {
                throw new MongoServerException(
                    ErrorCodes.FailedToParse,
                    $"Modifiers operate on fields but we found type {BsonTypeNames.AliasOf(element.Value.BsonType)} instead. For example: {{$mod: {{<field>: ...}}}} not {{{element.Name}: {element.Value}}}");
            }

            foreach (var field in fields)
            {
                operations.Add(ParseOperation(op, field.Name, field.Value));
            }
        }

        CheckConflicts(operations);
        CheckArrayFiltersUsed(operations, filters, update);

        // mongod (5.0+) applies the fields in lexicographic order of their paths, which fixes the order of new fields.
        operations.Sort((a, b) => ComparePaths(a.Parts, b.Parts));
        return new OperatorUpdate(operations, filters);
    }

    public override BsonDocument Apply(BsonDocument document, UpdateContext context)
    {
        var originalId = document.GetValue("_id", null);
        foreach (var operation in _operations)
        {
            if (operation.Operator == UpdateOperator.SetOnInsert && !context.IsInsert)
            {
                continue;
            }

            if (operation.Operator == UpdateOperator.Rename)
            {
                ApplyRename(document, operation);
                continue;
            }

            foreach (var target in ExpandTargets(document, operation, context))
            {
                ApplyOne(document, operation, target, context);
            }
        }

        if (originalId is not null)
        {
            var newId = document.GetValue("_id", null);
            if (newId is null || !(BsonOrder.AreEqual(originalId, newId) && originalId.BsonType == newId.BsonType))
            {
                throw new MongoServerException(ErrorCodes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
            }
        }

        return document;
    }

    private static UpdateOperation ParseOperation(UpdateOperator op, string path, BsonValue argument)
    {
        var parts = SplitPath(path);
        switch (op)
        {
            case UpdateOperator.Inc or UpdateOperator.Mul when !argument.IsNumeric:
                throw new MongoServerException(
                    ErrorCodes.TypeMismatch,
                    $"Cannot {(op == UpdateOperator.Inc ? "increment" : "multiply")} with non-numeric argument: {{{path}: {argument}}}");
            case UpdateOperator.Rename:
                if (argument is not BsonString target)
                {
                    throw new MongoServerException(ErrorCodes.BadValue, $"The 'to' field for $rename must be a string: {path}: {argument}");
                }

                if (target.Value == path)
                {
                    throw new MongoServerException(ErrorCodes.BadValue, $"The source and target field for $rename must differ: {path}: \"{target.Value}\"");
                }

                var targetParts = SplitPath(target.Value);
                if (Array.Exists(parts, p => p.StartsWith('$')) || Array.Exists(targetParts, p => p.StartsWith('$')))
                {
                    throw new MongoServerException(ErrorCodes.BadValue, "The source and target fields for $rename may not be dynamic (positional)");
                }

                return new UpdateOperation(op, path, parts, argument) { TargetParts = targetParts };
            case UpdateOperator.Pop:
                var direction = argument.IsNumeric ? argument.ToDouble() : 0;
                if (direction is not (1 or -1))
                {
                    throw new MongoServerException(ErrorCodes.FailedToParse, $"Expected a number in: {path}: {argument}");
                }

                break;
            case UpdateOperator.PullAll when argument is not BsonArray:
                throw new MongoServerException(ErrorCodes.BadValue, $"$pullAll requires an array argument but was given a {BsonTypeNames.AliasOf(argument.BsonType)}");
            case UpdateOperator.CurrentDate:
                var valid = argument is BsonBoolean
                    || (argument is BsonDocument { ElementCount: 1 } spec && spec.GetElement(0).Name == "$type" && spec[0] is BsonString { Value: "date" or "timestamp" });
                if (!valid)
                {
                    throw new MongoServerException(ErrorCodes.BadValue, "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}");
                }

                break;
            case UpdateOperator.Pull:
                return ParsePull(path, parts, argument);
            case UpdateOperator.Push or UpdateOperator.AddToSet:
                ArrayUpdates.ValidateModifiers(op, argument);
                break;
        }

        return new UpdateOperation(op, path, parts, argument);
    }

    private static UpdateOperation ParsePull(string path, string[] parts, BsonValue argument)
    {
        if (argument is not BsonDocument condition)
        {
            return new UpdateOperation(UpdateOperator.Pull, path, parts, argument);
        }

        var first = condition.ElementCount > 0 ? condition.GetElement(0).Name : string.Empty;
        var valueMode = first.StartsWith('$') && first is not ("$and" or "$or" or "$nor" or "$expr");
        return new UpdateOperation(UpdateOperator.Pull, path, parts, argument)
        {
            PullFilter = valueMode ? FilterParser.ParseOperators(string.Empty, condition) : FilterParser.Parse(condition),
            PullDocumentMode = !valueMode,
        };
    }

    private static string[] SplitPath(string path)
    {
        if (path.Length == 0)
        {
            throw new MongoServerException(ErrorCodes.EmptyFieldName, "An empty update path is not valid.");
        }

        var parts = path.Split('.');
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                throw new MongoServerException(ErrorCodes.EmptyFieldName, $"The update path '{path}' contains an empty field name, which is not allowed.");
            }
        }

        return parts;
    }

    private static void CheckConflicts(List<UpdateOperation> operations)
    {
        var paths = new List<string[]>(operations.Count + 2);
        foreach (var operation in operations)
        {
            paths.Add(operation.Parts);
            if (operation.TargetParts is not null)
            {
                paths.Add(operation.TargetParts);
            }
        }

        for (var i = 0; i < paths.Count; i++)
        {
            for (var j = i + 1; j < paths.Count; j++)
            {
                var a = paths[i];
                var b = paths[j];
                var common = Math.Min(a.Length, b.Length);
                var prefix = true;
                for (var k = 0; k < common && prefix; k++)
                {
                    prefix = a[k] == b[k];
                }

                if (prefix)
                {
                    var shorter = a.Length <= b.Length ? a : b;
                    var longer = a.Length <= b.Length ? b : a;
                    throw new MongoServerException(
                        ErrorCodes.ConflictingUpdateOperators,
                        $"Updating the path '{string.Join('.', longer)}' would create a conflict at '{string.Join('.', shorter)}'");
                }
            }
        }
    }

    private static int ComparePaths(string[] a, string[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var ia = FieldPath.ParseIndex(a[i]);
            var ib = FieldPath.ParseIndex(b[i]);
            var c = ia >= 0 && ib >= 0 ? ia.CompareTo(ib) : string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}

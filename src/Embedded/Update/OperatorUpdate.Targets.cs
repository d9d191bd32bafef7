using System.Text.RegularExpressions;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Update;

/// <summary>Positional placeholders: <c>$</c>, <c>$[]</c> and <c>$[identifier]</c> with array filters.</summary>
internal sealed partial class OperatorUpdate
{
    private static Dictionary<string, FilterNode> ParseArrayFilters(BsonArray? arrayFilters)
    {
        var filters = new Dictionary<string, FilterNode>(StringComparer.Ordinal);
        if (arrayFilters is null)
        {
            return filters;
        }

        foreach (var item in arrayFilters)
        {
            if (item is not BsonDocument filter || filter.ElementCount == 0)
            {
                throw new MongoServerException(ErrorCodes.FailedToParse, "Cannot use an expression without a top-level field name in arrayFilters");
            }

            string? identifier = null;
            foreach (var element in filter)
            {
                var name = element.Name;
                var dot = name.IndexOf('.');
                var top = dot < 0 ? name : name[..dot];
                if (!IdentifierPattern().IsMatch(top))
                {
                    throw new MongoServerException(ErrorCodes.BadValue, $"Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '{top}'");
                }

                if (identifier is not null && identifier != top)
                {
                    throw new MongoServerException(ErrorCodes.FailedToParse, $"Error parsing array filter :: caused by :: Expected a single top-level field name, found '{identifier}' and '{top}'");
                }

                identifier = top;
            }

            if (!filters.TryAdd(identifier!, FilterParser.Parse(filter)))
            {
                throw new MongoServerException(ErrorCodes.FailedToParse, $"Found multiple array filters with the same top-level field name {identifier}");
            }
        }

        return filters;
    }

    private static void CheckArrayFiltersUsed(List<UpdateOperation> operations, Dictionary<string, FilterNode> filters, BsonDocument update)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            foreach (var part in operation.Parts)
            {
                if (part.Length > 3 && part.StartsWith("$[", StringComparison.Ordinal) && part.EndsWith(']'))
                {
                    var identifier = part[2..^1];
                    if (!filters.ContainsKey(identifier))
                    {
                        throw new MongoServerException(ErrorCodes.BadValue, $"No array filter found for identifier '{identifier}' in path '{operation.Path}'");
                    }

                    used.Add(identifier);
                }
            }
        }

        foreach (var identifier in filters.Keys)
        {
            if (!used.Contains(identifier))
            {
                throw new MongoServerException(ErrorCodes.FailedToParse, $"The array filter for identifier '{identifier}' was not used in the update {update}");
            }
        }
    }

    /// <summary>The concrete paths an operation writes in this document, placeholders resolved.</summary>
    private List<string[]> ExpandTargets(BsonDocument document, UpdateOperation operation, UpdateContext context)
    {
        var parts = operation.Parts;
        if (!Array.Exists(parts, static p => p.StartsWith('$')))
        {
            return [parts];
        }

        var results = new List<string[]>();
        Expand(document, parts, 0, new List<string>(parts.Length), results, operation, context);
        return results;
    }

    private void Expand(BsonValue? current, string[] parts, int i, List<string> prefix, List<string[]> results, UpdateOperation operation, UpdateContext context)
    {
        if (i == parts.Length)
        {
            results.Add([.. prefix]);
            return;
        }

        var part = parts[i];
        if (part == "$")
        {
            var index = context.Details?.ArrayIndex ?? -1;
            if (index < 0 || context.IsInsert)
            {
                throw new MongoServerException(ErrorCodes.BadValue, "The positional operator did not find the match needed from the query.");
            }

            prefix.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Expand(current is null ? null : DocumentPaths.GetChild(current, prefix[^1]), parts, i + 1, prefix, results, operation, context);
            prefix.RemoveAt(prefix.Count - 1);
            return;
        }

        if (part.StartsWith("$[", StringComparison.Ordinal) && part.EndsWith(']'))
        {
            if (current is null)
            {
                throw new MongoServerException(ErrorCodes.BadValue, $"The path '{string.Join('.', prefix)}' must exist in the document in order to apply array updates.");
            }

            if (current is not BsonArray array)
            {
                throw new MongoServerException(ErrorCodes.BadValue, $"Cannot apply array updates to non-array element {prefix[^1]}: {current}");
            }

            var identifier = part.Length > 3 ? part[2..^1] : null;
            var filter = identifier is null ? null : _arrayFilters[identifier];
            for (var j = 0; j < array.Count; j++)
            {
                if (filter is not null && !filter.Matches(new BsonDocument(identifier!, array[j])))
                {
                    continue;
                }

                prefix.Add(j.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Expand(array[j], parts, i + 1, prefix, results, operation, context);
                prefix.RemoveAt(prefix.Count - 1);
            }

            return;
        }

        prefix.Add(part);
        Expand(current is null ? null : DocumentPaths.GetChild(current, part), parts, i + 1, prefix, results, operation, context);
        prefix.RemoveAt(prefix.Count - 1);
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex IdentifierPattern();
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// The projections of <c>$project</c> (inclusion with computed fields, or exclusion), <c>$addFields</c> and
/// <c>$unset</c>. A spec is a tree of dotted paths; expressions always see the input document. Output is a fresh
/// top-level document; sub-documents are copied before they are changed, so stored documents stay untouched.
/// </summary>
internal sealed class AggregateProjection
{
    private readonly Node _root;
    private readonly Mode _mode;
    private readonly bool _excludeId;

    private AggregateProjection(Node root, Mode mode, bool excludeId)
    {
        _root = root;
        _mode = mode;
        _excludeId = excludeId;
    }

    private enum Mode
    {
        Inclusion,
        Exclusion,
        AddFields,
    }

    private enum Kind
    {
        Nested,
        Include,
        Exclude,
        Computed,
    }

    public static AggregateProjection ParseProject(BsonValue spec)
    {
        if (spec is not BsonDocument document)
        {
            throw new MongoServerException(15969, "$project specification must be an object");
        }

        if (document.ElementCount == 0)
        {
            throw new MongoServerException(51272, "Invalid $project :: caused by :: projection specification must have at least one field");
        }

        var root = new Node();
        bool? inclusion = null;
        var excludeId = false;
        AddFields(root, document, string.Empty, (path, node, value) =>
        {
            if (value is BsonBoolean or { IsNumeric: true })
            {
                var include = ExpressionValues.IsTruthy(value);
                node.Kind = include ? Kind.Include : Kind.Exclude;
                if (path == "_id")
                {
                    excludeId = !include;
                    return;
                }

                SetMode(ref inclusion, include, path);
            }
            else
            {
                node.Kind = Kind.Computed;
                node.Expression = ExpressionParser.Parse(value);
                if (inclusion == false)
                {
                    throw new MongoServerException(31252, $"Invalid $project :: caused by :: Cannot use expression other than $meta in exclusion projection");
                }

                inclusion = true;
            }
        });

        // {_id: 0} alone is an exclusion; {_id: 1} alone an inclusion of _id.
        var mode = inclusion ?? !excludeId;
        if (!mode && root.HasComputed())
        {
            throw new MongoServerException(31252, "Invalid $project :: caused by :: Cannot use expression other than $meta in exclusion projection");
        }

        return new AggregateProjection(root, mode ? Mode.Inclusion : Mode.Exclusion, excludeId);
    }

    public static AggregateProjection ParseAddFields(string stage, BsonValue spec)
    {
        if (spec is not BsonDocument document)
        {
            throw new MongoServerException(40272, $"{stage} specification stage must be an object, got {BsonTypeNames.AliasOf(spec.BsonType)}");
        }

        var root = new Node();
        AddFields(root, document, string.Empty, (_, node, value) =>
        {
            node.Kind = Kind.Computed;
            node.Expression = ExpressionParser.Parse(value);
        });
        return new AggregateProjection(root, Mode.AddFields, excludeId: false);
    }

    public static AggregateProjection ParseUnset(BsonValue spec)
    {
        var fields = spec switch
        {
            BsonString s => [s],
            BsonArray { Count: > 0 } array => array,
            _ => throw new MongoServerException(31002, "$unset specification must be a string or an array with at least one field"),
        };
        var root = new Node();
        foreach (var field in fields)
        {
            if (field is not BsonString { Value: var path })
            {
                throw new MongoServerException(31120, "$unset specification must be a string or an array containing only string values");
            }

            CheckPath(path);
            root.Add(path).Kind = Kind.Exclude;
        }

        return new AggregateProjection(root, Mode.Exclusion, excludeId: false);
    }

    private static void AddFields(Node root, BsonDocument spec, string prefix, Action<string, Node, BsonValue> leaf)
    {
        foreach (var element in spec)
        {
            CheckPath(element.Name);
            var path = prefix + element.Name;
            if (element.Value is BsonDocument { ElementCount: > 0 } nested && !nested.GetElement(0).Name.StartsWith('$'))
            {
                // A sub-document of field specs: {a: {b: 1}} is {"a.b": 1}.
                AddFields(root, nested, path + ".", leaf);
                continue;
            }

            var node = root.Add(path);
            if (node.Kind != Kind.Nested || node.Children.Count > 0)
            {
                throw new MongoServerException(31250, $"Invalid specification :: caused by :: Path collision at {path}");
            }

            leaf(path, node, element.Value);
        }
    }

    private static void CheckPath(string path)
    {
        if (path.Length == 0 || path.StartsWith('$') || path.Split('.').Any(p => p.Length == 0))
        {
            throw new MongoServerException(
                path.StartsWith('$') ? 16410 : 40352,
                path.StartsWith('$') ? $"FieldPath field names may not start with '$'. Consider using $getField or $setField." : "FieldPath field names may not be empty strings.");
        }
    }

    private static void SetMode(ref bool? inclusion, bool include, string path)
    {
        if (inclusion is null)
        {
            inclusion = include;
        }
        else if (inclusion != include)
        {
            throw include
                ? new MongoServerException(31253, $"Invalid $project :: caused by :: Cannot do inclusion on field {path} in exclusion projection")
                : new MongoServerException(31254, $"Invalid $project :: caused by :: Cannot do exclusion on field {path} in inclusion projection");
        }
    }

    public BsonDocument Apply(BsonDocument document, PipelineRuntime runtime)
    {
        switch (_mode)
        {
            case Mode.Exclusion:
                return Exclude(document, _root);
            case Mode.Inclusion:
                var included = Include(document, _root, topLevel: true);
                AddComputed(included, _root, runtime.Context(document));
                return included;
            default:
                var result = new BsonDocument(document);
                AddComputed(result, _root, runtime.Context(document));
                return result;
        }
    }

    private BsonDocument Include(BsonDocument document, Node node, bool topLevel)
    {
        var result = new BsonDocument();
        foreach (var element in document)
        {
            if (topLevel && element.Name == "_id" && !node.Children.ContainsKey("_id"))
            {
                if (!_excludeId)
                {
                    result.Add(element.Name, element.Value);
                }

                continue;
            }

            if (node.Children.TryGetValue(element.Name, out var child) && IncludeValue(element.Value, child) is { } projected)
            {
                result.Add(element.Name, projected);
            }
        }

        return result;
    }

    private BsonValue? IncludeValue(BsonValue value, Node node)
    {
        switch (node.Kind)
        {
            case Kind.Include:
                return value;
            case Kind.Nested when node.HasIncluded():
                switch (value)
                {
                    case BsonDocument nested:
                        return Include(nested, node, topLevel: false);
                    case BsonArray array:
                        var mapped = new BsonArray();
                        foreach (var item in array)
                        {
                            if (item is BsonDocument or BsonArray && IncludeValue(item, node) is { } projected)
                            {
                                mapped.Add(projected);
                            }
                        }

                        return mapped;
                    default:
                        return null;
                }

            default:
                return null;
        }
    }

    private static BsonDocument Exclude(BsonDocument document, Node node)
    {
        var result = new BsonDocument(document.ElementCount);
        foreach (var element in document)
        {
            if (!node.Children.TryGetValue(element.Name, out var child))
            {
                result.Add(element.Name, element.Value);
            }
            else if (child.Kind == Kind.Nested)
            {
                result.Add(element.Name, ExcludeValue(element.Value, child));
            }
            else if (child.Kind == Kind.Include)
            {
                result.Add(element.Name, element.Value); // {_id: 1} beside exclusions
            }
        }

        return result;
    }

    private static BsonValue ExcludeValue(BsonValue value, Node node) => value switch
    {
        BsonDocument nested => Exclude(nested, node),
        BsonArray array => new BsonArray(array.Select(item => ExcludeValue(item, node))),
        _ => value,
    };

    /// <summary>Sets computed fields in spec order; a missing result (<c>$$REMOVE</c>) removes the field.</summary>
    private static void AddComputed(BsonDocument target, Node node, EvaluationContext context)
    {
        foreach (var (name, child) in node.Children)
        {
            if (child.Kind == Kind.Computed)
            {
                if (child.Expression!.Evaluate(context) is { } value)
                {
                    target.Set(name, value);
                }
                else
                {
                    target.Remove(name);
                }
            }
            else if (child.Kind == Kind.Nested && child.HasComputed())
            {
                target.TryGetValue(name, out var existing);
                target.Set(name, WithComputed(existing, child, context));
            }
        }
    }

    /// <summary>A copy of <paramref name="existing"/> with the node's computed fields set; arrays get them in each document element.</summary>
    private static BsonValue WithComputed(BsonValue? existing, Node node, EvaluationContext context)
    {
        switch (existing)
        {
            case BsonDocument document:
                var copy = new BsonDocument(document);
                AddComputed(copy, node, context);
                return copy;
            case BsonArray array:
                return new BsonArray(array.Select(item => item is BsonDocument or BsonArray ? WithComputed(item, node, context) : item));
            default:
                var created = new BsonDocument();
                AddComputed(created, node, context);
                return created;
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public Kind Kind { get; set; }

        public Expression? Expression { get; set; }

        public Node Add(string path)
        {
            var node = this;
            var parts = path.Split('.');
            for (var i = 0; i < parts.Length; i++)
            {
                if (node.Kind != Kind.Nested)
                {
                    throw new MongoServerException(31249, $"Invalid specification :: caused by :: Path collision at {path} remaining portion {string.Join('.', parts[i..])}");
                }

                if (!node.Children.TryGetValue(parts[i], out var child))
                {
                    child = new Node();
                    node.Children.Add(parts[i], child);
                }

                node = child;
            }

            return node;
        }

        public bool HasComputed() => Kind == Kind.Computed || Children.Values.Any(c => c.HasComputed());

        public bool HasIncluded() => Kind == Kind.Include || Children.Values.Any(c => c.HasIncluded());
    }
}

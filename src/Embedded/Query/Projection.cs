using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>
/// A compiled find projection: inclusion or exclusion of (dotted) fields, <c>_id</c> rules, <c>$slice</c>,
/// <c>$elemMatch</c>, the positional <c>$</c> and computed fields. Output shares unchanged sub-values with the
/// stored document, which is safe because stored documents are never mutated in place.
/// </summary>
internal sealed class Projection
{
    private readonly ProjectionNode _root;
    private readonly bool _inclusion;
    private readonly bool _includeId;

    private Projection(ProjectionNode root, bool inclusion, bool includeId, bool needsDetails)
    {
        _root = root;
        _inclusion = inclusion;
        _includeId = includeId;
        NeedsMatchDetails = needsDetails;
    }

    /// <summary>Whether <see cref="Apply"/> needs the array position recorded by the query (positional <c>$</c>).</summary>
    public bool NeedsMatchDetails { get; }

    public static Projection? Parse(BsonDocument? spec)
    {
        if (spec is null || spec.ElementCount == 0)
        {
            return null;
        }

        var root = new ProjectionNode();
        bool? inclusion = null;
        var includeId = true;
        var positional = false;
        foreach (var element in spec)
        {
            var path = element.Name;
            var value = element.Value;
            if (path.Length == 0 || path.StartsWith('$'))
            {
                throw new MongoServerException(ErrorCodes.BadValue, $"FieldPath field names may not start with '$' or be empty: '{path}'");
            }

            ProjectionNode leaf;
            if (path.EndsWith(".$", StringComparison.Ordinal))
            {
                if (positional)
                {
                    throw new MongoServerException(31276, "Cannot specify more than one positional projection per query.");
                }

                positional = true;
                leaf = root.Add(path[..^2]);
                leaf.Kind = ProjectionKind.Positional;
                SetMode(ref inclusion, true, path);
                continue;
            }

            leaf = root.Add(path);
            switch (value)
            {
                case BsonDocument { ElementCount: 1 } op when op.GetElement(0).Name == "$slice":
                    leaf.Kind = ProjectionKind.Slice;
                    (leaf.SliceSkip, leaf.SliceLimit) = ParseSlice(op[0]);
                    break;
                case BsonDocument { ElementCount: 1 } op when op.GetElement(0).Name == "$elemMatch":
                    leaf.Kind = ProjectionKind.ElemMatch;
                    leaf.ElemMatch = op[0] is BsonDocument query
                        ? FilterParser.Parse(query)
                        : throw new MongoServerException(ErrorCodes.BadValue, "elemMatch: Invalid argument, object required.");
                    SetMode(ref inclusion, true, path);
                    break;
                case BsonBoolean or BsonInt32 or BsonInt64 or BsonDouble or BsonDecimal128:
                    var include = ExpressionValues.IsTruthy(value);
                    if (path == "_id")
                    {
                        includeId = include;
                        leaf.Kind = include ? ProjectionKind.Include : ProjectionKind.Exclude;
                        break;
                    }

                    leaf.Kind = include ? ProjectionKind.Include : ProjectionKind.Exclude;
                    SetMode(ref inclusion, include, path);
                    break;
                default:
                    leaf.Kind = ProjectionKind.Computed;
                    leaf.Expression = ExpressionParser.Parse(value);
                    SetMode(ref inclusion, true, path);
                    break;
            }
        }

        // Without other fields, {_id: 1} is an inclusion (only _id) and {_id: 0} or $slice an exclusion.
        var mode = inclusion ?? (includeId && root.Children.TryGetValue("_id", out var id) && id.Kind == ProjectionKind.Include);
        root.Seal();
        return new Projection(root, mode, includeId, positional);
    }

    public BsonDocument Apply(BsonDocument document, MatchDetails? details)
    {
        var result = _inclusion ? Include(document, _root, details, topLevel: true) : Exclude(document, _root, details);
        if (_inclusion && _root.HasComputed)
        {
            AddComputed(result, _root, new EvaluationContext(document));
        }

        return result;
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
                ? new MongoServerException(31253, $"Cannot do inclusion on field {path} in exclusion projection")
                : new MongoServerException(31254, $"Cannot do exclusion on field {path} in inclusion projection");
        }
    }

    private static (int Skip, int Limit) ParseSlice(BsonValue arg)
    {
        if (arg.IsNumeric)
        {
            var n = ClampToInt(arg);
            return n >= 0 ? (0, n) : (n, -n);
        }

        if (arg is BsonArray { Count: 2 } pair && pair[0].IsNumeric && pair[1].IsNumeric)
        {
            var limit = ClampToInt(pair[1]);
            if (limit <= 0)
            {
                throw new MongoServerException(28724, "$slice limit must be positive");
            }

            return (ClampToInt(pair[0]), limit);
        }

        throw new MongoServerException(28667, "$slice only supports numbers and [skip, limit] arrays");
    }

    private static int ClampToInt(BsonValue value) => (int)Math.Clamp(Math.Truncate(value.ToDouble()), int.MinValue, int.MaxValue);

    private BsonDocument Include(BsonDocument document, ProjectionNode node, MatchDetails? details, bool topLevel)
    {
        var result = new BsonDocument();
        foreach (var element in document)
        {
            if (topLevel && element.Name == "_id" && !node.Children.ContainsKey("_id"))
            {
                if (_includeId)
                {
                    result.Add(element.Name, element.Value);
                }

                continue;
            }

            if (!node.Children.TryGetValue(element.Name, out var child))
            {
                continue;
            }

            if (topLevel && element.Name == "_id" && child.Children.Count == 0 && child.Kind is ProjectionKind.Include or ProjectionKind.Exclude)
            {
                if (_includeId)
                {
                    result.Add(element.Name, element.Value);
                }

                continue;
            }

            if (ProjectValue(element.Value, child, details, inclusion: true) is { } projected)
            {
                result.Add(element.Name, projected);
            }
        }

        return result;
    }

    private BsonDocument Exclude(BsonDocument document, ProjectionNode node, MatchDetails? details)
    {
        var result = new BsonDocument(document.ElementCount);
        foreach (var element in document)
        {
            if (!node.Children.TryGetValue(element.Name, out var child))
            {
                result.Add(element.Name, element.Value);
                continue;
            }

            if (ProjectValue(element.Value, child, details, inclusion: false) is { } projected)
            {
                result.Add(element.Name, projected);
            }
        }

        return result;
    }

    /// <summary>The projected form of one field's value, or null to drop the field.</summary>
    private BsonValue? ProjectValue(BsonValue value, ProjectionNode node, MatchDetails? details, bool inclusion)
    {
        switch (node.Kind)
        {
            case ProjectionKind.Include:
                return value;
            case ProjectionKind.Exclude:
                return null;
            case ProjectionKind.Computed:
                return null; // added after the copied fields
            case ProjectionKind.Slice:
                return value is BsonArray array ? Slice(array, node.SliceSkip, node.SliceLimit) : value;
            case ProjectionKind.ElemMatch:
                if (value is BsonArray candidates)
                {
                    foreach (var item in candidates)
                    {
                        if (item is BsonDocument && node.ElemMatch!.Matches(item))
                        {
                            return new BsonArray { item };
                        }
                    }
                }

                return null;
            case ProjectionKind.Positional:
                if (value is not BsonArray positional)
                {
                    return value;
                }

                var index = details?.ArrayIndex ?? -1;
                if (index < 0 || index >= positional.Count)
                {
                    throw new MongoServerException(51246, "Executor error during find command :: caused by :: positional operator '.$' couldn't find a matching element in the array");
                }

                return new BsonArray { positional[index] };
            default: // Nested
                switch (value)
                {
                    case BsonDocument nested:
                        return inclusion ? Include(nested, node, details, topLevel: false) : Exclude(nested, node, details);
                    case BsonArray elements:
                        var mapped = new BsonArray(elements.Count);
                        foreach (var item in elements)
                        {
                            if (item is BsonDocument or BsonArray)
                            {
                                if (ProjectValue(item, node, details, inclusion) is { } projected)
                                {
                                    mapped.Add(projected);
                                }
                            }
                            else if (!inclusion)
                            {
                                mapped.Add(item);
                            }
                        }

                        return mapped;
                    default:
                        return inclusion ? null : value;
                }
        }
    }

    private static BsonArray Slice(BsonArray array, int skip, int limit)
    {
        var start = skip >= 0 ? Math.Min(skip, array.Count) : Math.Max(array.Count + skip, 0);
        var end = (int)Math.Min((long)start + limit, array.Count);
        var result = new BsonArray(Math.Max(end - start, 0));
        for (var i = start; i < end; i++)
        {
            result.Add(array[i]);
        }

        return result;
    }

    private static void AddComputed(BsonDocument target, ProjectionNode node, EvaluationContext context)
    {
        foreach (var (name, child) in node.Children)
        {
            if (child.Kind == ProjectionKind.Computed)
            {
                if (child.Expression!.Evaluate(context) is { } value)
                {
                    target.Set(name, value);
                }
            }
            else if (child.Kind == ProjectionKind.Nested && child.HasComputed)
            {
                if (!target.TryGetValue(name, out var existing) || existing is not BsonDocument sub)
                {
                    sub = new BsonDocument();
                    target.Set(name, sub);
                }

                AddComputed(sub, child, context);
            }
        }
    }

    private enum ProjectionKind
    {
        Nested,
        Include,
        Exclude,
        Slice,
        ElemMatch,
        Positional,
        Computed,
    }

    private sealed class ProjectionNode
    {
        public Dictionary<string, ProjectionNode> Children { get; } = new(StringComparer.Ordinal);

        public ProjectionKind Kind { get; set; }

        public int SliceSkip { get; set; }

        public int SliceLimit { get; set; }

        public FilterNode? ElemMatch { get; set; }

        public Expression? Expression { get; set; }

        /// <summary>Whether this node or one below is a computed field; fixed by <see cref="Seal"/> so Apply does not walk the tree.</summary>
        public bool HasComputed { get; private set; }

        public void Seal()
        {
            HasComputed = Kind == ProjectionKind.Computed;
            foreach (var child in Children.Values)
            {
                child.Seal();
                HasComputed |= child.HasComputed;
            }
        }

        public ProjectionNode Add(string path)
        {
            var node = this;
            var parts = path.Split('.');
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i].Length == 0)
                {
                    throw new MongoServerException(ErrorCodes.BadValue, $"FieldPath field names may not be empty strings: '{path}'");
                }

                if (node.Kind != ProjectionKind.Nested)
                {
                    throw new MongoServerException(31250, $"Path collision at {path}");
                }

                if (!node.Children.TryGetValue(parts[i], out var child))
                {
                    child = new ProjectionNode();
                    node.Children.Add(parts[i], child);
                }
                else if (i == parts.Length - 1)
                {
                    throw new MongoServerException(31250, $"Path collision at {path}");
                }

                node = child;
            }

            return node;
        }
    }
}

using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace OpenQuizz.Typed.Queries;

/// <summary>
/// Reads one variable that a query lambda captured, for the code the generator emits at the call: the lambda itself is
/// never run, so the values it closes over are read from its target (the compiler's closure object, or the instance
/// for a lambda that captures only <c>this</c>). The field is found by name once per call site and closure type and a
/// typed getter is compiled for it; each call then costs a type check and a delegate call.
/// </summary>
/// <typeparam name="T">The variable's declared type.</typeparam>
/// <remarks>
/// The path is the variable's name (a local or a parameter), <c>this</c>, or <c>this.member</c> for a field or
/// property of the enclosing instance (private ones included). Closures of nested scopes are followed through the
/// compiler's links between them. Not for use in application code.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CapturedValue<T>
{
    private const string ThisField = "<>4__this";
    private const string OuterScopePrefix = "CS$<>8__locals";
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private readonly string _name;
    private readonly string? _thisMember;
    private Reader? _reader;

    /// <param name="path">The variable: a name, <c>this</c>, or <c>this.member</c>.</param>
    public CapturedValue(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path == "this")
        {
            _name = "this";
        }
        else if (path.StartsWith("this.", StringComparison.Ordinal))
        {
            _name = "this";
            _thisMember = path["this.".Length..];
        }
        else
        {
            _name = path;
        }
    }

    /// <summary>Reads the variable from the target of the query delegate.</summary>
    /// <exception cref="InvalidOperationException">The delegate does not hold the variable (it was not written at the call).</exception>
    public T Read(Delegate query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var target = query.Target ?? throw NotFound(null);
        var reader = _reader;
        if (reader is null || reader.TargetType != target.GetType())
        {
            reader = Resolve(target.GetType());
            _reader = reader;
        }

        return reader.Get(target);
    }

    private sealed class Reader(Type targetType, Func<object, T> get)
    {
        public Type TargetType { get; } = targetType;

        public Func<object, T> Get { get; } = get;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The closure's fields are read by the compiled lambda itself, so trimming keeps them; a member of 'this' read by the query is likewise referenced by the lambda's body.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "See IL2075.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Expression.Compile falls back to the interpreter where dynamic code is not supported.")]
    private Reader Resolve(Type targetType)
    {
        var source = Expression.Parameter(typeof(object), "target");
        Expression? current = null;

        var wanted = _name == "this" ? ThisField : _name;
        current = FindField(Expression.Convert(source, targetType), targetType, wanted, depth: 0);

        // A lambda that captures only 'this' is an instance method of the enclosing type: its target is the instance,
        // not a closure of the compiler's (whose names start with "<>").
        if (current is null && _name == "this" && !targetType.Name.StartsWith("<>", StringComparison.Ordinal))
        {
            current = Expression.Convert(source, targetType);
        }

        if (current is null)
        {
            throw NotFound(targetType);
        }

        if (_thisMember is not null)
        {
            var member = (MemberInfo?)FindFieldInfo(current.Type, _thisMember) ?? FindProperty(current.Type, _thisMember);
            current = member switch
            {
                FieldInfo f => Expression.Field(current, f),
                PropertyInfo p => Expression.Property(current, p),
                _ => throw NotFound(targetType),
            };
        }

        if (current.Type != typeof(T))
        {
            current = Expression.Convert(current, typeof(T));
        }

        var getter = Expression.Lambda<Func<object, T>>(current, source).Compile(preferInterpretation: !RuntimeFeature.IsDynamicCodeCompiled);
        return new Reader(targetType, getter);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "See Resolve.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "See Resolve.")]
    private static Expression? FindField(Expression instance, Type type, string name, int depth)
    {
        if (FindFieldInfo(type, name) is { } field)
        {
            return Expression.Field(instance, field);
        }

        if (depth > 16)
        {
            return null;
        }

        // Variables of enclosing scopes live in the outer scopes' closures, linked by compiler-named fields.
        foreach (var link in type.GetFields(Instance))
        {
            if (link.Name.StartsWith(OuterScopePrefix, StringComparison.Ordinal)
                && FindField(Expression.Field(instance, link), link.FieldType, name, depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "See Resolve.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "See Resolve.")]
    private static FieldInfo? FindFieldInfo(Type type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.GetField(name, Instance | BindingFlags.DeclaredOnly) is { } field)
            {
                return field;
            }
        }

        return null;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "See Resolve.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "See Resolve.")]
    private static PropertyInfo? FindProperty(Type type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.GetProperty(name, Instance | BindingFlags.DeclaredOnly) is { } property)
            {
                return property;
            }
        }

        return null;
    }

    private InvalidOperationException NotFound(Type? targetType) => new(
        $"The query's captured variable '{(_thisMember is null ? _name : "this." + _thisMember)}' was not found in the delegate's target ({targetType?.FullName ?? "none"}). "
        + "The generated query code must be called with the lambda written at the call; please report this with the query's source.");
}

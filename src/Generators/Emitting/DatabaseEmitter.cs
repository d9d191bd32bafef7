using Microsoft.CodeAnalysis.CSharp;
using OpenQuizz.Typed.Generators.Model;
using OpenQuizz.Typed.Generators.Parsing;

namespace OpenQuizz.Typed.Generators.Emitting;

/// <summary>Emits the generated half of a <c>[MongoDatabase]</c> class: constructors, <c>Database</c>, and each collection property wired to its codec.</summary>
internal static class DatabaseEmitter
{
    public static string Emit(DatabaseSpec spec)
    {
        var w = new SourceWriter();
        w.Line(Names.Header);
        w.Line("#nullable enable");
        w.Line();
        var depth = 0;
        if (spec.Namespace is not null)
        {
            w.Open("namespace " + spec.Namespace);
            depth++;
        }

        foreach (var containing in spec.ContainingTypes)
        {
            w.Open(Naming.PartialDeclaration(containing.Keyword, containing.NameWithTypeParameters));
            depth++;
        }

        w.Open(Naming.PartialDeclaration(spec.Keyword, spec.NameWithTypeParameters));
        depth++;

        w.Line("/// <summary>The name of the database this class opens.</summary>");
        w.Line(Names.GeneratedCodeAttribute);
        w.Line($"public const string DatabaseName = {SymbolDisplay.FormatLiteral(spec.DatabaseName, quote: true)};");
        w.Line();
        foreach (var collection in spec.Collections)
        {
            w.Line(Names.GeneratedCodeAttribute);
            w.Line($"private readonly {Names.MongoCollection}<{collection.DocumentTypeName}> {Field(collection)};");
            w.Line();
        }

        w.Line($"/// <summary>Opens the database <c>{spec.DatabaseName}</c> of <paramref name=\"client\"/>; no I/O happens until an operation runs.</summary>");
        w.Line(Names.GeneratedCodeAttribute);
        w.Line($"public {spec.ClassName}({Names.MongoClient} client)");
        w.Line($"    : this((client ?? throw new {Names.ArgumentNullException}(nameof(client))).GetDatabase(DatabaseName))");
        w.OpenBlock();
        w.Close();
        w.Line();
        w.Line("/// <summary>Wraps <paramref name=\"database\"/> (for example one opened with other options).</summary>");
        w.Line(Names.GeneratedCodeAttribute);
        w.Open($"public {spec.ClassName}({Names.MongoDatabase} database)");
        w.Line($"{Names.ArgumentNullException}.ThrowIfNull(database);");
        w.Line("Database = database;");
        foreach (var collection in spec.Collections)
        {
            w.Line($"{Field(collection)} = database.GetCollection<{collection.DocumentTypeName}>({SymbolDisplay.FormatLiteral(collection.CollectionName, quote: true)}, {collection.CodecExpression});");
        }

        w.Close();
        w.Line();
        w.Line("/// <summary>The database this class wraps.</summary>");
        w.Line(Names.GeneratedCodeAttribute);
        w.Line($"public {Names.MongoDatabase} Database {{ get; }}");
        foreach (var collection in spec.Collections)
        {
            w.Line();
            w.Line(Names.GeneratedCodeAttribute);
            w.Line($"{collection.Modifiers} partial {Names.MongoCollection}<{collection.DocumentTypeName}> {collection.PropertyName} => {Field(collection)};");
        }

        for (var i = 0; i < depth; i++)
        {
            w.Close();
        }

        return w.ToString();
    }

    private static string Field(CollectionPropertySpec collection) => "__" + collection.PropertyName;
}

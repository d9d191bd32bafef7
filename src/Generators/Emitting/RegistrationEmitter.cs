using System.Collections.Generic;
using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Emitting;

/// <summary>
/// Emits the assembly's registration class: a module initializer that registers every generated codec in
/// BsonCodecRegistry and every database class in MongoDatabaseRegistry, after running the registrations of the
/// referenced assemblies (so the entry assembly's initializer covers libraries that are not loaded yet).
/// </summary>
internal static class RegistrationEmitter
{
    public static string? Emit(AssemblySpec assembly, IReadOnlyList<CodecRegistration> codecs, IReadOnlyList<DatabaseSpec> databases, IReadOnlyList<SerializerRegistration>? serializers = null)
    {
        if (codecs.Count == 0 && databases.Count == 0 && assembly.ReferencedRegistrations.Count == 0)
        {
            return null;
        }

        var cls = assembly.RegistrationsClassName;
        var w = new SourceWriter();
        w.Line(Names.Header);
        w.Line("#nullable enable");
        w.Line("#pragma warning disable CA2255 // A library registers its generated codecs from a module initializer on purpose: it replaces reflection.");
        w.Line();
        w.Line($"[assembly: {Names.RegistrationsAttribute}(typeof(global::OpenQuizz.Typed.Generated.{cls}))]");
        w.Line();
        w.Open("namespace OpenQuizz.Typed.Generated");
        w.Line($"/// <summary>Registers the BSON codecs and database classes generated for {CodecEmitter.Xml(assembly.AssemblyName)}.</summary>");
        w.Line(Names.GeneratedCodeAttribute);
        w.Line($"[{Names.EditorBrowsableNever}]");
        w.Open($"public static class {cls}");
        w.Line("private static int s_registered;");
        w.Line();
        w.Line($"[{Names.ModuleInitializer}]");
        w.Line("internal static void Initialize() => Register();");
        w.Line();
        w.Line("/// <summary>Registers everything once; later calls return at once. Codecs registered earlier by hand are kept.</summary>");
        w.Open("public static void Register()");
        w.Open($"if ({Names.Interlocked}.Exchange(ref s_registered, 1) != 0)");
        w.Line("return;");
        w.Close();
        w.Line();
        foreach (var referenced in assembly.ReferencedRegistrations)
        {
            w.Line($"{referenced}.Register();");
        }

        foreach (var codec in codecs)
        {
            w.Line($"{Names.BsonCodecRegistry}.TryRegister<{codec.TypeName}>({codec.CodecExpression});");
        }

        // MongoDB.Bson's serializers over the codecs just registered (SerializerEmitter).
        SerializerEmitter.EmitRegistrations(w, serializers ?? []);

        foreach (var database in databases)
        {
            w.Line($"{Names.DatabaseRegistry}.Register(new {Names.DatabaseRegistration}(");
            w.Line($"    typeof({database.TypeName}),");
            w.Line($"    {database.TypeName}.DatabaseName,");
            w.Line($"    static client => new {database.TypeName}(client),");
            w.Line($"    static database => new {database.TypeName}(database)));");
        }

        w.Close();
        w.Close();
        w.Close();
        return w.ToString();
    }

}

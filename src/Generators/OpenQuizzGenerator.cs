using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Emitting;
using OpenQuizz.Typed.Generators.Model;
using OpenQuizz.Typed.Generators.Parsing;
using OpenQuizz.Typed.Generators.Queries;

namespace OpenQuizz.Typed.Generators;

/// <summary>
/// Entry point of the OpenQuizz.Typed source generators: BSON codecs for <c>[MongoDocument]</c> types and the types
/// they reach, <c>[MongoDatabase]</c> accessors, and the per-assembly registration module initializer. Each step
/// parses symbols into equatable models (no symbols, syntax or locations survive parsing), so edits that leave the
/// models equal stop at the model comparison.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OpenQuizzGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var documents = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.MongoDocumentAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => DocumentParser.ParseDocument(ctx, ct))
            .WithTrackingName(TrackingNames.Documents);

        var databases = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.MongoDatabaseAttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => DatabaseParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Databases);

        var assembly = context.CompilationProvider
            .Select(static (compilation, _) => ParseAssembly(compilation))
            .WithTrackingName(TrackingNames.Assembly);

        // Reachable types are found from several roots: merge, keep one spec per codec.
        var documentResults = documents.Collect()
            .Combine(databases.Select(static (d, _) => d.Documents).Collect())
            .Select(static (pair, _) => Merge(pair.Left.AddRange(pair.Right)))
            .WithTrackingName(TrackingNames.Codecs);

        var databaseModels = databases
            .Select(static (d, _) => d.Database)
            .WithTrackingName(TrackingNames.DatabaseModels);

        var diagnostics = documents.Select(static (d, _) => d.Diagnostics).Collect()
            .Combine(databases.Select(static (d, _) => new EquatableArray<DiagnosticInfo>(d.Diagnostics.Concat(d.Documents.Diagnostics))).Collect())
            .Select(static (pair, _) => pair.Left.AddRange(pair.Right).SelectMany(d => d).Distinct().ToEquatableArray())
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (spc, items) =>
        {
            foreach (var item in items)
            {
                spc.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        // One item per codec, so that an unchanged codec is not emitted again when another document type is edited.
        var codecs = documentResults
            .SelectMany(static (result, _) => result.Codecs)
            .WithTrackingName(TrackingNames.CodecOutputs);

        context.RegisterSourceOutput(codecs, static (spc, codec) =>
        {
            spc.AddSource(codec.HintName, CodecEmitter.Emit(codec));
            if (SerializerEmitter.HasSerializer(codec))
            {
                spc.AddSource(SerializerEmitter.HintName(codec), SerializerEmitter.Emit(codec));
            }
        });

        context.RegisterSourceOutput(databaseModels, static (spc, database) =>
        {
            if (database is not null)
            {
                spc.AddSource(database.HintName, DatabaseEmitter.Emit(database));
            }
        });

        // Each query lambda is its own model and its own output: editing one query leaves the others cached.
        var queries = context.SyntaxProvider
            .CreateSyntaxProvider(QueryParser.IsCandidate, QueryParser.Parse)
            .Where(static q => q is not null)
            .Select(static (q, _) => q!)
            .WithTrackingName(TrackingNames.Queries);

        context.RegisterSourceOutput(queries, static (spc, query) =>
        {
            foreach (var diagnostic in query.Diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (query.Interceptor is not null)
            {
                spc.AddSource(query.HintName, query.Interceptor);
            }
        });

        var registrations = documentResults
            .Combine(databaseModels.Collect())
            .Combine(assembly)
            .Select(static (input, _) => (Assembly: input.Right, Codecs: RegistrationsOf(input.Left.Left), Databases: input.Left.Right.Where(d => d is { CanRegister: true }).Select(d => d!).ToEquatableArray(), Serializers: SerializerEmitter.RegistrationsOf(input.Left.Left.Codecs)))
            .WithTrackingName(TrackingNames.Registrations);

        context.RegisterSourceOutput(registrations, static (spc, input) =>
        {
            var source = RegistrationEmitter.Emit(input.Assembly, input.Codecs, input.Databases, input.Serializers);
            if (source is not null)
            {
                spc.AddSource("OpenQuizzRegistrations.g.cs", source);
            }
        });
    }

    private static DocumentParseResult Merge(ImmutableArray<DocumentParseResult> results)
    {
        var codecs = new Dictionary<string, CodecSpec>();
        var registrations = new Dictionary<string, CodecRegistration>();
        foreach (var result in results)
        {
            foreach (var codec in result.Codecs)
            {
                if (!codecs.ContainsKey(codec.TypeName))
                {
                    codecs.Add(codec.TypeName, codec);
                }
            }

            foreach (var registration in result.Registrations)
            {
                if (!registrations.ContainsKey(registration.TypeName))
                {
                    registrations.Add(registration.TypeName, registration);
                }
            }
        }

        // Sorted so that the merged model does not depend on the order the roots were visited in.
        return new DocumentParseResult(
            codecs.Values.OrderBy(c => c.TypeName, System.StringComparer.Ordinal).ToEquatableArray(),
            registrations.Values.OrderBy(r => r.TypeName, System.StringComparer.Ordinal).ToEquatableArray(),
            EquatableArray<DiagnosticInfo>.Empty);
    }

    private static EquatableArray<CodecRegistration> RegistrationsOf(DocumentParseResult result)
    {
        var list = new List<CodecRegistration>();
        var seen = new HashSet<string>();
        foreach (var codec in result.Codecs)
        {
            if (codec.CanRegister && seen.Add(codec.TypeName))
            {
                list.Add(new CodecRegistration(codec.TypeName, codec.CodecTypeName + ".Default"));
            }
        }

        foreach (var registration in result.Registrations)
        {
            if (seen.Add(registration.TypeName))
            {
                list.Add(registration);
            }
        }

        return list.ToEquatableArray();
    }

    private static AssemblySpec ParseAssembly(Compilation compilation)
    {
        var attribute = compilation.GetTypeByMetadataName("OpenQuizz.Typed.Bson.Codecs.MongoGeneratedRegistrationsAttribute");
        var referenced = new List<string>();
        if (attribute is not null)
        {
            foreach (var reference in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                foreach (var data in reference.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute) &&
                        data.ConstructorArguments.Length == 1 &&
                        data.ConstructorArguments[0].Value is INamedTypeSymbol type &&
                        compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
                    {
                        referenced.Add(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                    }
                }
            }
        }

        referenced.Sort(System.StringComparer.Ordinal);
        var name = compilation.AssemblyName ?? "Assembly";
        return new AssemblySpec(name, "OpenQuizzRegistrations_" + Naming.Identifier(name), referenced.ToEquatableArray());
    }
}

using Microsoft.CodeAnalysis;

namespace OpenQuizz.Typed.Generators;

/// <summary>
/// Entry point of the OpenQuizz.Typed source generators. The codec, accessor and query
/// pipelines are registered here as they are built.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OpenQuizzGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}

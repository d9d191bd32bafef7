namespace OpenQuizz.Typed.Generators;

/// <summary>The tracking names of the pipeline steps; tests read the steps by these names to prove caching.</summary>
public static class TrackingNames
{
    public const string Documents = nameof(Documents);
    public const string Databases = nameof(Databases);
    public const string Codecs = nameof(Codecs);
    public const string Registrations = nameof(Registrations);
    public const string DatabaseModels = nameof(DatabaseModels);
    public const string Assembly = nameof(Assembly);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Queries = nameof(Queries);
    public const string CodecOutputs = nameof(CodecOutputs);
}

namespace OpenQuizz.Typed.Generators;

/// <summary>The tracking names of the pipeline steps; tests read the steps by these names to prove caching.</summary>
public static class TrackingNames
{
    public const string Documents = nameof(Documents);
    public const string Databases = nameof(Databases);
    public const string Codecs = nameof(Codecs);

    /// <summary>One item per codec to emit (after <see cref="Codecs"/> merged the specs found from every root).</summary>
    public const string CodecOutputs = nameof(CodecOutputs);
    public const string Registrations = nameof(Registrations);
    public const string DatabaseModels = nameof(DatabaseModels);
    public const string Assembly = nameof(Assembly);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Queries = nameof(Queries);
}

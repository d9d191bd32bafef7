using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenQuizz.Typed.Conformance.Infrastructure;

/// <summary>
/// Finds the JSON test vectors of the MongoDB specifications and turns their cases into theory data. The root is
/// <c>OPENQUIZZ_SPECS</c> when set, else <c>../shared/specs</c> beside the repository root (the folder holding
/// <c>OpenQuizz.Typed.sln</c>). A suite is a folder under the root (such as <c>uri-options</c> or <c>auth/legacy</c>);
/// each JSON file below it holds arrays of cases, and each case becomes one test identified by a string such as
/// <c>uri-options/tls-options.json#12</c> (or <c>bson-corpus/int32.json#valid/3</c> for an array not named <c>tests</c>).
/// </summary>
public static class SpecFiles
{
    /// <summary>The environment variable naming the specs root.</summary>
    public const string EnvironmentVariable = "OPENQUIZZ_SPECS";

    /// <summary>The array name used when none is given.</summary>
    public const string DefaultArray = "tests";

    private const string MissingMarker = "#missing";

    private static readonly ConcurrentDictionary<string, JsonDocument> Documents = new(StringComparer.Ordinal);

    /// <summary>The specs root (which may not exist).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The full path of a suite folder such as <c>auth/legacy</c>, or null when it does not exist.</summary>
    public static string? Folder(string suite)
    {
        ArgumentException.ThrowIfNullOrEmpty(suite);
        var path = Path.Combine(Root, suite.Replace('/', Path.DirectorySeparatorChar));
        return Directory.Exists(path) ? path : null;
    }

    /// <summary>The JSON files of a suite, recursively, as root-relative paths with '/' (ordinal order); empty when missing.</summary>
    public static IReadOnlyList<string> Files(string suite)
    {
        if (Folder(suite) is not { } folder)
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// One theory row per case of the given arrays (default <c>tests</c>) in every file of the suite, displayed with the
    /// case's description. A missing folder yields one row that <see cref="Load"/> turns into a skip.
    /// </summary>
    public static TheoryData<string> Cases(string suite, params string[] arrays)
    {
        if (arrays.Length == 0)
        {
            arrays = [DefaultArray];
        }

        var data = new TheoryData<string>();
        if (Folder(suite) is null)
        {
            data.Add(new TheoryDataRow<string>(suite + MissingMarker).WithTestDisplayName($"{suite}: spec folder not found"));
            return data;
        }

        foreach (var file in Files(suite))
        {
            var root = Document(file).RootElement;
            foreach (var array in arrays)
            {
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(array, out var cases) || cases.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                var index = 0;
                foreach (var item in cases.EnumerateArray())
                {
                    var id = CaseId(file, array, index++);
                    var description = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
                        ? d.GetString()
                        : null;
                    data.Add(new TheoryDataRow<string>(id).WithTestDisplayName(description is null ? id : $"{id}: {description}"));
                }
            }
        }

        return data;
    }

    /// <summary>Loads one case; skips the test (with the reason) when its suite folder is missing.</summary>
    public static SpecCase Load(string caseId)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        if (caseId.EndsWith(MissingMarker, StringComparison.Ordinal))
        {
            var suite = caseId[..^MissingMarker.Length];
            Assert.Skip($"Spec folder '{suite}' not found under '{Root}'; set {EnvironmentVariable} to the specs root.");
        }

        var hash = caseId.LastIndexOf('#');
        if (hash < 0)
        {
            throw new ArgumentException($"'{caseId}' is not a case id (file.json#index).", nameof(caseId));
        }

        var file = caseId[..hash];
        var position = caseId[(hash + 1)..];
        var slash = position.IndexOf('/');
        var array = slash < 0 ? DefaultArray : position[..slash];
        var index = int.Parse(slash < 0 ? position : position[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var root = Document(file).RootElement;
        if (!root.TryGetProperty(array, out var cases) || index >= cases.GetArrayLength())
        {
            throw new InvalidOperationException($"{caseId}: the file has no case {index} in '{array}'.");
        }

        return new SpecCase(caseId, Path.Combine(Root, file), root, cases[index]);
    }

    /// <summary>The id of case <paramref name="index"/> of <paramref name="array"/> in a root-relative file.</summary>
    public static string CaseId(string file, string array, int index) =>
        array == DefaultArray ? $"{file}#{index}" : $"{file}#{array}/{index}";

    private static JsonDocument Document(string file) => Documents.GetOrAdd(file, static f =>
    {
        var path = Path.Combine(Root, f);
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{f}: not valid JSON ({e.Message}).", e);
        }
    });

    private static string FindRoot()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenQuizz.Typed.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "specs"));
            }
        }

        return Path.GetFullPath(Path.Combine("..", "shared", "specs"));
    }
}

/// <summary>One loaded case: its id, file, the whole file's JSON (for file-level fields) and the case's JSON.</summary>
/// <param name="Id">The case id, such as <c>uri-options/tls-options.json#12</c>.</param>
/// <param name="Path">The full path of the file.</param>
/// <param name="File">The root element of the file.</param>
/// <param name="Element">The case.</param>
public sealed record SpecCase(string Id, string Path, JsonElement File, JsonElement Element)
{
    /// <summary>Deserializes the case into a typed record; errors name the case and the JSON path.</summary>
    public T Deserialize<T>(JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return Element.Deserialize(typeInfo) ?? throw new InvalidDataException($"{Id}: the case is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Id}: cannot read the case at {e.Path ?? "$"} ({e.Message}).", e);
        }
    }
}

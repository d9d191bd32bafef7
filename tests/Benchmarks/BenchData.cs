using System.Formats.Tar;
using System.IO.Compression;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>
/// Finds the benchmark data sets (<c>../shared/bench-data</c> beside the repository, or <c>OPENQUIZZ_BENCH_DATA</c>)
/// and extracts an archive once into a temporary folder.
/// </summary>
internal static class BenchData
{
    public static string Folder()
    {
        var configured = Environment.GetEnvironmentVariable("OPENQUIZZ_BENCH_DATA");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenQuizz.Typed.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "bench-data"));
            }
        }

        throw new DirectoryNotFoundException("Benchmark data not found: set OPENQUIZZ_BENCH_DATA to the bench-data folder.");
    }

    /// <summary>The path of <paramref name="file"/> inside <paramref name="archive"/> (e.g. "extended_bson.tgz", "flat_bson.json").</summary>
    public static string Extract(string archive, string file)
    {
        var target = Path.Combine(Path.GetTempPath(), "openquizz-bench", Path.GetFileNameWithoutExtension(archive));
        if (!Directory.Exists(target))
        {
            var staging = target + "." + Environment.ProcessId;
            Directory.CreateDirectory(staging);
            using (var stream = File.OpenRead(Path.Combine(Folder(), archive)))
            using (var gzip = new GZipStream(stream, CompressionMode.Decompress))
            {
                TarFile.ExtractToDirectory(gzip, staging, overwriteFiles: true);
            }

            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return Directory.EnumerateFiles(target, file, SearchOption.AllDirectories).FirstOrDefault()
            ?? throw new FileNotFoundException($"{file} is not in {archive}.");
    }
}

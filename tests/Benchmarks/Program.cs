using BenchmarkDotNet.Running;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*Bson*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>
/// MB/s as the driver benchmark specification defines it: the task's fixed dataset size (10^6 bytes per MB)
/// divided by the median time of one operation.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Spec dataset bytes / median time of one operation, in 10^6 bytes per second";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        var dataset = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Dataset")?.Value as string;
        if (statistics is null || dataset is null || !Datasets.SpecSize.TryGetValue(dataset, out var bytes))
        {
            return "-";
        }

        return (bytes / (statistics.Median / 1e9) / 1e6).ToString("F1");
    }
}

/// <summary>Operations per second: one over the median time of one operation.</summary>
public sealed class OperationsPerSecondColumn : IColumn
{
    public string Id => nameof(OperationsPerSecondColumn);
    public string ColumnName => "ops/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Operations per second (1 / median time of one operation)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics ? (1e9 / statistics.Median).ToString("N0") : "-";
}

/// <summary>Adds the MB/s and ops/s columns and the memory diagnoser to every benchmark class.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddColumn(new ThroughputColumn());
        AddColumn(new OperationsPerSecondColumn());
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

internal static class Datasets
{
    /// <summary>The dataset sizes the benchmarking specifications give for scoring (bytes per operation).</summary>
    public static readonly Dictionary<string, long> SpecSize = new()
    {
        ["flat"] = 7531,
        ["deep"] = 1964,
        ["full"] = 5734,

        // odm-benchmarking.md: the flat model's small doc and the nested model's large doc.
        ["odm-flat"] = 250,
        ["odm-nested"] = 8000,
    };
}

namespace OpenQuizz.Typed;

/// <summary>
/// The options of the operations whose command takes <c>rawData</c> (aggregate, count, distinct, find, findAndModify,
/// insert, update, delete, bulk writes and the index commands): on MongoDB 8.2+ they then work on a time-series
/// collection's stored buckets instead of its documents.
/// </summary>
public interface IRawDataOptions
{
    /// <summary>
    /// True to read or write a time-series collection's raw buckets (sent as <c>rawData: true</c> to servers of wire
    /// version 27, MongoDB 8.2, and newer; older servers have no buckets to expose and are sent nothing).
    /// </summary>
    bool? RawData { get; }
}

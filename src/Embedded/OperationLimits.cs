namespace OpenQuizz.Typed.Embedded;

/// <summary>
/// The limits of the command running on this thread: its <c>maxTimeMS</c> deadline and the memory one stage or
/// expression may take. Commands run synchronously on one thread, so the dispatcher sets them once per command and
/// the loops that can run long or build large values (scans, pipeline stages, <c>$range</c>, <c>$reduce</c>…)
/// check them without every signature carrying them.
/// </summary>
internal static class OperationLimits
{
    /// <summary>mongod's internalQueryMaxBlockingSortMemoryUsageBytes, internalQueryMaxRangeBytes, internalQueryMaxPushBytes…: 100 MB.</summary>
    public const long DefaultMemoryBytes = 100L * 1024 * 1024;

    /// <summary>mongod's estimate of one value in an array it builds (sizeof(Value)).</summary>
    public const int ValueBytes = 16;

    [ThreadStatic]
    private static long _memoryBytes;

    [ThreadStatic]
    private static TimeProvider? _time;

    [ThreadStatic]
    private static DateTimeOffset _deadline;

    [ThreadStatic]
    private static int _ticks;

    /// <summary>The memory one stage, accumulator or expression may use.</summary>
    public static long MemoryBytes => _memoryBytes > 0 ? _memoryBytes : DefaultMemoryBytes;

    /// <summary>Sets the limits for the command about to run on this thread; dispose the result when it ends.</summary>
    public static Scope Enter(long memoryBytes, TimeSpan? maxTime, TimeProvider time)
    {
        var previous = new Scope(_memoryBytes, _time, _deadline);
        _memoryBytes = memoryBytes;
        _time = maxTime is null ? null : time;
        _deadline = maxTime is { } limit ? time.GetUtcNow() + limit : default;
        _ticks = 0;
        return previous;
    }

    /// <summary>
    /// Fails the command when <paramref name="bytes"/> pass the limit: with ExceededMemoryLimit (146) for an expression
    /// or accumulator, as mongod's <c>$range</c> and <c>$push</c> do; blocking stages pass
    /// QueryExceededMemoryLimitNoDiskUseAllowed (292), since this server never spills to disk.
    /// </summary>
    public static void CheckMemory(long bytes, string what, int code = ErrorCodes.ExceededMemoryLimit)
    {
        if (bytes > MemoryBytes)
        {
            throw new MongoServerException(code, $"{what} would use too much memory ({bytes} bytes) and cannot spill to disk. Memory limit: {MemoryBytes} bytes");
        }
    }

    /// <summary>Fails the command with MaxTimeMSExpired (50) once its deadline has passed; cheap enough for inner loops.</summary>
    public static void CheckTime()
    {
        if (_time is null || (++_ticks & 0xFF) != 0)
        {
            return;
        }

        CheckTimeNow();
    }

    /// <summary>Checks the deadline at once (before and between the steps of a command).</summary>
    public static void CheckTimeNow()
    {
        if (_time is { } time && time.GetUtcNow() > _deadline)
        {
            throw new MongoServerException(ErrorCodes.MaxTimeMSExpired, "operation exceeded time limit");
        }
    }

    /// <summary>Restores the limits of the enclosing command (nested dispatch, such as a command run inside another).</summary>
    internal readonly struct Scope(long memoryBytes, TimeProvider? time, DateTimeOffset deadline) : IDisposable
    {
        public void Dispose()
        {
            _memoryBytes = memoryBytes;
            _time = time;
            _deadline = deadline;
        }
    }
}

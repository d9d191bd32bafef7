namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>Every I/O test runs both ways: the async path and its synchronous twin.</summary>
public enum SyncOrAsync
{
    Sync,
    Async,
}

public static class SyncOrAsyncData
{
    public static TheoryData<SyncOrAsync> Both => new() { SyncOrAsync.Sync, SyncOrAsync.Async };
}

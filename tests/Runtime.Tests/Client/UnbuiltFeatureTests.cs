using MongoDB.Bson;

namespace OpenQuizz.Typed.Tests.Client;

/// <summary>Features that are not built yet refuse to be used rather than being silently ignored.</summary>
public class UnbuiltFeatureTests
{
    [Fact]
    public void A_client_with_timeoutMS_is_refused_with_what_to_use_instead()
    {
        var e = Assert.Throws<NotSupportedException>(() => new MongoClient("mongodb://127.0.0.1:1/?timeoutMS=500"));
        Assert.Contains("timeoutMS", e.Message);
        Assert.Contains("maxTimeMS", e.Message);
    }

    [Fact]
    public void A_per_operation_timeout_is_refused_where_it_is_set()
    {
        var e = Assert.Throws<NotSupportedException>(() => new FindOptions<MongoDB.Bson.BsonDocument> { Timeout = TimeSpan.FromSeconds(1) });
        Assert.Contains("not built yet", e.Message);
        Assert.Null(new FindOptions<MongoDB.Bson.BsonDocument> { Timeout = null }.Timeout);
    }

    [Fact]
    public void An_explicit_session_in_options_is_refused_rather_than_ignored()
    {
        var session = System.Reflection.DispatchProxy.Create<IClientSession, RefusingProxy>();
        Assert.Throws<NotSupportedException>(() => new InsertOneOptions { Session = session });
    }

    [Fact]
    public async Task Explicit_sessions_and_change_streams_throw_NotSupportedException()
    {
        await using var client = new MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100");
        IMongoClient api = client;
        await Assert.ThrowsAsync<NotSupportedException>(() => api.StartSessionAsync(null, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<NotSupportedException>(() => api.WatchAsync(Pipeline.Empty, null, TestContext.Current.CancellationToken));
    }

    public class RefusingProxy : System.Reflection.DispatchProxy
    {
        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) => throw new InvalidOperationException();
    }
}

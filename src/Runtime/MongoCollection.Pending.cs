namespace OpenQuizz.Typed;

// The IMongoCollection members whose operations are not built yet: explicit implementations that throw, replaced by the
// change streams issue.
public sealed partial class MongoCollection<TDocument>
{
    Task<IChangeStream<ChangeStreamDocument<TDocument>>> IMongoCollection<TDocument>.WatchAsync(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("WatchAsync");

    IChangeStream<ChangeStreamDocument<TDocument>> IMongoCollection<TDocument>.Watch(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("Watch");
}

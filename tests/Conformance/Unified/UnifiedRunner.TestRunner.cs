using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

// The special test-runner operations (object "testRunner").
public sealed partial class UnifiedRunner
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);

    private async Task RunTestRunnerOperationAsync(UnifiedOperation op, Arguments a)
    {
        switch (op.Name)
        {
            case "failPoint":
            {
                // Set through the named client, as the spec says (its checkout counts among the client's CMAP events);
                // its command events are not recorded (EventRecorder), and the runner's own client switches it off.
                var client = _entities.Get<ClientEntity>(a.String("client"));
                var failPoint = a.Document("failPoint");
                a.EnsureAllRead();
                await client.Client.GetDatabase("admin").RunCommandAsync(failPoint);
                _failPoints.Add(failPoint);
                break;
            }

            case "targetedFailPoint":
                throw new NotBuiltException("targetedFailPoint (needs a session pinned to a mongos)");
            case "assertCollectionExists":
            case "assertCollectionNotExists":
            {
                var names = await _target.InternalClient.GetDatabase(a.String("databaseName")).ListCollectionNamesAsync();
                var name = a.String("collectionName");
                a.EnsureAllRead();
                var exists = op.Name == "assertCollectionExists";
                if (names.Contains(name) != exists)
                {
                    Fail(op, $"collection {name} {(exists ? "exists" : "does not exist")}", $"collections [{string.Join(", ", names)}]");
                }

                break;
            }

            case "assertIndexExists":
            case "assertIndexNotExists":
            {
                var collection = _target.InternalClient.GetDatabase(a.String("databaseName")).GetCollection<BsonDocument>(a.String("collectionName"));
                var name = a.String("indexName");
                a.EnsureAllRead();
                List<BsonDocument> indexes;
                try
                {
                    indexes = await (await collection.Indexes.ListAsync()).ToListAsync();
                }
                catch (MongoCommandException e) when (e.CodeName == "NamespaceNotFound")
                {
                    indexes = [];
                }

                var exists = op.Name == "assertIndexExists";
                if (indexes.Any(i => i.GetValue("name", "").ToString() == name) != exists)
                {
                    Fail(op, $"index {name} {(exists ? "exists" : "does not exist")}", new BsonArray(indexes).ToJson());
                }

                break;
            }

            case "assertNumberConnectionsCheckedOut":
            {
                var client = _entities.Get<ClientEntity>(a.String("client"));
                var expected = a.Int("connections");
                a.EnsureAllRead();
                if (client.Recorder.CheckedOut != expected)
                {
                    Fail(op, $"{expected} connections checked out", client.Recorder.CheckedOut.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            }

            case "createEntities":
                foreach (var entity in a.Required("entities").AsBsonArray)
                {
                    var d = entity.AsBsonDocument;
                    _entities.Create(new EntityDefinition(d.GetElement(0).Name, d[0]["id"].AsString, d[0].AsBsonDocument, op.JsonPath + ".arguments.entities"));
                }

                a.EnsureAllRead();
                break;
            case "assertEventCount":
            case "waitForEvent":
            {
                var client = _entities.Get<ClientEntity>(a.String("client"));
                var expected = a.Document("event");
                var count = a.Int("count")!.Value;
                a.EnsureAllRead();
                int Count() => client.Recorder.Events.Count(e => MatchEvent(expected, e) is null);
                if (op.Name == "assertEventCount")
                {
                    if (Count() != count)
                    {
                        Fail(op, $"{count} events matching {expected.ToJson()}", Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
                }

                using var timeout = new CancellationTokenSource(EventTimeout);
                while (Count() < count)
                {
                    try
                    {
                        await client.Recorder.NextEventAsync().WaitAsync(timeout.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        Fail(op, $"{count} events matching {expected.ToJson()} within {EventTimeout.TotalSeconds} s", Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                break;
            }

            case "wait":
                await Task.Delay(TimeSpan.FromMilliseconds(a.Long("ms")!.Value));
                break;
            case "loop":
                throw new NotBuiltException("the loop operation (its iteration and error entities) in this runner");
            case "runOnThread":
            case "waitForThread":
                throw new NotBuiltException("thread entities (runOnThread) in this runner");
            case "assertSessionTransactionState":
            case "assertSessionPinned":
            case "assertSessionUnpinned":
            case "assertSessionDirty":
            case "assertSessionNotDirty":
            case "assertSameLsidOnLastTwoCommands":
            case "assertDifferentLsidOnLastTwoCommands":
                throw new NotBuiltException("explicit sessions");
            case "assertTopologyType":
            case "recordTopologyDescription":
            case "waitForPrimaryChange":
                throw new NotBuiltException("topology description assertions in this runner");
            default:
                throw new UnmappedOperationException(op);
        }
    }
}

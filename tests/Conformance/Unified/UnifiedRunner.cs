using System.Collections.Concurrent;
using System.Text;
using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>
/// Runs one case of the unified test format: picks a target its requirements allow, loads <c>initialData</c>, creates
/// the entities, runs the operations with their expectations, then checks <c>expectEvents</c> and <c>outcome</c>.
/// </summary>
public sealed partial class UnifiedRunner : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, UnifiedFile> Files = new(StringComparer.Ordinal);

    private readonly UnifiedFile _file;
    private readonly UnifiedTest _test;
    private readonly UnifiedTarget _target;
    private readonly EntityMap _entities;
    private readonly ValueMatcher _matcher;
    private readonly List<BsonDocument> _failPoints = [];
    private readonly StringBuilder _log = new();

    private UnifiedRunner(UnifiedFile file, UnifiedTest test, UnifiedTarget target)
    {
        _file = file;
        _test = test;
        _target = target;
        _entities = new EntityMap(target);
        _matcher = new ValueMatcher(_entities.Bson);
    }

    /// <summary>Loads (once) and parses a file under the specs root, such as <c>unified/crud/find.json</c>.</summary>
    public static UnifiedFile LoadFile(string relativePath)
    {
        if (Files.TryGetValue(relativePath, out var cached))
        {
            return cached;
        }

        // Not cached on failure: the error is thrown again, with its file and path, by the case that reports it.
        var parsed = UnifiedParser.Parse(relativePath, File.ReadAllText(Path.Combine(Infrastructure.SpecFiles.Root, relativePath)));
        return Files.GetOrAdd(relativePath, parsed);
    }

    /// <summary>Runs case <paramref name="index"/> of <paramref name="relativePath"/>; skips it (with the reason) when it cannot apply.</summary>
    public static async Task RunAsync(string relativePath, int index, string caseId)
    {
        var file = LoadFile(relativePath);
        var test = file.Tests[index];
        if (UnifiedSkips.Reason(caseId, relativePath, test) is { } skip)
        {
            Assert.Skip(skip);
        }

        var schema = UnifiedTarget.ParseVersion(file.SchemaVersion);
        if (schema.Major != 1 || schema.Minor > UnifiedParser.SupportedSchema.Minor)
        {
            Assert.Skip($"schemaVersion {file.SchemaVersion} is newer than this runner reads ({UnifiedParser.SupportedSchema}).");
        }

        var target = await PickTargetAsync(file, test);
        await using var runner = new UnifiedRunner(file, test, target);
        try
        {
            await runner.RunAsync();
        }
        catch (NotBuiltException e)
        {
            Assert.Skip(e.Message);
        }
    }

    private static async Task<UnifiedTarget> PickTargetAsync(UnifiedFile file, UnifiedTest test)
    {
        var reasons = new List<string>();
        foreach (var candidate in UnifiedTarget.Candidates())
        {
            var target = await UnifiedTarget.GetAsync(candidate);
            var unmet = await Requirements.UnmetAsync(file.RunOnRequirements, target) ?? await Requirements.UnmetAsync(test.RunOnRequirements, target);
            if (unmet is null)
            {
                return target;
            }

            reasons.Add(unmet);
        }

        Assert.Skip("runOnRequirements not met: " + string.Join(" | ", reasons.Distinct()));
        throw new InvalidOperationException("unreachable");
    }

    private async Task RunAsync()
    {
        _log.AppendLine($"target: {_target.Name} ({_target.Topology}, server {_target.ServerVersion})");
        await LoadDataAsync(_file.InitialData);
        foreach (var definition in _file.CreateEntities)
        {
            _entities.Create(definition);
        }

        foreach (var operation in _test.Operations)
        {
            await RunOperationAsync(operation);
        }

        foreach (var expected in _test.ExpectEvents)
        {
            CheckEvents(expected);
        }

        foreach (var outcome in _test.Outcome)
        {
            await CheckOutcomeAsync(outcome);
        }
    }

    private async Task RunOperationAsync(UnifiedOperation op)
    {
        _log.AppendLine($"operation {op}");
        object? result = null;
        Exception? error = null;
        var args = new Arguments(op);
        try
        {
            if (op.Object == "testRunner")
            {
                await RunTestRunnerOperationAsync(op, args);
                return;
            }

            args.Common();
            result = _entities.Get(op.Object) switch
            {
                IMongoCollection<BsonDocument> c => await CollectionOperations.RunAsync(c, op, args),
                IMongoDatabase d => await DatabaseOperations.RunAsync(d, op, args),
                ClientEntity client => await DatabaseOperations.RunAsync(client, op, args),
                CursorEntity cursor => await cursor.RunAsync(op, args),
                var other => throw new NotBuiltException($"operations on {other.GetType().Name} entities in this runner"),
            };
        }
        catch (NotBuiltException)
        {
            throw;
        }
        catch (NotSupportedException e) when (e.Message.Contains("not built", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotBuiltException($"{op.Name}: {e.Message}");
        }
        catch (Exception e) when (e is not (UnmappedArgumentException or UnmappedOperationException or InvalidDataException) && op.Object != "testRunner")
        {
            error = e;
        }

        args.EnsureAllRead();
        if (op.IgnoreResultAndError)
        {
            return;
        }

        if (op.ExpectError is { } expectedError)
        {
            if (error is null)
            {
                Fail(op, $"expected an error {expectedError.Raw.ToJson()}", $"a result {Show(result)}");
            }

            if (ErrorMatcher.Match(expectedError, error!, _matcher) is { } failure)
            {
                Fail(op, expectedError.Raw.ToJson(), failure);
            }

            return;
        }

        if (error is not null)
        {
            Fail(op, op.ExpectResult is { } r ? r.ToJson() : "success", ErrorMatcher.Describe(error) + Environment.NewLine + error);
        }

        if (op.ExpectResult is { } expected)
        {
            var actual = result as BsonValue;
            if (actual is null && result is not null)
            {
                Fail(op, expected.ToJson(), $"an entity of type {result.GetType().Name}");
            }

            if (_matcher.Match(expected, actual) is { } failure)
            {
                Fail(op, expected.ToJson(), $"{Show(result)}{Environment.NewLine}  mismatch: {failure}");
            }
        }

        if (op.SaveResultAsEntity is { } id)
        {
            _entities.Add(id, result ?? BsonNull.Value);
        }
    }

    private void CheckEvents(ExpectedEventsForClient expected)
    {
        if (expected.EventType is not ("command" or "cmap" or "sdam"))
        {
            throw new NotBuiltException($"{expected.EventType} event expectations in this runner");
        }

        var actual = _entities.Get<ClientEntity>(expected.Client).Recorder.Events.Where(e => e.EventType == expected.EventType).ToArray();
        var shown = string.Join(Environment.NewLine, actual.Select(e => $"    {e.Name} {e.Fields.ToJson()}"));
        if (expected.IgnoreExtraEvents ? actual.Length < expected.Events.Count : actual.Length != expected.Events.Count)
        {
            Assert.Fail($"{_log}expectEvents for {expected.Client} ({expected.EventType}): expected {expected.Events.Count} events{Environment.NewLine}" +
                $"  expected: {new BsonArray(expected.Events).ToJson()}{Environment.NewLine}  actual ({actual.Length}):{Environment.NewLine}{shown}");
        }

        for (var i = 0; i < expected.Events.Count; i++)
        {
            if (MatchEvent(expected.Events[i], actual[i]) is { } failure)
            {
                Assert.Fail($"{_log}expectEvents for {expected.Client}, event {i}: {failure}{Environment.NewLine}" +
                    $"  expected: {expected.Events[i].ToJson()}{Environment.NewLine}  actual:{Environment.NewLine}{shown}");
            }
        }
    }

    /// <summary>Null when the observed event matches the expected <c>{ eventName: { fields } }</c>.</summary>
    private string? MatchEvent(BsonDocument expected, ObservedEvent actual)
    {
        var name = expected.GetElement(0).Name;
        if (name != actual.Name)
        {
            return $"expected a {name}, observed a {actual.Name}";
        }

        foreach (var field in expected[0].AsBsonDocument)
        {
            var root = field.Name is "command" or "reply";
            if (_matcher.Match(field.Value, actual.Fields.GetValue(field.Name, null), root, $"{name}.{field.Name}") is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private async Task LoadDataAsync(IReadOnlyList<CollectionData> data)
    {
        foreach (var collection in data)
        {
            var db = _target.InternalClient.GetDatabase(collection.DatabaseName, new DatabaseOptions { WriteConcern = WriteConcern.WMajority });
            await db.DropCollectionAsync(collection.CollectionName);
            if (collection.CreateOptions is { } create)
            {
                var command = new BsonDocument("create", collection.CollectionName);
                command.Merge(create);
                command["writeConcern"] = new BsonDocument("w", "majority");
                await db.RunCommandAsync(command);
            }

            if (collection.Documents.Count > 0)
            {
                await db.GetCollection<BsonDocument>(collection.CollectionName).InsertManyAsync(collection.Documents);
            }
            else if (collection.CreateOptions is null)
            {
                await db.CreateCollectionAsync(collection.CollectionName);
            }
        }
    }

    private async Task CheckOutcomeAsync(CollectionData expected)
    {
        var collection = _target.InternalClient
            .GetDatabase(expected.DatabaseName, new DatabaseOptions { ReadConcern = ReadConcern.Local, ReadPreference = ReadPreference.Primary })
            .GetCollection<BsonDocument>(expected.CollectionName);
        var actual = await collection.Find(new BsonDocument(), new FindOptions<BsonDocument> { Sort = new BsonDocument("_id", 1) }).ToListAsync();
        var failure = actual.Count != expected.Documents.Count
            ? $"expected {expected.Documents.Count} documents, found {actual.Count}"
            : Enumerable.Range(0, actual.Count).Select(i => _matcher.Match(expected.Documents[i], actual[i], root: false, $"[{i}]")).FirstOrDefault(f => f is not null);
        if (failure is not null)
        {
            Assert.Fail($"{_log}outcome of {expected.DatabaseName}.{expected.CollectionName}: {failure}{Environment.NewLine}" +
                $"  expected: {new BsonArray(expected.Documents).ToJson()}{Environment.NewLine}  actual:   {new BsonArray(actual).ToJson()}");
        }
    }

    // The log already ends with the failing operation.
    private void Fail(UnifiedOperation op, string expected, string actual) =>
        Assert.Fail($"{_log}  expected: {expected}{Environment.NewLine}  actual:   {actual}{Environment.NewLine}  (in {_file.Path}, {op.JsonPath})");

    private static string Show(object? result) => result switch
    {
        null => "(nothing)",
        BsonValue v => v.ToJson(),
        var other => other.GetType().Name,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var failPoint in _failPoints)
        {
            try
            {
                await _target.InternalClient.GetDatabase("admin").RunCommandAsync(new BsonDocument { { "configureFailPoint", failPoint["configureFailPoint"] }, { "mode", "off" } });
            }
            catch (MongoException)
            {
                // The next case's fail points are what matter; a server that refuses to disable one reports it there.
            }
        }

        await _entities.DisposeAsync();
    }
}

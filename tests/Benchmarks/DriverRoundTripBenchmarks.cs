using BenchmarkDotNet.Attributes;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using OpenQuizz.Typed.Embedded;
using Driver = MongoDB.Driver;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>
/// Our client with generated codecs against MongoDB.Driver 3.14 with its class map (the baseline), both talking to one
/// embedded server in the same run: a findOne by <c>_id</c>, an insertMany of 10,000 small documents, and reading
/// 10,000 documents back. Both clients get the same model, each in the form its users write it.
/// </summary>
[Config(typeof(ThroughputConfig))]
public class DriverRoundTripBenchmarks
{
    private const int Documents = 10_000;
    private EmbeddedMongoServer _server = null!;
    private MongoClient _client = null!;
    private IMongoCollection<BenchPerson> _people = null!;
    private IMongoCollection<BenchPerson> _bulk = null!;
    private Driver.MongoClient _driver = null!;
    private Driver.IMongoCollection<DriverBenchPerson> _driverPeople = null!;
    private Driver.IMongoCollection<DriverBenchPerson> _driverBulk = null!;
    private List<BenchPerson> _batch = null!;
    private List<DriverBenchPerson> _driverBatch = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _server = EmbeddedMongoServer.StartAsync().GetAwaiter().GetResult();
        _client = new MongoClient(_server.ConnectionString);
        _driver = new Driver.MongoClient(_server.ConnectionString);
        var database = _client.GetDatabase("bench");
        _people = database.GetCollection<BenchPerson>("people");
        _bulk = database.GetCollection<BenchPerson>("bulk");
        var driverDatabase = _driver.GetDatabase("bench");
        _driverPeople = driverDatabase.GetCollection<DriverBenchPerson>("people");
        _driverBulk = driverDatabase.GetCollection<DriverBenchPerson>("driver_bulk");

        _batch = new List<BenchPerson>(Documents);
        _driverBatch = new List<DriverBenchPerson>(Documents);
        for (var i = 0; i < Documents; i++)
        {
            _batch.Add(new BenchPerson { Id = i, Name = "user" + i, Score = i % 100, Active = i % 2 == 0 });
            _driverBatch.Add(new DriverBenchPerson { Id = i, Name = "user" + i, Score = i % 100, Active = i % 2 == 0 });
        }

        _people.InsertMany(_batch);
        if (DriverFindOne(42).Name != "user42" || _people.Find(Filter<BenchPerson>.Eq("_id", 42)).FirstOrDefault()?.Name != "user42")
        {
            throw new InvalidOperationException("The two clients do not read the same documents.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _driver.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "MongoDB.Driver findOne by _id")]
    public DriverBenchPerson DriverFindOne() => DriverFindOne(NextId());

    // The driver's Find and First are extension methods; called by name here because its namespace would shadow ours.
    private DriverBenchPerson DriverFindOne(int id) =>
        Driver.IFindFluentExtensions.First(Driver.IMongoCollectionExtensions.Find(_driverPeople, p => p.Id == id).Limit(1));

    [Benchmark(Description = "OpenQuizz findOne by _id")]
    public BenchPerson? FindOne() => _people.Find(Filter<BenchPerson>.Eq("_id", NextId())).FirstOrDefault();

    [Benchmark(Description = "MongoDB.Driver read 10,000")]
    public int DriverReadAll() =>
        Driver.IAsyncCursorSourceExtensions.ToList(Driver.IMongoCollectionExtensions.Find(_driverPeople, Driver.FilterDefinition<DriverBenchPerson>.Empty)).Count;

    [Benchmark(Description = "OpenQuizz read 10,000")]
    public int ReadAll() => _people.Find(Filter<BenchPerson>.Empty).ToList().Count;

    [IterationSetup(Targets = [nameof(DriverInsertMany), nameof(InsertMany)])]
    public void EmptyBulkCollections()
    {
        _client.GetDatabase("bench").DropCollection("bulk");
        _client.GetDatabase("bench").DropCollection("driver_bulk");
    }

    [Benchmark(Description = "MongoDB.Driver insertMany 10,000")]
    public void DriverInsertMany() => _driverBulk.InsertMany(_driverBatch);

    [Benchmark(Description = "OpenQuizz insertMany 10,000")]
    public void InsertMany() => _bulk.InsertMany(_batch);

    private int NextId() => _next = (_next + 7919) % Documents;
}

/// <summary>A small document for the round-trip benchmarks, with a generated codec.</summary>
[MongoDocument(NamingConvention = ElementNamingConvention.CamelCase)]
public sealed partial class BenchPerson
{
    [BsonId] public int Id { get; set; }

    public string Name { get; set; } = "";

    public int Score { get; set; }

    public bool Active { get; set; }
}

/// <summary>The same document as MongoDB.Driver's users write it: mapped by its class map.</summary>
public sealed class DriverBenchPerson
{
    [BsonId] public int Id { get; set; }

    [BsonElement("name")] public string Name { get; set; } = "";

    [BsonElement("score")] public int Score { get; set; }

    [BsonElement("active")] public bool Active { get; set; }
}

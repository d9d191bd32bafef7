using BenchmarkDotNet.Attributes;
using OpenQuizz.Typed.Embedded;
using Driver = MongoDB.Driver;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>
/// A findOne by an indexed field with the value captured per call, four ways in one run against one embedded server:
/// our client with a filter built before the run (the baseline), with the builder at the call, with the lambda that the
/// generator translated at build time, and MongoDB.Driver 3.14's LINQ <c>Find(x =&gt; x.Name == name)</c>, which
/// translates its expression tree on every call.
/// </summary>
[Config(typeof(ThroughputConfig))]
public class TypedQueryBenchmarks
{
    private const int Documents = 10_000;
    private EmbeddedMongoServer _server = null!;
    private MongoClient _client = null!;
    private IMongoCollection<BenchPerson> _people = null!;
    private Driver.MongoClient _driver = null!;
    private Driver.IMongoCollection<DriverBenchPerson> _driverPeople = null!;
    private string[] _names = null!;
    private Filter<BenchPerson>[] _filters = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _server = EmbeddedMongoServer.StartAsync().GetAwaiter().GetResult();
        _client = new MongoClient(_server.ConnectionString);
        _driver = new Driver.MongoClient(_server.ConnectionString);
        _people = _client.GetDatabase("bench").GetCollection<BenchPerson>("query_people");
        _driverPeople = _driver.GetDatabase("bench").GetCollection<DriverBenchPerson>("query_people");
        _names = new string[Documents];
        _filters = new Filter<BenchPerson>[Documents];
        var batch = new List<BenchPerson>(Documents);
        for (var i = 0; i < Documents; i++)
        {
            _names[i] = "user" + i;
            _filters[i] = Filter<BenchPerson>.Eq("name", _names[i]);
            batch.Add(new BenchPerson { Id = i, Name = _names[i], Score = i % 100, Active = i % 2 == 0 });
        }

        _people.InsertMany(batch);
        _people.Indexes.CreateOne(IndexKeys<BenchPerson>.Ascending(p => p.Name));
        var name = _names[42];
        if (_people.Find(p => p.Name == name).FirstOrDefault()?.Id != 42 || Driver.IFindFluentExtensions.FirstOrDefault(Driver.IMongoCollectionExtensions.Find(_driverPeople, x => x.Name == name))?.Id != 42)
        {
            throw new InvalidOperationException("The clients do not find the same document.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _driver.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "find by name, filter built before")]
    public BenchPerson? PrebuiltFilter() => _people.Find(_filters[Next()]).FirstOrDefault();

    [Benchmark(Description = "find by name, Filter<T>.Eq at the call")]
    public BenchPerson? BuilderAtCall() => _people.Find(Filter<BenchPerson>.Eq("name", _names[Next()])).FirstOrDefault();

    [Benchmark(Description = "find by name, lambda translated at build time")]
    public BenchPerson? TranslatedLambda()
    {
        var name = _names[Next()];
        return _people.Find(p => p.Name == name).FirstOrDefault();
    }

    [Benchmark(Description = "MongoDB.Driver LINQ find by name")]
    public DriverBenchPerson? DriverLinq()
    {
        var name = _names[Next()];
        return Driver.IFindFluentExtensions.FirstOrDefault(Driver.IMongoCollectionExtensions.Find(_driverPeople, x => x.Name == name));
    }

    private int Next() => _next = (_next + 7919) % Documents;
}

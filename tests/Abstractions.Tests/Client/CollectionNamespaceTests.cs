namespace OpenQuizz.Typed.Tests.Client;

public class CollectionNamespaceTests
{
    [Theory]
    [InlineData("openquizz.quizzes", "openquizz", "quizzes")]
    [InlineData("db.system.views", "db", "system.views")]
    [InlineData("local.oplog.$main", "local", "oplog.$main")]
    [InlineData("admin.$cmd", "admin", "$cmd")]
    public void Parse_splits_at_the_first_dot(string fullName, string database, string collection)
    {
        var ns = CollectionNamespace.Parse(fullName);
        Assert.Equal(database, ns.DatabaseName);
        Assert.Equal(collection, ns.CollectionName);
        Assert.Equal(fullName, ns.FullName);
        Assert.Equal(fullName, ns.ToString());
        Assert.True(CollectionNamespace.TryParse(fullName, out var parsed));
        Assert.Equal(ns, parsed);
        Assert.True(ns == new CollectionNamespace(database, collection));
    }

    [Theory]
    [InlineData("nodot")]
    [InlineData(".coll")]
    [InlineData("db.")]
    [InlineData("db..coll")]
    [InlineData("db.a..b")]
    [InlineData("db.coll.")]
    [InlineData("db.co$ll")]
    [InlineData("d b.coll")]
    [InlineData("d/b.coll")]
    [InlineData("d\"b.coll")]
    [InlineData("db.co\0ll")]
    public void Invalid_names_are_refused(string fullName)
    {
        Assert.Throws<InvalidNameException>(() => CollectionNamespace.Parse(fullName));
        Assert.False(CollectionNamespace.TryParse(fullName, out var result));
        Assert.Equal(default, result);
    }

    [Fact]
    public void Lengths_are_limited_in_bytes()
    {
        Assert.Throws<InvalidNameException>(() => new CollectionNamespace(new string('d', 64), "c"));
        _ = new CollectionNamespace(new string('d', 63), "c");
        Assert.Throws<InvalidNameException>(() => new CollectionNamespace("db", new string('é', 127)));
        _ = new CollectionNamespace("db", new string('c', 252));
        Assert.Throws<InvalidNameException>(() => new CollectionNamespace("db", new string('c', 253)));
        Assert.False(CollectionNamespace.TryParse(null, out _));
    }

    [Fact]
    public void The_default_namespace_has_empty_names()
    {
        var ns = default(CollectionNamespace);
        Assert.Equal(string.Empty, ns.DatabaseName);
        Assert.Equal(".", ns.FullName);
        Assert.NotEqual(CollectionNamespace.Parse("a.b"), CollectionNamespace.Parse("a.c"));
        Assert.Equal(CollectionNamespace.Parse("a.b").GetHashCode(), new CollectionNamespace("a", "b").GetHashCode());
    }
}

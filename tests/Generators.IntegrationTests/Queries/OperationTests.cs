using MongoDB.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Queries;

/// <summary>
/// Every intercepted operation once, with a translated filter. Writes go to a collection of their own (a copy of the
/// fixture's quizzes per test), so the shared documents stay as generated.
/// </summary>
public sealed class OperationTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private IMongoCollection<Quiz> Quizzes => fixture.Quizzes;

    private async Task<IMongoCollection<Quiz>> CopyAsync()
    {
        var copy = fixture.Database.GetCollection<Quiz>("writes_" + Guid.NewGuid().ToString("N")[..8]);
        await copy.InsertManyAsync(fixture.Documents);
        return copy;
    }

    private List<Quiz> Expected(Func<Quiz, bool> predicate) => [.. fixture.Documents.Where(predicate)];

    [Fact]
    public async Task Counts()
    {
        var minimum = 2;
        Assert.Equal(Expected(q => q.Questions.Count >= minimum).Count, await Quizzes.CountDocumentsAsync(q => q.Questions.Count >= minimum));
        Assert.Equal(Expected(q => q.Level == Difficulty.Hard).Count, Quizzes.CountDocuments(q => q.Level == Difficulty.Hard));
    }

    [Fact]
    public async Task Deletes()
    {
        var copy = await CopyAsync();
        var deleted = await copy.DeleteManyAsync(q => q.Difficulty == Difficulty.Easy && q.MaxAttempts != null);
        Assert.Equal(Expected(q => q.Difficulty == Difficulty.Easy && q.MaxAttempts != null).Count, deleted.DeletedCount);
        Assert.Equal(0, await copy.CountDocumentsAsync(q => q.Difficulty == Difficulty.Easy && q.MaxAttempts != null));
        var title = fixture.Documents[4].Title;
        Assert.Equal(1, copy.DeleteOne(q => q.Title == title).DeletedCount);
        Assert.Equal(0, (await copy.DeleteOneAsync(q => q.Title == title)).DeletedCount);
        var many = copy.DeleteMany(q => q.Tags.Contains("kappa"));
        Assert.Equal(Expected(q => q.Tags.Contains("kappa") && !(q.Difficulty == Difficulty.Easy && q.MaxAttempts != null) && q.Title != title).Count, many.DeletedCount);
        await copy.DropAsync();
    }

    [Fact]
    public async Task Updates_and_replaces()
    {
        var copy = await CopyAsync();
        var hard = Difficulty.Hard;
        var updated = await copy.UpdateManyAsync(q => q.Level == hard, Update<Quiz>.Set("secret", "s"));
        Assert.Equal(Expected(q => q.Level == hard).Count, updated.MatchedCount);
        Assert.Equal(updated.MatchedCount, await copy.CountDocumentsAsync(q => q.Secret == "s"));
        Assert.Equal(1, copy.UpdateOne(q => q.Secret == "s", Update<Quiz>.Set("secret", "one")).ModifiedCount);
        Assert.Equal(1, (await copy.UpdateOneAsync(q => q.Secret == "one", Update<Quiz>.Set("secret", "two"))).ModifiedCount);
        Assert.Equal(updated.MatchedCount - 1, copy.UpdateMany(q => q.Secret == "s", Update<Quiz>.Set("secret", "t")).ModifiedCount);

        var original = fixture.Documents[11];
        var replacement = original with { Title = "replaced" };
        Assert.Equal(1, copy.ReplaceOne(q => q.Id == original.Id, replacement).ModifiedCount);
        Assert.Equal(1, (await copy.ReplaceOneAsync(q => q.Title == "replaced", replacement with { Title = "replaced twice" })).ModifiedCount);
        Assert.Equal(1, await copy.CountDocumentsAsync(q => q.Title == "replaced twice"));
        await copy.DropAsync();
    }

    [Fact]
    public async Task Find_one_and_modify()
    {
        var copy = await CopyAsync();
        var target = fixture.Documents[17];
        var before = copy.FindOneAndUpdate(q => q.Id == target.Id, Update<Quiz>.Set("secret", "x"));
        Assert.Equal(target.Title, before!.Title);
        Assert.Null(before.Secret);
        var after = await copy.FindOneAndUpdateAsync(q => q.Secret == "x", Update<Quiz>.Set("secret", "y"), new FindOneAndUpdateOptions<Quiz> { ReturnDocument = ReturnDocument.After });
        Assert.Equal("y", after!.Secret);

        var replaced = copy.FindOneAndReplace(q => q.Secret == "y", target with { Title = "r1" });
        Assert.Equal(target.Id, replaced!.Id);
        var replacedAgain = await copy.FindOneAndReplaceAsync(q => q.Title == "r1", target with { Title = "r2" });
        Assert.Equal("r1", replacedAgain!.Title);

        var deleted = copy.FindOneAndDelete(q => q.Title == "r2");
        Assert.Equal(target.Id, deleted!.Id);
        Assert.Null(await copy.FindOneAndDeleteAsync(q => q.Title == "r2"));
        var byTag = await copy.FindOneAndDeleteAsync(q => q.Tags.Contains("(theta)") && q.Questions.Count > 3);
        Assert.Contains(byTag!.Id, Expected(q => q.Tags.Contains("(theta)") && q.Questions.Count > 3).Select(q => q.Id));
        await copy.DropAsync();
    }

    [Fact]
    public async Task Distinct()
    {
        var byName = Quizzes.Distinct<Quiz, string>("title", q => q.Questions.Count == 2);
        Assert.Equal(Expected(q => q.Questions.Count == 2).Select(q => q.Title).Distinct().Order(), byName.Order());
        var levels = await Quizzes.DistinctAsync(q => q.Level, q => q.Difficulty == Difficulty.Hard);
        Assert.Equal(Expected(q => q.Difficulty == Difficulty.Hard).Select(q => q.Level).Distinct().Order(), levels.Order());
        var names = Quizzes.Distinct(q => q.Author!.Name);
        Assert.Equal(fixture.Documents.Where(q => q.Author != null).Select(q => q.Author!.Name).Distinct().Order(), names.Order());
        var tags = Quizzes.DistinctItems(q => q.Tags, q => q.MaxAttempts > 3);
        Assert.Equal(Expected(q => q.MaxAttempts > 3).SelectMany(q => q.Tags).Distinct().Order(StringComparer.Ordinal), tags.Order(StringComparer.Ordinal));
        var allTags = await Quizzes.DistinctItemsAsync(q => q.Tags);
        Assert.Equal(fixture.Documents.SelectMany(q => q.Tags).Distinct().Order(StringComparer.Ordinal), allTags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Match_stage_in_an_aggregation()
    {
        var minimum = 3;
        var pipeline = Pipeline.Empty.Match<Quiz>(q => q.Questions.Count >= minimum && q.Level != Difficulty.Easy).Sort(new BsonDocument("_id", 1));
        var found = await (await Quizzes.AggregateAsync<Quiz>(pipeline)).ToListAsync();
        Assert.Equal(Expected(q => q.Questions.Count >= minimum && q.Level != Difficulty.Easy).Select(q => q.Id).Order(), found.Select(q => q.Id));
    }

    [Fact]
    public async Task Filter_values_compose()
    {
        var hard = Filter<Quiz>.Where(q => q.Difficulty == Difficulty.Hard);
        var many = Filter<Quiz>.Where(q => q.Questions.Count > 2);
        var tagged = Filter<Quiz>.Where(q => q.Tags.Contains("beta"));
        Assert.Equal("{ \"difficulty\" : 2 }", hard.Render().ToJson());
        Assert.Equal(fixture.Documents.Count(q => q.Difficulty == Difficulty.Hard && q.Questions.Count > 2), await Quizzes.CountDocumentsAsync(hard & many));
        Assert.Equal(fixture.Documents.Count(q => q.Difficulty == Difficulty.Hard || q.Tags.Contains("beta")), await Quizzes.CountDocumentsAsync(hard | tagged));
        Assert.Equal(fixture.Documents.Count(q => !(q.Questions.Count > 2)), await Quizzes.CountDocumentsAsync(!many));
        Assert.Equal(fixture.Documents.Count(q => !(q.Difficulty == Difficulty.Hard && q.Questions.Count > 2) || q.Tags.Contains("beta")), await Quizzes.CountDocumentsAsync(!(hard & many) | tagged));
        var prefix = "(theta)";
        var byPrefix = Filter<Quiz>.Where(q => q.Title.StartsWith(prefix));
        Assert.Equal(new BsonDocument("title", new BsonRegularExpression("^\\(theta\\)")), byPrefix.Render());
    }

    [Fact]
    public async Task Bulk_write_models_with_translated_filters()
    {
        var copy = await CopyAsync();
        var result = await copy.BulkWriteAsync(
        [
            new UpdateManyModel<Quiz>(Filter<Quiz>.Where(q => q.Level == Difficulty.Medium), Update<Quiz>.Set("secret", "m")),
            new DeleteManyModel<Quiz>(Filter<Quiz>.Where(q => q.Questions.Count == 0)),
            new DeleteOneModel<Quiz>(Filter<Quiz>.Where(q => q.Secret == "m") & Filter<Quiz>.Where(q => q.Questions.Count == 4)),
        ]);
        Assert.Equal(Expected(q => q.Level == Difficulty.Medium).Count, result.MatchedCount);
        Assert.Equal(Expected(q => q.Questions.Count == 0).Count + 1, result.DeletedCount);
        await copy.DropAsync();
    }

    [Fact]
    public async Task Texts_with_line_breaks_and_unicode_spaces()
    {
        var copy = await CopyAsync();
        var extra = new[] { "\u00A0\u2003", " \n", "x\n", "\n\t ", "a b", "line 1\n", "αβγ 1" }
            .Select((text, i) => fixture.Documents[i] with { Id = ObjectId.GenerateNewId(), Description = text, Title = text })
            .ToList();
        await copy.InsertManyAsync(extra);
        var all = fixture.Documents.Concat(extra).ToList();
        Assert.Equal(all.Count(q => string.IsNullOrWhiteSpace(q.Description)), await copy.CountDocumentsAsync(q => string.IsNullOrWhiteSpace(q.Description)));
        Assert.Equal(all.Count(q => q.Title.EndsWith("1")), await copy.CountDocumentsAsync(q => q.Title.EndsWith("1")));
        Assert.Equal(all.Count(q => q.Title.EndsWith("\n")), await copy.CountDocumentsAsync(q => q.Title.EndsWith("\n")));
        Assert.Equal(all.Count(q => q.Title.Length == 3), await copy.CountDocumentsAsync(q => q.Title.Length == 3));
        Assert.Equal(all.Count(q => q.Title.Length <= 2), await copy.CountDocumentsAsync(q => q.Title.Length <= 2));
        Assert.Equal(all.Count(q => q.Title.Contains("Β", StringComparison.OrdinalIgnoreCase)), await copy.CountDocumentsAsync(q => q.Title.Contains("Β", StringComparison.OrdinalIgnoreCase)));
        await copy.DropAsync();
    }
}

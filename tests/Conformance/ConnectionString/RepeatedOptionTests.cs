namespace OpenQuizz.Typed.Conformance.ConnectionString;

/// <summary>
/// Connection-string spec rules on keys and values the vectors leave out: keys are case-insensitive; a repeated key
/// that is not a list uses its last value with a warning; repeated readPreferenceTags form a list in order; empty
/// integer and boolean values are ignored; unknown keys are ignored with a warning.
/// </summary>
[Trait("Suite", "client-settings")]
public sealed class RepeatedOptionTests
{
    [Fact]
    public void Keys_are_case_insensitive()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://localhost/?MAXPOOLSIZE=7&AppName=x");
        Assert.Equal(7, settings.MaxPoolSize);
        Assert.Equal("x", settings.ApplicationName);
    }

    [Fact]
    public void A_repeated_key_uses_its_last_value_and_warns()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://localhost/?maxPoolSize=5&maxPoolSize=9");
        Assert.Equal(9, settings.MaxPoolSize);
        Assert.Contains(settings.ParseWarnings, w => w.Contains("maxPoolSize", StringComparison.OrdinalIgnoreCase) && w.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void A_repeated_key_with_an_invalid_last_value_keeps_the_last_valid_one()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://localhost/?maxPoolSize=5&maxPoolSize=lots");
        Assert.Equal(5, settings.MaxPoolSize);
        Assert.Contains(settings.ParseWarnings, w => w.Contains("maxPoolSize", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Repeated_read_preference_tags_form_a_list_in_order()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://localhost/?readPreference=secondary&readPreferenceTags=dc:ny,rack:1&readPreferenceTags=dc:ny&readPreferenceTags=");
        var tagSets = settings.ReadPreference.TagSets;
        Assert.Equal(3, tagSets.Count);
        Assert.Equal(2, tagSets[0].Count);
        Assert.Single(tagSets[1]);
        Assert.Empty(tagSets[2]);
        Assert.DoesNotContain(settings.ParseWarnings, w => w.Contains("readPreferenceTags", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Empty_integer_and_boolean_values_are_ignored()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://localhost/?maxPoolSize=&retryWrites=");
        var defaults = MongoClientSettings.FromConnectionString("mongodb://localhost/");
        Assert.Equal(defaults.MaxPoolSize, settings.MaxPoolSize);
        Assert.Equal(defaults.RetryWrites, settings.RetryWrites);
    }

    [Fact]
    public void Unknown_keys_are_ignored_with_a_warning_that_names_them()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://localhost/?connectMS=5&maxPoolSize=3");
        Assert.Equal(3, settings.MaxPoolSize);
        Assert.Contains(settings.ParseWarnings, w => w.Contains("connectMS", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_value_value_keeps_colons_after_the_first()
    {
        var settings = MongoClientSettings.FromConnectionString("mongodb://user@localhost/?authMechanism=MONGODB-OIDC&authMechanismProperties=ENVIRONMENT:azure,TOKEN_RESOURCE:mongodb://foo");
        Assert.Equal("mongodb://foo", settings.Credential!.MechanismProperties["TOKEN_RESOURCE"]);
    }
}

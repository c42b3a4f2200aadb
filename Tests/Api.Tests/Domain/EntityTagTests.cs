using Api.Orders;

namespace Api.Tests.Domain;

public sealed class EntityTagTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("\"3\"", true)]
    [InlineData("*", true)]
    [InlineData("\"1\", \"3\"", true)]
    [InlineData("\"2\"", false)]
    [InlineData("W/\"3\"", false)]
    [InlineData("3", false)]
    public void If_match_allows_only_the_current_strong_tag(string? header, bool allows)
    {
        Assert.Equal(allows, EntityTag.MatchAllows(header, 3));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("\"3\"", true)]
    [InlineData("W/\"3\"", true)]
    [InlineData("*", true)]
    [InlineData("\"1\",\"3\"", true)]
    [InlineData("\"2\"", false)]
    public void If_none_match_hits_the_current_tag_weak_or_strong(string? header, bool hits)
    {
        Assert.Equal(hits, EntityTag.NoneMatchHits(header, 3));
    }
}

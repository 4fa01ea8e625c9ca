using Parley.Core.Ids;

namespace Parley.Core.Tests.Ids;

public sealed class MessageIdsTests
{
    [Fact]
    public void WamidsAreWamidPrefixedAndWithinWhatsAppsLengthLimit()
    {
        var id = MessageIds.NewWamid();

        id.ShouldStartWith("wamid.");
        id.Length.ShouldBeLessThanOrEqualTo(128);
    }

    [Fact]
    public void WamidsAreSixteenHexDigitsThenSixteenBase64UrlCharacters()
    {
        var ids = Enumerable.Range(0, 1_000).Select(_ => MessageIds.NewWamid());

        ids.ShouldAllBe(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^wamid\\.[0-9a-f]{16}[A-Za-z0-9_-]{16}$"));
    }

    [Fact]
    public void WamidsSortInCreationOrderAndAreUnique()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => MessageIds.NewWamid()).ToList();

        ids.ShouldBe(ids.Order(StringComparer.Ordinal).ToList());
        ids.Distinct().Count().ShouldBe(ids.Count);
    }

    [Fact]
    public void WamidsFromManyThreadsAreUnique()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 20_000, _ => ids.Add(MessageIds.NewWamid()));

        ids.Distinct().Count().ShouldBe(20_000);
    }
}

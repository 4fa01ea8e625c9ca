using Parley.Core.Profiles;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private IChannelProfileStore Profiles => Stores.Get<IChannelProfileStore>();

    [Fact]
    public async Task AChannelWithoutAProfileRowReadsAsNothingStored()
    {
        var channel = await NewChannelAsync();

        (await Profiles.GetAsync(channel.PhoneNumberId, Ct)).ShouldBeNull();
        (await Profiles.ListAsync(channel.AccountId, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AProfileIsSavedReadBackAndReplaced()
    {
        var channel = await NewChannelAsync();
        var profile = new BusinessProfile("Fresh fruit", "1 Market St", "Since 1920", "hi@example.com", "GROCERY",
            ["https://example.com", "http://example.org/shop"], "4::aW1hZ2UvanBlZw==:ARb1");
        var state = PhoneNumberState.Default with { Registered = false, PinHash = "abc", QualityRating = "YELLOW", ThroughputLevel = "HIGH", Status = "DISCONNECTED" };

        (await Profiles.SaveAsync(new ChannelProfile(channel.PhoneNumberId, profile, state, T0), Ct)).ShouldBeTrue();
        var read = (await Profiles.GetAsync(channel.PhoneNumberId, Ct)).ShouldNotBeNull();
        ShouldBeSame(read.Profile, profile);
        read.Phone.ShouldBe(state);
        read.UpdatedAt.ShouldBe(T0);

        var replaced = PhoneNumberState.Default with { MessagingLimitTier = "TIER_UNLIMITED" };
        (await Profiles.SaveAsync(new ChannelProfile(channel.PhoneNumberId, BusinessProfile.Empty with { About = "Changed" }, replaced, T0.AddSeconds(1)), Ct)).ShouldBeTrue();
        read = (await Profiles.GetAsync(channel.PhoneNumberId, Ct)).ShouldNotBeNull();
        read.Profile.About.ShouldBe("Changed");
        read.Profile.Websites.ShouldBeEmpty();
        read.Phone.ShouldBe(replaced);
        read.UpdatedAt.ShouldBe(T0.AddSeconds(1));
    }

    [Fact]
    public async Task ACoexistenceNumberIsStoredAsOnTheBusinessAppAndCanLeaveIt()
    {
        var channel = await NewChannelAsync();
        var onApp = PhoneNumberState.Default with { OnBizApp = true, ThroughputLevel = "STANDARD" };

        (await Profiles.SaveAsync(new ChannelProfile(channel.PhoneNumberId, BusinessProfile.Empty, onApp, T0), Ct)).ShouldBeTrue();
        var read = (await Profiles.GetAsync(channel.PhoneNumberId, Ct)).ShouldNotBeNull();
        read.Phone.OnBizApp.ShouldBeTrue();
        read.Phone.ShouldBe(onApp);
        (await Profiles.ListAsync(channel.AccountId, Ct)).Single().Phone.OnBizApp.ShouldBeTrue();

        (await Profiles.SaveAsync(new ChannelProfile(channel.PhoneNumberId, BusinessProfile.Empty, onApp with { OnBizApp = false }, T0.AddSeconds(1)), Ct)).ShouldBeTrue();
        (await Profiles.GetAsync(channel.PhoneNumberId, Ct)).ShouldNotBeNull().Phone.OnBizApp.ShouldBeFalse();
    }

    [Fact]
    public async Task SavingForAnUnknownChannelStoresNothing()
    {
        (await Profiles.SaveAsync(new ChannelProfile("404", BusinessProfile.Empty, PhoneNumberState.Default, T0), Ct)).ShouldBeFalse();
        (await Profiles.GetAsync("404", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ProfilesAreListedByAccountAndGoWithTheirChannel()
    {
        var channel = await NewChannelAsync();
        var sibling = await NewChannelAsync(channel.AccountId);
        var stranger = await NewChannelAsync();
        foreach (var c in new[] { channel, sibling, stranger })
        {
            (await Profiles.SaveAsync(new ChannelProfile(c.PhoneNumberId, BusinessProfile.Empty, PhoneNumberState.Default, T0), Ct)).ShouldBeTrue();
        }

        (await Profiles.ListAsync(channel.AccountId, Ct)).Select(p => p.ChannelId).ShouldBe([channel.PhoneNumberId, sibling.PhoneNumberId], ignoreOrder: true);
        (await Stores.Accounts.DeleteChannelAsync(sibling.PhoneNumberId, Ct)).ShouldBeTrue();
        (await Profiles.GetAsync(sibling.PhoneNumberId, Ct)).ShouldBeNull();
        (await Profiles.ListAsync(channel.AccountId, Ct)).Select(p => p.ChannelId).ShouldBe([channel.PhoneNumberId]);
    }

    private static void ShouldBeSame(BusinessProfile actual, BusinessProfile expected)
    {
        (actual with { Websites = [] }).ShouldBe(expected with { Websites = [] });
        actual.Websites.ShouldBe(expected.Websites);
    }
}

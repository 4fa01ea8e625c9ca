using System.Text.Json.Nodes;
using Parley.Core.Model;

namespace Parley.Storage.Tests;

/// <summary>Which subscriptions get which events is their event filter, matched the same way by every fan-out and both stores.</summary>
public abstract partial class StoreContractTests
{
    private const string Echoes = EventKinds.Echoes;

    [Fact]
    public async Task AcceptQueuesOneEchoForEachSubscriptionWhoseFilterNamesEchoesWhateverItsFormatAndNoneOnAReplay()
    {
        var channel = await NewChannelAsync();
        var messagesAndEchoes = await SubscribeAsync(channel, $"messages,{Echoes}", format: "onemsg");
        var withAcks = await SubscribeAsync(channel, $"messages,statuses,{Echoes}", format: "onemsg");
        var allAndEchoes = await SubscribeAsync(channel, $"*,{Echoes}", format: "onemsg");
        var echoesOnly = await SubscribeAsync(channel, Echoes);
        await SubscribeAsync(channel, format: "onemsg"); // '*' does not take an opt-in kind
        await SubscribeAsync(channel, "messages", format: "onemsg");
        await SubscribeAsync(channel, "statuses", format: "onemsg");
        await SubscribeAsync(channel);
        var quiet = await NewChannelAsync();
        await SubscribeAsync(quiet);

        var message = Outbound(channel);
        (await Stores.Messages.AcceptAsync(message, "key-1", Ct)).Replayed.ShouldBeFalse();
        (await Stores.Messages.AcceptAsync(Outbound(channel, T0.AddSeconds(1)), "key-1", Ct)).Replayed.ShouldBeTrue();
        await AcceptAsync(quiet);

        var events = await ClaimOutboxAsync(T0);
        events.Where(e => e.ChannelId == quiet.PhoneNumberId).ShouldBeEmpty();
        var echoes = events.Where(e => e.ChannelId == channel.PhoneNumberId).ToList();
        echoes.Select(e => e.SubscriptionId).ShouldBe([messagesAndEchoes.Id, withAcks.Id, allAndEchoes.Id, echoesOnly.Id], ignoreOrder: true);
        echoes.ShouldAllBe(e => e.Kind == Echoes && e.CreatedAt == T0 && e.Attempts == 0);
        var expected = new JsonObject { ["id"] = message.Id }.ToJsonString();
        echoes.Select(e => JsonNode.Parse(e.Payload)!.ToJsonString()).ShouldAllBe(payload => payload == expected);
    }

    [Fact]
    public async Task AStarInAListTakesEveryKindThatIsNotOptIn()
    {
        var channel = await NewChannelAsync();
        var all = await SubscribeAsync(channel);
        var allAndEchoes = await SubscribeAsync(channel, $"*,{Echoes}", format: "onemsg");
        var statuses = await SubscribeAsync(channel, $"statuses,{Echoes}");
        await SubscribeAsync(channel, Echoes);
        var message = Outbound(channel);
        await Stores.Messages.AcceptAsync(message, null, Ct);
        await Stores.Events.ApplyAsync([Inbound(channel, T0.AddSeconds(1)), Status(message, MessageStatus.Sent, T0.AddSeconds(2))], T0.AddSeconds(2), Ct);

        var events = (await ClaimOutboxAsync(T0.AddSeconds(2))).Where(e => e.Kind != Echoes).ToList();

        events.Where(e => e.Kind == EventKinds.Messages).Select(e => e.SubscriptionId).ShouldBe([all.Id, allAndEchoes.Id], ignoreOrder: true);
        events.Where(e => e.Kind == EventKinds.Statuses).Select(e => e.SubscriptionId).ShouldBe([all.Id, allAndEchoes.Id, statuses.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task TheEchoesMigrationNamesEchoesInTheFiltersOfOneMsgSubscriptionsThatTookMessages()
    {
        var channel = await NewChannelAsync();
        (string Format, string Before, string After)[] stored =
        [
            ("onemsg", "*", $"*,{Echoes}"),
            ("onemsg", "messages", $"messages,{Echoes}"),
            ("onemsg", "messages,statuses", $"messages,statuses,{Echoes}"),
            ("onemsg", "statuses", "statuses"),
            ("onemsg", $"messages,{Echoes}", $"messages,{Echoes}"),
            ("cloudapi", "*", "*"),
            ("channels", "messages", "messages"),
        ];
        var ids = new List<string>();
        foreach (var (format, before, _) in stored)
        {
            ids.Add((await SubscribeAsync(channel, before, format: format)).Id);
        }
        // the filters were stored as they were before echoes became a kind of their own; the migration's text runs on them
        await ExecuteRawAsync(SubscriptionSql.NameEchoesMigration);

        var filters = (await Stores.Accounts.ListSubscriptionsAsync(channel.PhoneNumberId, Ct)).ToDictionary(s => s.Id, s => s.Events);
        ids.Select(id => filters[id]).ShouldBe(stored.Select(s => s.After));
    }

    [Fact]
    public async Task TheOneMsgGroupEventsMigrationAddsGroupEventsToTheFiltersThe1msgSettingsMadeAndNoOthers()
    {
        var channel = await NewChannelAsync();
        const string Groups = "group_lifecycle_update,group_participants_update,group_settings_update,group_status_update";
        (string Format, string Before, string After)[] stored =
        [
            ("onemsg", $"messages,{Echoes}", $"messages,{Groups},{Echoes}"),
            ("onemsg", $"messages,statuses,{Echoes}", $"messages,statuses,{Groups},{Echoes}"),
            ("onemsg", $"*,{Echoes}", $"*,{Echoes}"),
            ("onemsg", "statuses", "statuses"),
            ("cloudapi", "messages,statuses", "messages,statuses"),
        ];
        var ids = new List<string>();
        foreach (var (format, before, _) in stored)
        {
            ids.Add((await SubscribeAsync(channel, before, format: format)).Id);
        }
        await ExecuteRawAsync(SubscriptionSql.OneMsgGroupEventsMigration);

        var filters = (await Stores.Accounts.ListSubscriptionsAsync(channel.PhoneNumberId, Ct)).ToDictionary(s => s.Id, s => s.Events);
        ids.Select(id => filters[id]).ShouldBe(stored.Select(s => s.After));
        EventFilter.Takes(filters[ids[0]], EventKinds.GroupSettings).ShouldBeTrue();
    }

    [Theory]
    [InlineData("*", "*,message_echoes")]
    [InlineData("messages", "messages,message_echoes")]
    [InlineData("messages,statuses", "messages,statuses,message_echoes")]
    [InlineData("statuses", "statuses")]
    [InlineData("message_echoes", "message_echoes")]
    [InlineData("*,message_echoes", "*,message_echoes")]
    public void AFormatThatRendersAnOptInKindGetsItWithItsCompanion(string asked, string stored)
    {
        EventFilter.WithDefaults(asked, new HashSet<string> { EventKinds.Messages, Echoes, EventKinds.Statuses }).ShouldBe(stored);
        EventFilter.WithDefaults(asked.Replace($",{Echoes}", ""), new HashSet<string> { EventKinds.Messages, EventKinds.Statuses })
            .ShouldBe(asked.Replace($",{Echoes}", ""));
    }
}

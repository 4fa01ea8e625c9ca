using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Groups;
using Parley.Core.Model;
using Parley.Server.Dialects.OneMsg;
using Parley.Storage;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>The pure mappings: 1msg request → canonical Cloud API message, canonical event → 1msg webhook.</summary>
public sealed class OneMsgMappingTests
{
    private static JsonObject Map(string method, string json)
    {
        var mapped = OneMsgMapper.ToCanonical(method, JsonNode.Parse(json)!.AsObject());
        mapped.Succeeded.ShouldBeTrue(mapped.Error?.ToString());
        return mapped.Value;
    }

    [Fact]
    public void ATextWithAQuoteBecomesACloudApiTextReply()
    {
        var message = Map("sendMessage", """{"chatId":"12020721369@c.us","body":"Hi","quotedMsgId":"wamid.q"}""");
        JsonNode.DeepEquals(message, JsonNode.Parse("""{"messaging_product":"whatsapp","to":"+12020721369","type":"text","text":{"body":"Hi"},"context":{"message_id":"wamid.q"}}""")).ShouldBeTrue(message.ToJsonString());
    }

    [Fact]
    public void AGroupChatIdIsAGroupSend()
    {
        var message = Map("sendMessage", """{"chatId":"120363046942338209@g.us","body":"Hi all"}""");
        message["recipient_type"]!.GetValue<string>().ShouldBe("group");
        message["to"]!.GetValue<string>().ShouldBe("120363046942338209");
    }

    [Theory]
    [InlineData("photo.JPG", "image")]
    [InlineData("clip.mp4", "video")]
    [InlineData("voice.ogg", "audio")]
    [InlineData("s.webp", "sticker")]
    [InlineData("hello.xlsx", "document")]
    public void AFileTypeFollowsItsExtension(string filename, string type)
    {
        var message = Map("sendFile", $$$"""{"phone":12020721369,"body":"https://example.com/{{{filename}}}","filename":"{{{filename}}}","caption":"c"}""");
        message["type"]!.GetValue<string>().ShouldBe(type);
        message[type]!["link"]!.GetValue<string>().ShouldBe($"https://example.com/{filename}");
        (message[type]!["caption"] is not null).ShouldBe(type is "image" or "video" or "document");
    }

    [Fact]
    public void AListsActionIsItsButtonAndAHeaderStringIsATextHeader()
    {
        var message = Map("sendList", """{"phone":"12020721369","body":"b","header":"h","action":"Open","sections":[{"title":"s","rows":[{"id":"1","title":"r"}]}]}""");
        var interactive = message["interactive"]!;
        interactive["type"]!.GetValue<string>().ShouldBe("list");
        interactive["action"]!["button"]!.GetValue<string>().ShouldBe("Open");
        interactive["header"]!.ToJsonString().ShouldBe("""{"type":"text","text":"h"}""");
    }

    [Fact]
    public void TemplateParamsBecomeComponentsWithCouponCodeAsCopyCode()
    {
        var message = Map("sendTemplate", """{"phone":"12020721369","namespace":"ns","template":"offer","language":{"policy":"deterministic","code":"en"},"params":[{"type":"BUTTON","sub_type":"COUPON_CODE","index":0,"parameters":[{"type":"coupon_code","coupon_code":"SAVE10"}]}]}""");
        message["template"]!.ToJsonString().ShouldBe(
            """{"name":"offer","language":{"policy":"deterministic","code":"en"},"components":[{"type":"button","sub_type":"copy_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"SAVE10"}]}]}""");
    }

    [Fact]
    public void ACarouselsTemplateLikeCardsBecomeInteractiveCards()
    {
        var message = Map("sendCarousel", """{"phone":"1","params":[{"type":"BODY","parameters":[{"type":"text","text":"Top"}]},{"type":"CAROUSEL","cards":[{"card_index":0,"components":[{"type":"header","parameters":[{"type":"video","video":{"link":"https://e.com/v.mp4"}}]},{"type":"button","sub_type":"quick_reply","parameters":[{"id":"a","text":"A"}]}]}]}]}""");
        message["interactive"]!.ToJsonString().ShouldBe(
            """{"type":"carousel","action":{"cards":[{"card_index":0,"header":{"type":"video","video":{"link":"https://e.com/v.mp4"}},"action":{"buttons":[{"type":"quick_reply","quick_reply":{"id":"a","title":"A"}}]}}]},"body":{"text":"Top"}}""");
    }

    [Fact]
    public void AReactionNamesTheQuotedMessageAndHasNoContext()
    {
        var message = Map("sendReaction", """{"phone":"12020721369","body":"","quotedMsgId":"wamid.q"}""");
        message["reaction"]!.ToJsonString().ShouldBe("""{"message_id":"wamid.q","emoji":""}""");
        message["context"].ShouldBeNull();
    }

    [Fact]
    public void TheWebhookFormatRendersAcksAndLeavesTemplateStatusUpdatesOut()
    {
        var channel = new Channel("106540352242922", "1", "15550783881", "1", "Acme", "sandbox", "{}", "s", 80, DateTimeOffset.UnixEpoch);
        var format = new OneMsgWebhookFormat(new History([]));
        OutboxEvent Event(string kind, string payload) => new(1, "wh", channel.PhoneNumberId, kind, payload, DateTimeOffset.UnixEpoch, 0, null, null);

        format.Kinds.ShouldBe([EventKinds.Messages, EventKinds.Echoes, EventKinds.Statuses, EventKinds.ParticipantStatuses, .. EventKinds.Groups], ignoreOrder: true);

        var status = CanonicalEvents.Status(new StatusEvent(channel.PhoneNumberId, DateTimeOffset.FromUnixTimeSeconds(1700000000), "wamid.1", MessageStatus.Failed,
            new WebhookError(131047, "Re-engagement message", "More than 24 hours have passed.")), "12020721369", null, "individual", null);
        var body = JsonNode.Parse(Encoding.UTF8.GetString(format.Render(channel, [Event(EventKinds.Statuses, status)])))!;
        body.ToJsonString().ShouldBe(
            """{"instanceId":"106540352242922","ack":[{"id":"wamid.1","chatId":"12020721369@c.us","status":"failed","phone":"12020721369","time":1700000000,"error":"Re-engagement message (131047): More than 24 hours have passed."}]}""");
    }

    [Fact]
    public async Task AnEchoOfAGroupImageIsAFromMeItemInTheGroupsChatAndAnEchoOfAMissingMessageIsLeftOut()
    {
        var channel = new Channel("106540352242922", "1", "15550783881", "1", "Acme", "sandbox", "{}", "s", 80, DateTimeOffset.UnixEpoch);
        var sent = new StoredMessage("wamid.g", channel.PhoneNumberId, MessageDirection.Outbound, "120363046942338209", "image",
            """{"messaging_product":"whatsapp","recipient_type":"group","to":"120363046942338209","type":"image","image":{"link":"https://example.com/a.png","caption":"Look"},"context":{"message_id":"wamid.q"}}""",
            MessageStatus.Sent, null, null, DateTimeOffset.FromUnixTimeSeconds(1700000000), DateTimeOffset.FromUnixTimeSeconds(1700000001));
        var format = new OneMsgWebhookFormat(new History([new NumberedMessage(7, sent)]));
        OutboxEvent Echo(string id) => new(1, "wh", channel.PhoneNumberId, EventKinds.Echoes, $$"""{"id":"{{id}}"}""", DateTimeOffset.UnixEpoch, 0, null, null);

        (await format.PrepareAsync(channel, [Echo("wamid.gone")], CancellationToken.None)).ShouldBeEmpty();
        var prepared = await format.PrepareAsync(channel, [Echo("wamid.gone"), Echo("wamid.g")], CancellationToken.None);
        var body = JsonNode.Parse(Encoding.UTF8.GetString(format.Render(channel, prepared)))!;
        body.ToJsonString().ShouldBe(
            """{"instanceId":"106540352242922","messages":[{"messageNumber":7,"id":"wamid.g","body":"https://example.com/a.png","fromMe":true,"self":1,"isForwarded":false,"author":"15550783881@c.us","time":1700000000,"chatId":"120363046942338209@g.us","type":"image","senderName":"Acme","caption":"Look","quotedMsgId":"wamid.q","chatName":"120363046942338209"}]}""");
    }

    [Fact]
    public void GroupEventsAreGroupEventsItemsInCamelCaseWithTheChatIdsOfTheGroupAndItsParticipants()
    {
        var channel = new Channel("106540352242922", "1", "15550783881", "1", "Acme", "sandbox", "{}", "s", 80, DateTimeOffset.UnixEpoch);
        var format = new OneMsgWebhookFormat(new History([]));
        var at = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        OutboxEvent Event(string kind, string payload) => new(1, "wh", channel.PhoneNumberId, kind, payload, at, 0, null, null);
        var notMember = new WebhookError(131212, "Participant is not a part of the group.", "Participant is not a part of the group.");
        var removed = GroupEvents.ParticipantsRemoved("G1", at, "R1", GroupEvents.ByBusiness,
            [new GroupEventParticipant("+12020721369", "12020721369")], [new GroupEventParticipant("16505550000", null, Error: notMember)],
            new WebhookError(131201, "Request partially succeeded", "Not all participants were removed."));
        var request = GroupEvents.JoinRequest(new GroupJoinRequest("JR1", "G1", "US.13491208655302741918", null, JoinRequestStates.Open, at, null), GroupEvents.JoinRequestCreated, at);

        var body = JsonNode.Parse(Encoding.UTF8.GetString(format.Render(channel, [Event(EventKinds.GroupParticipants, removed), Event(EventKinds.GroupParticipants, request)])))!;

        var expected = JsonNode.Parse("""
            {"instanceId":"106540352242922","groupEvents":[
            {"time":1700000000,"chatId":"G1@g.us","groupId":"G1","type":"group_participants_remove","requestId":"R1",
            "removedParticipants":[{"chatId":"12020721369@c.us","input":"+12020721369","waId":"12020721369"}],
            "failedParticipants":[{"input":"16505550000","errors":[{"code":131212,"title":"Participant is not a part of the group.","message":"Participant is not a part of the group.","errorData":{"details":"Participant is not a part of the group."},"href":"/documentation/business-messaging/whatsapp/support/error-codes"}]}],
            "errors":[{"code":131201,"title":"Request partially succeeded","message":"Request partially succeeded","errorData":{"details":"Not all participants were removed."},"href":"/documentation/business-messaging/whatsapp/support/error-codes"}],
            "initiatedBy":"business"},
            {"author":"US.13491208655302741918@bsuid","time":1700000000,"chatId":"G1@g.us","groupId":"G1","type":"group_join_request_created","joinRequestId":"JR1","userId":"US.13491208655302741918"}]}
            """);
        JsonNode.DeepEquals(body, expected).ShouldBeTrue(body.ToJsonString());
        body["groupEvents"]![0]!.AsObject().Select(p => p.Key).ShouldBe(expected!["groupEvents"]![0]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("group_id", "groupId")]
    [InlineData("update_successful", "updateSuccessful")]
    [InlineData("added_participants", "addedParticipants")]
    [InlineData("type", "type")]
    [InlineData("_x", "x")]
    public void SnakeCaseNamesBecomeCamelCase(string name, string camel) => OneMsgGroupEvents.CamelCase(name).ShouldBe(camel);

    [Fact]
    public void AParticipantsPostIsInTheGroupsChatAuthoredByThem()
    {
        var channel = new Channel("106540352242922", "1", "15550783881", "1", "Acme", "sandbox", "{}", "s", 80, DateTimeOffset.UnixEpoch);
        var format = new OneMsgWebhookFormat(new History([]));
        var inbound = """{"contact":{"profile":{"name":"Ana"},"wa_id":"12020721369"},"message":{"from":"12020721369","group_id":"G1","id":"wamid.p","timestamp":"1700000000","type":"text","text":{"body":"Hi all"}},"message_number":4}""";

        var body = JsonNode.Parse(Encoding.UTF8.GetString(format.Render(channel, [new(1, "wh", channel.PhoneNumberId, EventKinds.Messages, inbound, DateTimeOffset.UnixEpoch, 0, null, null)])))!;

        body.ToJsonString().ShouldBe(
            """{"instanceId":"106540352242922","messages":[{"id":"wamid.p","body":"Hi all","fromMe":false,"self":0,"isForwarded":false,"author":"12020721369@c.us","time":1700000000,"chatId":"G1@g.us","messageNumber":4,"type":"chat","senderName":"Ana","caption":null,"quotedMsgId":null,"chatName":"G1"}]}""");
    }

    /// <summary>A channel's stored messages, found by id as the webhook format looks an echoed message up.</summary>
    private sealed class History(IReadOnlyList<NumberedMessage> messages) : IMessageHistoryStore
    {
        public Task<IReadOnlyList<NumberedMessage>> ListNumberedAsync(NumberedMessageQuery query, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<NumberedMessage>>([.. messages.Where(m => m.Message.ChannelId == query.ChannelId && m.Message.Id == query.MessageId)]);
    }
}

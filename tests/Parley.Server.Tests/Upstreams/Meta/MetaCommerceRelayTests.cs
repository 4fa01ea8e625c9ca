using System.Net;
using Parley.Server.Commerce;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// A meta channel's commerce settings (cart, catalog visibility) are Meta's (a fake Graph API here): they are set at
/// Meta's <c>/{phone-number-id}/whatsapp_commerce_settings</c> in its query string, as Meta's reference does, then
/// mirrored; they are read from Meta; and Meta's refusal comes back in each dialect.
/// </summary>
public sealed class MetaCommerceRelayTests : MetaRelayTestBase
{
    private CommerceSettingsStore Settings => Service<CommerceSettingsStore>();

    [Fact]
    public async Task SettingTheSettingsIsMadeAtMetaInItsQueryStringAndThenMirrored()
    {
        var metaPath = MetaPath("whatsapp_commerce_settings") + "?is_cart_enabled=false&is_catalog_visible=true";
        MetaAnswers("POST", metaPath, """{"success":true}""");

        var (status, body) = await CloudAsync(HttpMethod.Post, CloudPath("whatsapp_commerce_settings"), """{"is_cart_enabled":false,"is_catalog_visible":"true"}""");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(body, """{"success":true}""");
        MetaReceivedOne("POST", metaPath).Body.ShouldBeEmpty();
        var mirrored = await Settings.GetAsync(Channel.PhoneNumberId, CancellationToken.None);
        (mirrored.IsCartEnabled, mirrored.IsCatalogVisible).ShouldBe((false, true));
    }

    [Fact]
    public async Task OneMsgSetsTheSettingsAtMeta()
    {
        var metaPath = MetaPath("whatsapp_commerce_settings") + "?is_cart_enabled=true&is_catalog_visible=false";
        MetaAnswers("POST", metaPath, """{"success":true}""");

        var (status, body) = await OneMsgAsync(HttpMethod.Post, "commerce", """{"params":{"is_cart_enabled":true,"is_catalog_visible":false}}""");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        MetaReceivedOne("POST", metaPath);
        (await Settings.GetAsync(Channel.PhoneNumberId, CancellationToken.None)).IsCatalogVisible.ShouldBeFalse();
    }

    [Fact]
    public async Task ReadingTheSettingsAsksMetaInEachDialect()
    {
        MetaAnswers("GET", MetaPath("whatsapp_commerce_settings"), """{"data":[{"is_cart_enabled":false,"is_catalog_visible":true,"id":"1190000000000"}]}""");

        var (cloudStatus, cloud) = await CloudAsync(HttpMethod.Get, CloudPath("whatsapp_commerce_settings"));
        var (oneMsgStatus, oneMsg) = await OneMsgAsync(HttpMethod.Get, "commerce");

        cloudStatus.ShouldBe(HttpStatusCode.OK, cloud.ToJsonString());
        ShouldBeJson(cloud, $$$$"""{"data":[{"is_cart_enabled":false,"is_catalog_visible":true,"id":"{{{{Channel.PhoneNumberId}}}}"}]}""");
        oneMsgStatus.ShouldBe(HttpStatusCode.OK, oneMsg.ToJsonString());
        ShouldBeJson(oneMsg, $$$$"""[{"id":"{{{{Channel.PhoneNumberId}}}}","is_cart_enabled":false,"is_catalog_visible":true}]""");
        Graph.Requests.Count.ShouldBe(2);
        Graph.Requests.ShouldAllBe(r => r.Method == "GET" && r.PathAndQuery == MetaPath("whatsapp_commerce_settings")
            && r.Authorization == "Bearer " + MetaChannels.UpstreamAccessToken);
    }

    [Fact]
    public async Task MetasRefusalIsAnsweredInEachDialectAndTheMirrorStaysAsItWas()
    {
        Graph.Respond = _ => GraphAnswer.Error(403, 10, "Application does not have permission for this action", "Missing permission: catalog_management.");

        var (cloudStatus, cloud) = await CloudAsync(HttpMethod.Post, CloudPath("whatsapp_commerce_settings") + "?is_cart_enabled=false");
        var (oneMsgStatus, oneMsg) = await OneMsgAsync(HttpMethod.Get, "commerce");

        cloudStatus.ShouldBe(HttpStatusCode.Forbidden, cloud.ToJsonString());
        cloud.Code().ShouldBe(10);
        cloud.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("Missing permission: catalog_management.");
        oneMsgStatus.ShouldBe(HttpStatusCode.Forbidden, oneMsg.ToJsonString());
        oneMsg["error"]!.GetValue<string>().ShouldBe("(#10) Application does not have permission for this action");
        (await Settings.GetAsync(Channel.PhoneNumberId, CancellationToken.None)).IsCartEnabled.ShouldBeTrue();
    }
}

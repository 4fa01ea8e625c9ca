using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary><c>/settings</c>: every settings field of digest A.5 is kept per channel, and <c>ackNotificationsOn</c> without a URL.</summary>
public sealed class OneMsgSettingsTests : ParleyTest
{
    [Fact]
    public async Task TheOtherSettingsFieldsAreKeptAndReportedAsChanged()
    {
        var (_, initial) = await OneMsgClient.GetAsync(Client, "settings");
        initial["rawHooks"]!.GetValue<bool>().ShouldBeFalse();
        initial["guaranteedHooks"]!.GetValue<bool>().ShouldBeFalse();

        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "settings", """{"rawHooks":true,"guaranteedHooks":true,"template_analytics_enabled":true}""");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["update"]!.AsObject().Select(p => p.Key).Order().ShouldBe(["guaranteedHooks", "rawHooks", "template_analytics_enabled"]);

        var (_, again) = await OneMsgClient.PostFormAsync(Client, "settings", "rawHooks=false&cta_url_link_tracking_opted_out=1");
        again["update"]!.AsObject().Select(p => p.Key).Order().ShouldBe(["cta_url_link_tracking_opted_out", "rawHooks"]);

        var (_, settings) = await OneMsgClient.GetAsync(Client, "settings");
        settings["rawHooks"]!.GetValue<bool>().ShouldBeFalse();
        settings["guaranteedHooks"]!.GetValue<bool>().ShouldBeTrue();
        settings["template_analytics_enabled"]!.GetValue<bool>().ShouldBeTrue();
        settings["cta_url_link_tracking_opted_out"]!.GetValue<bool>().ShouldBeTrue();
        settings["webhookUrl"].ShouldBeNull();
    }

    [Fact]
    public async Task AckNotificationsOnIsKeptWithoutAUrlAndAppliesWhenOneIsSet()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "settings", """{"ackNotificationsOn":true}""");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["ackNotificationsOn"]!.GetValue<bool>().ShouldBeTrue();
        (await OneMsgClient.GetAsync(Client, "settings")).Body["ackNotificationsOn"]!.GetValue<bool>().ShouldBeTrue();

        (await OneMsgClient.PostJsonAsync(Client, "webhook", """{"webhookUrl":"https://example.com/hook"}""")).Status.ShouldBe(HttpStatusCode.OK);
        using (var list = await Admin.GetAsync($"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks"))
        {
            var subscription = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray().Single()!;
            subscription.ToJsonString().ShouldContain("statuses");
        }

        (await OneMsgClient.PostJsonAsync(Client, "settings", """{"webhookUrl":""}""")).Status.ShouldBe(HttpStatusCode.OK);
        (await OneMsgClient.GetAsync(Client, "settings")).Body["ackNotificationsOn"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task ANonBooleanSettingIs400AndChangesNothing()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "settings", """{"rawHooks":"sometimes","ackNotificationsOn":true}""");
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldContain("rawHooks");
        var (_, settings) = await OneMsgClient.GetAsync(Client, "settings");
        settings["ackNotificationsOn"]!.GetValue<bool>().ShouldBeFalse();
        settings["rawHooks"]!.GetValue<bool>().ShouldBeFalse();
    }
}

using System.Net;
using System.Net.Http.Json;
using Parley.Core.Errors;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Templates;

/// <summary>What deleting a template does besides deleting it (digest §5.1): the DELETED webhook, the 30-day name hold, DISABLED kept.</summary>
public sealed class TemplateDeletionTests : SubscribedParleyTest
{
    [Fact]
    public async Task DeletingTemplatesSendsADeletedStatusWebhookForEachLanguage()
    {
        var english = await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());
        var spanish = await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation(language: "es"));

        var (status, body) = await TemplateApi.DeleteAsync(Client, "name=order_confirmation");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var deleted = await Eventually.Get(
            () => Receiver.TemplateUpdates().Where(u => u["event"]!.GetValue<string>() == "DELETED").ToList(), d => d.Count >= 2);
        deleted.Select(d => d["message_template_id"]!.GetValue<long>().ToString()).Order().ShouldBe(new[] { english, spanish }.Order());
        deleted.Select(d => d["message_template_language"]!.GetValue<string>()).Order().ShouldBe(["en_US", "es"]);
        deleted.ShouldAllBe(d => d["message_template_name"]!.GetValue<string>() == "order_confirmation" && d["reason"]!.GetValue<string>() == "NONE");
        (await TemplateApi.GetAsync(Client, $"/v23.0/{english}")).ShouldBeUnknown(english);
    }

    [Fact]
    public async Task TheNameOfADeletedApprovedTemplateIsHeldFor30Days()
    {
        await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());
        (await TemplateApi.DeleteAsync(Client, "name=order_confirmation")).Status.ShouldBe(HttpStatusCode.OK);

        var (status, body) = await TemplateApi.CreateAsync(Client, TemplateApi.OrderConfirmation(language: "fr"));
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.ShouldBeGraphError(100, "(#100) Invalid parameter", subcode: ErrorCatalog.TemplateNameBeingDeletedSubcode)
            .ShouldStartWith("Message Template Language Is Being Deleted");

        using (var advance = await Admin.PostAsJsonAsync("/sandbox/clock/advance", new { seconds = 29 * 24 * 3600 }))
        {
            advance.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await TemplateApi.CreateAsync(Client, TemplateApi.OrderConfirmation())).Body.Error()["error_subcode"]!.GetValue<int>()
            .ShouldBe(ErrorCatalog.TemplateNameBeingDeletedSubcode);
        using (var advance = await Admin.PostAsJsonAsync("/sandbox/clock/advance", new { seconds = 24 * 3600 }))
        {
            advance.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation());
    }

    [Fact]
    public async Task TheNameOfADeletedTemplateThatWasNeverApprovedCanBeUsedAgainAtOnce()
    {
        await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation());
        (await TemplateApi.DeleteAsync(Client, "name=order_confirmation")).Status.ShouldBe(HttpStatusCode.OK);

        await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation());
    }

    [Fact]
    public async Task ADisabledTemplateCannotBeDeletedAndNothingOfItsNameIsDeleted()
    {
        var disabled = await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation());
        var other = await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation(language: "es"));
        await TemplateApi.SetStatusAsync(Client, disabled, "DISABLED");

        var (status, body) = await TemplateApi.DeleteAsync(Client, "name=order_confirmation");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldBe("DISABLED message templates can't be deleted; nothing was deleted.");
        (await TemplateApi.DeleteAsync(Client, $"hsm_id={disabled}&name=order_confirmation")).Status.ShouldBe(HttpStatusCode.BadRequest);

        (await TemplateApi.GetAsync(Client, $"/v23.0/{disabled}")).Body["status"]!.GetValue<string>().ShouldBe("DISABLED");
        (await TemplateApi.GetAsync(Client, $"/v23.0/{other}")).Status.ShouldBe(HttpStatusCode.OK);
        (await TemplateApi.DeleteAsync(Client, $"hsm_id={other}&name=order_confirmation")).Status.ShouldBe(HttpStatusCode.OK);
    }
}

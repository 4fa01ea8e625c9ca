using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// A flow's life through 1msg's methods: publish (at once or later), deprecate and delete, each refused with WhatsApp's
/// flow error (139001–139004) in 1msg's <c>{"error"}</c> where the flow's status does not allow it; and flows belong to
/// the instance's business account, so another account's flow is unknown.
/// </summary>
public sealed class OneMsgFlowLifecycleTests : ParleyTest
{
    [Fact]
    public async Task CreatingWithPublishPublishesAValidFlow()
    {
        var request = new JsonObject { ["name"] = "Sign up", ["categories"] = "SIGN_UP", ["flowJson"] = OneMsgFlowClient.ValidFlowJson, ["publish"] = "true" };

        var (status, created) = await OneMsgFlowClient.PostAsync(Client, "flows", request.ToJsonString());

        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        created["success"]!.GetValue<bool>().ShouldBeTrue();
        created["flowJson"]!["validationErrors"]!.AsArray().ShouldBeEmpty();
        created["publish"]!.ToJsonString().ShouldBe("""{"success":true}""");
        (await OneMsgFlowClient.StatusAsync(Client, created["id"]!.GetValue<string>())).ShouldBe("PUBLISHED");
    }

    [Fact]
    public async Task CreatingWithPublishAndInvalidFlowJsonCreatesADraftAndSaysWhyItWasNotPublished()
    {
        using var content = OneMsgFlowClient.Multipart(new Dictionary<string, string> { ["name"] = "Sign up", ["categories"] = "SIGN_UP", ["publish"] = "1" },
            OneMsgFlowClient.BrokenFlowJson);

        var (status, created) = await OneMsgFlowClient.SendAsync(Client, HttpMethod.Post, "flows", content);

        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        created["success"]!.GetValue<bool>().ShouldBeFalse();
        created["flowJson"]!["validationErrors"]!.AsArray().ShouldNotBeEmpty();
        created["publish"]!["success"]!.GetValue<bool>().ShouldBeFalse();
        created["publish"]!["error"]!.GetValue<string>().ShouldStartWith("(#139002)");
        created["publish"]!["error"]!.GetValue<string>().ShouldContain("validation errors");
        (await OneMsgFlowClient.StatusAsync(Client, created["id"]!.GetValue<string>())).ShouldBe("DRAFT");
    }

    [Fact]
    public async Task PublishingNeedsAFlowJsonWithoutValidationErrors()
    {
        var id = await OneMsgFlowClient.CreateAsync(Client, "Sign up");

        var withoutJson = await OneMsgFlowClient.PostAsync(Client, $"flows/{id}/publish");
        await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/assets", new JsonObject { ["flowJson"] = OneMsgFlowClient.BrokenFlowJson }.ToJsonString());
        var withErrors = await OneMsgFlowClient.PostAsync(Client, $"flows/{id}/publish");
        var draft = await OneMsgFlowClient.StatusAsync(Client, id);
        await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/assets", new JsonObject { ["flowJson"] = OneMsgFlowClient.ValidFlowJson }.ToJsonString());
        var (status, published) = await OneMsgFlowClient.PostAsync(Client, $"flows/{id}/publish");
        var again = await OneMsgFlowClient.PostAsync(Client, $"flows/{id}/publish");

        OneMsgGroupClient.ErrorOf(withoutJson).ShouldStartWith("(#139002)");
        OneMsgGroupClient.ErrorOf(withErrors).ShouldStartWith("(#139002) ");
        OneMsgGroupClient.ErrorOf(withErrors).ShouldContain("Publishing Flow with validation errors");
        draft.ShouldBe("DRAFT");
        status.ShouldBe(HttpStatusCode.OK, published.ToJsonString());
        published.ToJsonString().ShouldBe("""{"success":true}""");
        (await OneMsgFlowClient.StatusAsync(Client, id)).ShouldBe("PUBLISHED");
        OneMsgGroupClient.ErrorOf(again).ShouldStartWith("(#139002)");
    }

    [Fact]
    public async Task APublishedFlowCannotBeChangedOrDeletedButCanBeDeprecatedOnce()
    {
        var id = await OneMsgFlowClient.CreatePublishedAsync(Client);

        var metadata = await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/metadata", """{"name":"Renamed"}""");
        var assets = await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/assets", new JsonObject { ["flowJson"] = OneMsgFlowClient.ValidFlowJson }.ToJsonString());
        var delete = await OneMsgFlowClient.DeleteAsync(Client, $"flows/{id}");
        var (status, deprecated) = await OneMsgFlowClient.PostAsync(Client, $"flows/{id}/deprecate");
        var again = await OneMsgFlowClient.PostAsync(Client, $"flows/{id}/deprecate");

        OneMsgGroupClient.ErrorOf(metadata).ShouldStartWith("(#139001)");
        OneMsgGroupClient.ErrorOf(assets).ShouldStartWith("(#139001)");
        OneMsgGroupClient.ErrorOf(delete).ShouldStartWith("(#139004)");
        status.ShouldBe(HttpStatusCode.OK, deprecated.ToJsonString());
        deprecated.ToJsonString().ShouldBe("""{"success":true}""");
        OneMsgGroupClient.ErrorOf(again).ShouldStartWith("(#139003)");
        var details = await OneMsgFlowClient.DetailsAsync(Client, id);
        details["status"]!.GetValue<string>().ShouldBe("DEPRECATED");
        details["name"]!.GetValue<string>().ShouldBe("Sign up");
    }

    [Fact]
    public async Task ADraftCannotBeDeprecatedButCanBeDeleted()
    {
        var id = await OneMsgFlowClient.CreateAsync(Client, "Sign up");

        var deprecate = await OneMsgFlowClient.PostAsync(Client, $"flows/{id}/deprecate");
        var (status, deleted) = await OneMsgFlowClient.DeleteAsync(Client, $"flows/{id}");
        var gone = await OneMsgFlowClient.GetAsync(Client, $"flows/{id}");
        var deleteAgain = await OneMsgFlowClient.DeleteAsync(Client, $"flows/{id}");

        OneMsgGroupClient.ErrorOf(deprecate).ShouldStartWith("(#139003)");
        status.ShouldBe(HttpStatusCode.OK, deleted.ToJsonString());
        deleted.ToJsonString().ShouldBe("""{"success":true}""");
        OneMsgGroupClient.ErrorOf(gone).ShouldContain($"Object with ID '{id}' does not exist");
        OneMsgGroupClient.ErrorOf(deleteAgain).ShouldContain("does not exist");
        (await OneMsgFlowClient.TotalAsync(Client)).ShouldBe(0);
    }

    [Fact]
    public async Task AnotherAccountsFlowIsUnknownToThisInstanceAndEveryMethodSaysSo()
    {
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        var theirs = await OneMsgFlowClient.CreateAsync(Client, "Theirs", OneMsgFlowClient.ValidFlowJson, token: other.Token, instance: other.PhoneNumberId);

        var answers = new[]
        {
            await OneMsgFlowClient.GetAsync(Client, $"flows/{theirs}"),
            await OneMsgFlowClient.GetAsync(Client, $"flows/{theirs}/preview"),
            await OneMsgFlowClient.PatchAsync(Client, $"flows/{theirs}/metadata", """{"name":"Mine"}"""),
            await OneMsgFlowClient.PatchAsync(Client, $"flows/{theirs}/assets", """{"flowJson":"{}"}"""),
            await OneMsgFlowClient.PostAsync(Client, $"flows/{theirs}/publish"),
            await OneMsgFlowClient.PostAsync(Client, $"flows/{theirs}/deprecate"),
            await OneMsgFlowClient.DeleteAsync(Client, $"flows/{theirs}"),
        };

        foreach (var answer in answers)
        {
            OneMsgGroupClient.ErrorOf(answer).ShouldContain($"Object with ID '{theirs}' does not exist");
        }
        (await OneMsgFlowClient.TotalAsync(Client)).ShouldBe(0);
        var (_, theirList) = await OneMsgFlowClient.GetAsync(Client, "flows", token: other.Token, instance: other.PhoneNumberId);
        var listed = theirList["items"]!.AsArray().Single()!;
        listed["name"]!.GetValue<string>().ShouldBe("Theirs");
        listed["status"]!.GetValue<string>().ShouldBe("DRAFT");
        listed["whatsappBusinessAccount"]!["id"]!.GetValue<string>().ShouldBe(other.AccountId);
    }

    [Fact]
    public async Task AWabaAccountIdOtherThanTheInstancesIsRefusedAndItsOwnIsTaken()
    {
        var id = await OneMsgFlowClient.CreateAsync(Client, "Sign up");

        var own = await OneMsgFlowClient.GetAsync(Client, $"flows/{id}", $"&wabaAccountId={ParleyFactory.WabaId}");
        var other = await OneMsgFlowClient.GetAsync(Client, "flows", "&wabaAccountId=999999999");

        own.Status.ShouldBe(HttpStatusCode.OK, own.Body.ToJsonString());
        OneMsgGroupClient.ErrorOf(other).ShouldStartWith("(#100)");
    }

    [Fact]
    public async Task AWrongTokenIsOneMsgsWrongTokenAnswer()
    {
        var (status, body) = await OneMsgFlowClient.GetAsync(Client, "flows", token: "not-a-token");

        status.ShouldBe(HttpStatusCode.Unauthorized);
        body["error"]!.GetValue<string>().ShouldStartWith("Wrong token");
    }
}

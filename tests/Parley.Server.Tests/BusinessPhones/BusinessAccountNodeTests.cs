using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.BusinessPhones;

/// <summary><c>GET|POST /{waba-id}</c>: the WhatsApp Business Account node, its <c>fields</c> selection and what Meta lets a business change.</summary>
public sealed class BusinessAccountNodeTests : ParleyTest
{
    private const string WabaPath = $"/v23.0/{ParleyFactory.WabaId}";

    [Fact]
    public async Task WithoutFieldsTheAccountAnswersItsIdAndName()
    {
        var (status, body) = await Tenants.GetAsync(Client, WabaPath);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["id"]!.GetValue<string>().ShouldBe(ParleyFactory.WabaId);
        body["name"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        body.Count.ShouldBe(2);
    }

    [Fact]
    public async Task FieldsSelectsWhatTheAccountAnswers()
    {
        var (status, body) = await Tenants.GetAsync(Client, WabaPath +
            "?fields=timezone_id,currency,message_template_namespace,account_review_status,business_verification_status,ownership_type");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["id"]!.GetValue<string>().ShouldBe(ParleyFactory.WabaId);
        body.ContainsKey("name").ShouldBeFalse();
        body["timezone_id"]!.GetValue<string>().ShouldBe("1");
        body["currency"]!.GetValue<string>().ShouldBe("USD");
        body["message_template_namespace"]!.GetValue<string>().ShouldMatch("^[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$");
        body["account_review_status"]!.GetValue<string>().ShouldBe("APPROVED");
        body["business_verification_status"]!.GetValue<string>().ShouldBe("VERIFIED");
        body["ownership_type"]!.GetValue<string>().ShouldBe("SELF_OWNED");
        (await Tenants.GetAsync(Client, WabaPath + "?fields=message_template_namespace")).Body["message_template_namespace"]!.GetValue<string>()
            .ShouldBe(body["message_template_namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownFieldFailsWithCode100NamingIt()
    {
        var (status, body) = await Tenants.GetAsync(Client, WabaPath + "?fields=name,secret_sauce");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("Tried accessing nonexisting field (secret_sauce) on node type (WhatsAppBusinessAccount)");
    }

    [Fact]
    public async Task PostingNameAndTimezoneChangesThem()
    {
        var (status, body) = await Tenants.PostAsync(Client, WabaPath, new { name = "Lucky Shrub", timezone_id = "2" });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        var (_, account) = await Tenants.GetAsync(Client, WabaPath + "?fields=name,timezone_id");
        account["name"]!.GetValue<string>().ShouldBe("Lucky Shrub");
        account["timezone_id"]!.GetValue<string>().ShouldBe("2");
    }

    [Theory]
    [InlineData("""{"name":""}""", "Param name must be a non-empty string of at most 100 characters.")]
    [InlineData("""{"name":42}""", "Param name must be a non-empty string of at most 100 characters.")]
    [InlineData("""{"timezone_id":"Europe/Paris"}""", "Param timezone_id must be a timezone id (a positive integer).")]
    [InlineData("""{}""", "At least one of the parameters name, timezone_id, is_enabled_for_insights is required.")]
    public async Task AnInvalidUpdateFailsWithCode100AndChangesNothing(string json, string details)
    {
        var (_, before) = await Tenants.GetAsync(Client, WabaPath + "?fields=name,timezone_id");

        var (status, body) = await CloudApi.SendRawAsync(Client, json, WabaPath);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe(details);
        (await Tenants.GetAsync(Client, WabaPath + "?fields=name,timezone_id")).Body.ToJsonString().ShouldBe(before.ToJsonString());
    }

    [Fact]
    public async Task AnotherAccountsTokenCannotReadTheAccount()
    {
        var other = await Tenants.CreateAccountAsync(Admin, "Other Business");
        var (_, token) = await Tenants.IssueTokenAsync(Admin, accountId: other);
        using var otherClient = Parley.CreateChannelClient(token);

        var (status, body) = await Tenants.GetAsync(otherClient, WabaPath);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        (await Tenants.GetAsync(otherClient, $"/v23.0/{other}")).Status.ShouldBe(HttpStatusCode.OK);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.BusinessPhones;

/// <summary><c>GET|POST /{version}/{phone-number-id}/whatsapp_business_profile</c> (digest §5.3).</summary>
public sealed class BusinessProfileTests : ParleyTest
{
    private const string ProfilePath = $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_profile";
    private const string AllFields = "about,address,description,email,profile_picture_url,websites,vertical";

    private async Task<JsonObject> ProfileAsync(string? fields = AllFields)
    {
        var (status, body) = await Tenants.GetAsync(Client, fields is null ? ProfilePath : $"{ProfilePath}?fields={fields}");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var data = body["data"]!.AsArray();
        data.Count.ShouldBe(1);
        return data[0]!.AsObject();
    }

    private Task<(HttpStatusCode Status, JsonObject Body)> UpdateAsync(object body) => Tenants.PostAsync(Client, ProfilePath, body);

    [Fact]
    public async Task ANewNumberHasAnEmptyProfileWithVerticalUndefined()
    {
        var profile = await ProfileAsync();

        profile.ToJsonString().ShouldBe("""{"vertical":"UNDEFINED","messaging_product":"whatsapp"}""");
    }

    [Fact]
    public async Task EachFieldCanBeUpdatedAloneAndReadBack()
    {
        var updates = new (string Field, object Body, JsonNode Expected)[]
        {
            ("about", new { messaging_product = "whatsapp", about = "Fresh fruit every day 🍎" }, "Fresh fruit every day 🍎"),
            ("address", new { messaging_product = "whatsapp", address = "1 Market Street, Springfield" }, "1 Market Street, Springfield"),
            ("description", new { messaging_product = "whatsapp", description = "Family grocer since 1920." }, "Family grocer since 1920."),
            ("email", new { messaging_product = "whatsapp", email = "hello@jaspers.example" }, "hello@jaspers.example"),
            ("vertical", new { messaging_product = "whatsapp", vertical = "GROCERY" }, "GROCERY"),
            ("websites", new { messaging_product = "whatsapp", websites = new[] { "https://jaspers.example", "http://shop.jaspers.example/" } },
                new JsonArray("https://jaspers.example", "http://shop.jaspers.example/")),
        };

        foreach (var (field, body, expected) in updates)
        {
            var (status, answer) = await UpdateAsync(body);
            status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
            answer.ToJsonString().ShouldBe("""{"success":true}""");
            JsonNode.DeepEquals((await ProfileAsync())[field], expected).ShouldBeTrue(field);
        }

        // A partial update leaves the other fields as they were.
        (await UpdateAsync(new { messaging_product = "whatsapp", about = "Closed on Sundays" })).Status.ShouldBe(HttpStatusCode.OK);
        var profile = await ProfileAsync();
        profile["about"]!.GetValue<string>().ShouldBe("Closed on Sundays");
        profile["email"]!.GetValue<string>().ShouldBe("hello@jaspers.example");
        profile["websites"]!.AsArray().Count.ShouldBe(2);
        profile["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
    }

    [Fact]
    public async Task FieldsSelectsWhatIsReturnedAndAnUnknownFieldIsCode100()
    {
        (await UpdateAsync(new { messaging_product = "whatsapp", about = "Hi", email = "a@b.example", address = "Here" })).Status.ShouldBe(HttpStatusCode.OK);

        (await ProfileAsync("about,email")).ToJsonString().ShouldBe("""{"about":"Hi","email":"a@b.example","messaging_product":"whatsapp"}""");
        (await ProfileAsync(null))["address"]!.GetValue<string>().ShouldBe("Here");

        var (status, body) = await Tenants.GetAsync(Client, $"{ProfilePath}?fields=about,colour");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldContain("nonexisting field (colour)");
    }

    [Theory]
    [InlineData("about", "")]
    [InlineData("about", "139+")]
    [InlineData("address", "256+")]
    [InlineData("description", "512+")]
    [InlineData("email", "not-an-email")]
    [InlineData("email", "128+")]
    [InlineData("vertical", "SPACESHIPS")]
    [InlineData("websites", "3 sites")]
    [InlineData("websites", "no scheme")]
    [InlineData("websites", "257 chars")]
    [InlineData("messaging_product", "missing")]
    public async Task EveryLimitIsMetasCode100AndNothingChanges(string field, string violation)
    {
        (await UpdateAsync(new { messaging_product = "whatsapp", about = "Before", email = "before@x.example" })).Status.ShouldBe(HttpStatusCode.OK);
        var body = new JsonObject { ["messaging_product"] = "whatsapp" };
        JsonNode value = (field, violation) switch
        {
            (_, "139+") => new string('a', 140),
            (_, "256+") => new string('a', 257),
            (_, "512+") => new string('a', 513),
            (_, "128+") => new string('a', 120) + "@x.example",
            (_, "3 sites") => new JsonArray("https://a.example", "https://b.example", "https://c.example"),
            (_, "no scheme") => new JsonArray("www.example.com"),
            (_, "257 chars") => new JsonArray("https://example.com/" + new string('p', 237)),
            _ => violation,
        };
        if (field == "messaging_product")
        {
            body.Remove("messaging_product");
            body["about"] = "After";
        }
        else
        {
            body[field] = value;
        }

        var (status, answer) = await Tenants.PostAsync(Client, ProfilePath, body);

        status.ShouldBe(HttpStatusCode.BadRequest, answer.ToJsonString());
        answer.ShouldBeGraphError(100, "(#100) Invalid parameter");
        var profile = await ProfileAsync();
        profile["about"]!.GetValue<string>().ShouldBe("Before");
        profile["email"]!.GetValue<string>().ShouldBe("before@x.example");
    }

    [Fact]
    public async Task AnInvalidProfilePictureHandleIs422Code100AndAValidOneIsAccepted()
    {
        var (status, body) = await UpdateAsync(new { messaging_product = "whatsapp", profile_picture_handle = "nope" });
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldContain("invalid or expired");

        var handle = await Uploads.UploadCalls.UploadOkAsync(Client, Uploads.UploadCalls.Png(), "image/png");
        (await UpdateAsync(new { messaging_product = "whatsapp", profile_picture_handle = handle })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AFormEncodedUpdateIsReadLikeJson()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["messaging_product"] = "whatsapp",
            ["about"] = "Form about",
            ["websites"] = """["https://form.example"]""",
        });
        using var response = await Client.PostAsync(ProfilePath, form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var profile = await ProfileAsync("about,websites");
        profile["about"]!.GetValue<string>().ShouldBe("Form about");
        profile["websites"]![0]!.GetValue<string>().ShouldBe("https://form.example");
    }

    [Fact]
    public async Task TokenOfAnotherTenantGetsCode100Subcode33ForTheProfile()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var stranger = Parley.CreateChannelClient(tenant.Token);

        var read = await Tenants.GetAsync(stranger, ProfilePath);
        read.Status.ShouldBe(HttpStatusCode.BadRequest);
        read.Body.ShouldBeGraphError(100,
            $"Unsupported get request. Object with ID '{ParleyFactory.PhoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
            "GraphMethodException", subcode: 33);
        (await Tenants.PostAsync(stranger, ProfilePath, new { messaging_product = "whatsapp", about = "Hijacked" })).ShouldBeUnknownObject(ParleyFactory.PhoneNumberId);

        (await ProfileAsync()).ContainsKey("about").ShouldBeFalse();
        // The tenant's own number has a profile of its own.
        (await Tenants.PostAsync(stranger, $"/v23.0/{tenant.PhoneNumberId}/whatsapp_business_profile", new { messaging_product = "whatsapp", about = "Mine" })).Status.ShouldBe(HttpStatusCode.OK);
        (await ProfileAsync()).ContainsKey("about").ShouldBeFalse();
    }
}

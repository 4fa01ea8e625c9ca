using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.BusinessPhones;

/// <summary><c>GET|PATCH /sandbox/channels/{id}/phone</c>: the simulator sets what WhatsApp would decide about a number.</summary>
public sealed class PhoneSimulatorTests : ParleyTest
{
    private const string SimulatorPath = $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/phone";

    [Fact]
    public async Task SetStateShowsInTheCloudApiAndTheSimulator()
    {
        var (status, state) = await Tenants.PatchAsync(Admin, SimulatorPath, new
        {
            quality_rating = "YELLOW",
            throughput_level = "HIGH",
            messaging_limit_tier = "TIER_10K",
            name_status = "PENDING_REVIEW",
            account_mode = "SANDBOX",
        });

        status.ShouldBe(HttpStatusCode.OK, state.ToJsonString());
        state["quality_rating"]!.GetValue<string>().ShouldBe("YELLOW");
        state["throughput_level"]!.GetValue<string>().ShouldBe("HIGH");
        state["registered"]!.GetValue<bool>().ShouldBeTrue();
        var node = (await Tenants.GetAsync(Client,
            $"/v23.0/{ParleyFactory.PhoneNumberId}?fields=throughput,whatsapp_business_manager_messaging_limit,name_status,account_mode")).Body;
        node["quality_rating"]!.GetValue<string>().ShouldBe("YELLOW");
        node["throughput"]!["level"]!.GetValue<string>().ShouldBe("HIGH");
        node["whatsapp_business_manager_messaging_limit"]!.GetValue<string>().ShouldBe("TIER_10K");
        node["name_status"]!.GetValue<string>().ShouldBe("PENDING_REVIEW");
        node["account_mode"]!.GetValue<string>().ShouldBe("SANDBOX");
        (await Tenants.GetAsync(Admin, SimulatorPath)).Body["messaging_limit_tier"]!.GetValue<string>().ShouldBe("TIER_10K");
    }

    [Fact]
    public async Task UnknownValuesAreRejectedAndNothingChanges()
    {
        var (status, problem) = await Tenants.PatchAsync(Admin, SimulatorPath, new { quality_rating = "PURPLE", messaging_limit_tier = "TIER_1K" });

        status.ShouldBe(HttpStatusCode.BadRequest);
        problem["errors"]!["quality_rating"].ShouldNotBeNull();
        (await Tenants.GetAsync(Admin, SimulatorPath)).Body["quality_rating"]!.GetValue<string>().ShouldBe("GREEN");
    }

    [Fact]
    public async Task TheSimulatorNeedsTheAdminKeyAndAKnownChannel()
    {
        (await Tenants.PatchAsync(Client, SimulatorPath, new { quality_rating = "RED" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Tenants.GetAsync(Admin, "/sandbox/channels/404/phone")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Tenants.GetAsync(Admin, SimulatorPath)).Body["quality_rating"]!.GetValue<string>().ShouldBe("GREEN");
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Pricing;

/// <summary>A message's recorded pricing, as the lookup API shows it.</summary>
public static class PricingRecords
{
    /// <summary>The <c>pricing</c> of the message, or null while none is recorded.</summary>
    public static async Task<JsonObject?> FindAsync(ParleyFactory parley, string id)
    {
        using var client = parley.CreateChannelClient();
        using var response = await client.GetAsync(CloudApi.MessagePath(id));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await CloudApi.ReadAsync(response))["pricing"] as JsonObject;
    }

    /// <summary>The <c>pricing</c> of the message once it is recorded.</summary>
    public static async Task<JsonObject> RecordedAsync(ParleyFactory parley, string id) =>
        (await Eventually.Get<JsonObject?>(() => FindAsync(parley, id), r => r is not null))!;
}

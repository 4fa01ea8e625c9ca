using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Analytics;

/// <summary>Templates with URL buttons, the sandbox's URL button tap, and today's analytics query.</summary>
public static class AnalyticsKit
{
    public const string Waba = "/v23.0/" + ParleyFactory.WabaId;

    public static JsonObject WithUrlButton(string name, string category) => JsonNode.Parse($$"""
        {"name":"{{name}}","language":"en_US","category":"{{category}}","components":[
          {"type":"BODY","text":"Our spring collection is here."},
          {"type":"BUTTONS","buttons":[{"type":"URL","text":"Shop now","url":"https://shop.example.com/sale"},{"type":"QUICK_REPLY","text":"Stop"}]}]}
        """)!.AsObject();

    /// <summary>The simulated user taps button <paramref name="index"/> of the template message.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> TapAsync(HttpClient client, string messageId, int index)
    {
        using var response = await client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/template_clicks", new { message_id = messageId, button_index = index });
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>The query of today (UTC) and tomorrow for these templates.</summary>
    public static string Today(params string[] templateIds)
    {
        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;
        return $"start={today:yyyy-MM-dd}&end={today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&granularity=DAILY&template_ids=[{string.Join(',', templateIds)}]";
    }

    /// <summary>The only data point of an analytics answer.</summary>
    public static JsonObject Point(JsonObject answer) =>
        answer["data"]!.AsArray().ShouldHaveSingleItem()!["data_points"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
}

using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.CloudApiDialect;

/// <summary>Assertions on the Graph error envelope and on what a channel has stored.</summary>
internal static class GraphAssertions
{
    /// <summary>
    /// The full envelope of digest §2.1: <c>message</c>, <c>type</c>, <c>code</c>, <c>error_data{messaging_product,
    /// details}</c>, <c>error_subcode</c> only when expected, and a <c>fbtrace_id</c>. Returns the error's details.
    /// </summary>
    public static string ShouldBeGraphError(this JsonObject body, int code, string message, string type = "OAuthException", int? subcode = null)
    {
        var error = body.ShouldBeGraphEnvelope();
        error["message"]!.GetValue<string>().ShouldBe(message);
        error["type"]!.GetValue<string>().ShouldBe(type);
        error["code"]!.GetValue<int>().ShouldBe(code);
        if (subcode is null)
        {
            error.ContainsKey("error_subcode").ShouldBeFalse(body.ToJsonString());
        }
        else
        {
            error["error_subcode"]!.GetValue<int>().ShouldBe(subcode.Value);
        }
        return error["error_data"]!["details"]!.GetValue<string>();
    }

    /// <summary>The envelope's shape, whatever the code: what every failure on a Graph path must look like.</summary>
    public static JsonObject ShouldBeGraphEnvelope(this JsonObject body)
    {
        var error = body["error"].ShouldBeOfType<JsonObject>(body.ToJsonString());
        error["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        error["type"]!.GetValue<string>().ShouldBeOneOf("OAuthException", "GraphMethodException");
        error["code"]!.GetValue<int>().ShouldBeGreaterThan(0);
        var data = error["error_data"].ShouldBeOfType<JsonObject>();
        data["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        data["details"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        error["fbtrace_id"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        return error;
    }

    /// <summary>The "object does not exist" answer (code 100, subcode 33) for <paramref name="id"/>, worded as Graph words it.</summary>
    public static void ShouldBeUnknownObject(this (HttpStatusCode Status, JsonObject Body) response, string id)
    {
        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Body.ShouldBeGraphError(100,
            $"Unsupported post request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
            "GraphMethodException", subcode: 33);
    }

    /// <summary>The outbound messages the demo channel has stored, newest first.</summary>
    public static async Task<JsonArray> OutboundMessagesAsync(HttpClient client)
    {
        using var response = await client.GetAsync($"/api/channels/{ParleyFactory.PhoneNumberId}/messages?direction=outbound&limit=200");
        var page = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, page.ToJsonString());
        return page["data"]!.AsArray();
    }

    /// <summary>Asserts that the demo channel stored no outbound message.</summary>
    public static async Task ShouldHaveStoredNothingAsync(HttpClient client) =>
        (await OutboundMessagesAsync(client)).ShouldBeEmpty();
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Uploads;

/// <summary>Calls the Resumable Upload API as Meta's guide does: open a session, send the bytes, get the handle.</summary>
public static class UploadCalls
{
    /// <summary>Any app id: Parley has no apps; the token decides whose upload it is.</summary>
    public const string AppId = "581723946102733";

    /// <summary>The smallest PNG signature and header, enough to be served back byte for byte.</summary>
    public static byte[] Png(int length = 300) => [.. Enumerable.Range(0, length).Select(i => i < 8 ? (byte)new[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }[i] : (byte)(i * 13))];

    public static async Task<(HttpStatusCode Status, JsonObject Body)> OpenAsync(HttpClient client, string? length, string? type, string? name = "sample.png")
    {
        var query = new List<string>();
        if (length is not null) { query.Add("file_length=" + length); }
        if (type is not null) { query.Add("file_type=" + Uri.EscapeDataString(type)); }
        if (name is not null) { query.Add("file_name=" + Uri.EscapeDataString(name)); }
        using var response = await client.PostAsync($"/v23.0/{AppId}/uploads?{string.Join('&', query)}", null);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>Opens a session and returns its id (<c>upload:…</c>), asserting the 200.</summary>
    public static async Task<string> OpenOkAsync(HttpClient client, long length, string type)
    {
        var (status, body) = await OpenAsync(client, length.ToString(System.Globalization.CultureInfo.InvariantCulture), type);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }

    /// <summary>Sends bytes to the session with <c>Authorization: OAuth</c> and the <c>file_offset</c> header.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, string sessionId, byte[] bytes, string? offset, string token = ParleyFactory.AccessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v23.0/" + sessionId) { Content = new ByteArrayContent(bytes) };
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", token);
        if (offset is not null)
        {
            request.Headers.Add("file_offset", offset);
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string sessionId)
    {
        using var response = await client.GetAsync("/v23.0/" + sessionId);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>Uploads a whole file in one request and returns its handle.</summary>
    public static async Task<string> UploadOkAsync(HttpClient client, byte[] bytes, string type, string token = ParleyFactory.AccessToken)
    {
        var session = await OpenOkAsync(client, bytes.Length, type);
        var (status, body) = await SendAsync(client, session, bytes, "0", token);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["h"]!.GetValue<string>();
    }

    /// <summary>
    /// Replaces the placeholder sample handle of test templates (<see cref="PlaceholderHandle"/>) in media headers,
    /// carousel cards' included, with real handles of uploads that fit each header.
    /// </summary>
    public static async Task ReplacePlaceholderHandlesAsync(HttpClient client, JsonObject template)
    {
        foreach (var header in Headers(template["components"] as JsonArray))
        {
            if (header["example"]?["header_handle"] is JsonArray { Count: > 0 } handles && handles[0]?.GetValue<string>() == PlaceholderHandle)
            {
                var (bytes, type) = header["format"]?.GetValue<string>() switch
                {
                    "VIDEO" => (new byte[64], "video/mp4"),
                    "DOCUMENT" => (new byte[64], "application/pdf"),
                    _ => (Png(), "image/png"),
                };
                handles[0] = await UploadOkAsync(client, bytes, type);
            }
        }
    }

    /// <summary>What test templates write where a real sample handle belongs.</summary>
    public const string PlaceholderHandle = "4::aW1hZ2U=";

    private static IEnumerable<JsonObject> Headers(JsonArray? components)
    {
        foreach (var component in components?.OfType<JsonObject>() ?? [])
        {
            if (component["type"]?.GetValue<string>() == "HEADER")
            {
                yield return component;
            }
            foreach (var card in (component["cards"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                foreach (var header in Headers(card["components"] as JsonArray))
                {
                    yield return header;
                }
            }
        }
    }
}

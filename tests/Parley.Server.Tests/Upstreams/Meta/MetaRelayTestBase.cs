using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// A meta channel whose Graph API is <see cref="FakeGraph"/>, for the tests of what a business account's settings
/// endpoints relay to Meta: calls in the Cloud API and 1msg dialects with the channel's token, Meta's answers scripted
/// per test, and the one management call Meta received checked whole (method, path and query, JSON body, token).
/// </summary>
public abstract class MetaRelayTestBase : MetaTestBase
{
    protected MetaChannel Channel { get; private set; } = null!;

    protected HttpClient ChannelClient { get; private set; } = null!;

    /// <summary>Meta's path for <paramref name="edge"/> of the channel's number: <c>/v23.0/{meta-phone-number-id}/{edge}</c>.</summary>
    protected string MetaPath(string edge) => $"/v23.0/{Channel.UpstreamPhoneNumberId}/{edge}";

    /// <summary>Parley's Cloud API path for <paramref name="edge"/> of the channel.</summary>
    protected string CloudPath(string edge) => $"/v23.0/{Channel.PhoneNumberId}/{edge}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Channel = await CreateChannelAsync();
        ChannelClient = Parley.CreateChannelClient(Channel.Token);
    }

    public override async Task DisposeAsync()
    {
        ChannelClient.Dispose();
        await base.DisposeAsync();
    }

    protected T Service<T>() where T : notnull => Parley.Services.GetRequiredService<T>();

    /// <summary>A Cloud API call of the channel, with a JSON body when given.</summary>
    protected async Task<(HttpStatusCode Status, JsonObject Body)> CloudAsync(HttpMethod method, string pathAndQuery, string? json = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await ChannelClient.SendAsync(request);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>A 1msg call of the channel (<c>/{instance}/{method}?token=…</c>), with a JSON body when given.</summary>
    protected async Task<(HttpStatusCode Status, JsonNode Body)> OneMsgAsync(HttpMethod method, string name, string? json = null)
    {
        using var request = new HttpRequestMessage(method, $"/{Channel.PhoneNumberId}/{name}?token={Uri.EscapeDataString(Channel.Token)}");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var client = Parley.CreateClient();
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Meta answers <paramref name="body"/> (HTTP 200) to <paramref name="method"/> <paramref name="pathAndQuery"/>, and Graph's error 100 to anything else.</summary>
    protected void MetaAnswers(string method, string pathAndQuery, string body, int status = 200) =>
        Graph.Respond = r => r.Method == method && r.PathAndQuery == pathAndQuery
            ? new GraphAnswer(status, body)
            : GraphAnswer.Error(400, 100, "Invalid parameter", $"The test did not expect {r.Method} {r.PathAndQuery}");

    /// <summary>The JSON <paramref name="actual"/> is the JSON <paramref name="expected"/>, whatever its spacing and escapes.</summary>
    protected static void ShouldBeJson(JsonNode? actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected)).ShouldBeTrue($"{actual?.ToJsonString()} is not {expected}");

    /// <summary>The one call Meta received: its method, path and query, and the channel's Meta token.</summary>
    protected GraphRequest MetaReceivedOne(string method, string pathAndQuery)
    {
        var call = Graph.Requests.ShouldHaveSingleItem();
        call.Method.ShouldBe(method);
        call.PathAndQuery.ShouldBe(pathAndQuery);
        call.Authorization.ShouldBe("Bearer " + MetaChannels.UpstreamAccessToken);
        return call;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// A subscribed Parley with the helpers of the sandbox's group tests: the business creates a group (Graph API), simulated
/// users act in it through the simulator, and the Cloud API webhooks' <c>groups[]</c> items are read by field.
/// </summary>
public abstract class SandboxGroupTest : SubscribedParleyTest
{
    protected const string GroupsPath = $"/v26.0/{ParleyFactory.PhoneNumberId}/groups";
    protected const string SimulatorPath = $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/groups";

    /// <summary>The business creates a group; returns its id (from the list of the number's groups) and its invite link.</summary>
    protected async Task<(string Id, string InviteLink)> CreateGroupAsync(string mode = "auto_approve", string subject = "Sandbox group")
    {
        var (status, created) = await Tenants.PostAsync(Client, GroupsPath, new { messaging_product = "whatsapp", subject, join_approval_mode = mode });
        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        var (_, list) = await Tenants.GetAsync(Client, GroupsPath + "?limit=1024");
        var id = list["data"]!["groups"]!.AsArray().Last()!["id"]!.GetValue<string>();
        var (linkStatus, link) = await Tenants.GetAsync(Client, $"/v26.0/{id}/invite_link");
        linkStatus.ShouldBe(HttpStatusCode.OK, link.ToJsonString());
        return (id, link["invite_link"]!.GetValue<string>());
    }

    /// <summary>The business removes participants (<c>DELETE /{group-id}/participants</c>), asserting the 200.</summary>
    protected async Task RemoveAsync(string groupId, params string[] users)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/v26.0/{groupId}/participants")
        {
            Content = JsonContent.Create(new { messaging_product = "whatsapp", participants = users.Select(user => new { user }) }),
        };
        using var response = await Client.SendAsync(request);
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
    }

    /// <summary>A simulator call: status and body.</summary>
    protected async Task<(HttpStatusCode Status, JsonObject Body)> SimulateAsync(string path, object? body = null, HttpClient? client = null)
    {
        using var response = await (client ?? Client).PostAsJsonAsync(SimulatorPath + path, body ?? new { });
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>The user opens the invite link and joins, asserting the 200.</summary>
    protected async Task JoinAsync(string inviteLink, string from)
    {
        var (status, body) = await SimulateAsync("/join", new { invite_link = inviteLink, from });
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["result"]!.GetValue<string>().ShouldBe("joined");
    }

    /// <summary>The group's current participants (the simulated users in it).</summary>
    protected async Task<IReadOnlyList<string>> ParticipantsAsync(string groupId) =>
        [.. (await Parley.Services.GetRequiredService<IGroupStore>().ListParticipantsAsync(groupId, CancellationToken.None)).Select(p => p.WaId)];

    /// <summary>Every <c>groups[]</c> item of the webhook field <paramref name="field"/> received so far.</summary>
    protected IReadOnlyList<JsonObject> GroupEvents(string field) =>
        [.. Receiver.Received.SelectMany(r => r.Json["entry"]!.AsArray())
            .SelectMany(e => e!["changes"]!.AsArray())
            .Where(c => c!["field"]!.GetValue<string>() == field)
            .SelectMany(c => c!["value"]!["groups"]!.AsArray().Select(g => g!.AsObject()))];

    /// <summary>Waits for the first <c>groups[]</c> item of <paramref name="field"/> of <paramref name="type"/>.</summary>
    protected async Task<JsonObject> GroupEventAsync(string field, string type, string groupId)
    {
        var found = await Eventually.Get(() => GroupEvents(field), e => e.Any(g => Is(g, type, groupId)));
        return found.FirstOrDefault(g => Is(g, type, groupId)) ?? throw new ShouldAssertException($"No {type} webhook of {groupId} arrived.");
    }

    private static bool Is(JsonObject item, string type, string groupId) =>
        item["type"]!.GetValue<string>() == type && item["group_id"]!.GetValue<string>() == groupId;
}

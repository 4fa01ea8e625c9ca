using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Groups;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>1msg's group methods as a client calls them, and participants joining (straight into the group store).</summary>
public static class OneMsgGroupClient
{
    /// <summary>Creates a group through <c>POST /groups</c> and returns 1msg's answer (id, chatId, inviteLink…).</summary>
    public static async Task<JsonObject> CreateAsync(HttpClient client, string name = "Support", string description = "")
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(client, "groups", new JsonObject { ["groupName"] = name, ["description"] = description }.ToJsonString());
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    public static async Task<string> CreateIdAsync(HttpClient client, string name = "Support") => (await CreateAsync(client, name))["id"]!.GetValue<string>();

    /// <summary>Users join the group as if through its invite link.</summary>
    public static async Task JoinAsync(ParleyFactory parley, string groupId, params string[] waIds)
    {
        var store = parley.Services.GetRequiredService<IGroupStore>();
        var now = parley.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var waId in waIds)
        {
            (await store.AddParticipantAsync(new GroupParticipant(groupId, waId, null, now), GroupRules.MaxParticipants, [], now, CancellationToken.None))
                .ShouldBe(ParticipantAdded.Added);
        }
    }

    /// <summary><c>GET /groups/{id}</c>, which must succeed.</summary>
    public static async Task<JsonObject> InfoAsync(HttpClient client, string groupId, string query = "")
    {
        var (status, body) = await OneMsgClient.GetAsync(client, "groups/" + groupId, query);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>The error text of a 1msg error answer, after asserting its status.</summary>
    public static string ErrorOf((HttpStatusCode Status, JsonObject Body) answer, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        answer.Status.ShouldBe(status, answer.Body.ToJsonString());
        return answer.Body["error"]!.GetValue<string>();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Blocking;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>Claims the blocklist of every <c>meta</c> channel: Meta keeps it.</summary>
internal sealed class MetaBlocklists(MetaGraphClient graph) : IRemoteBlocklists
{
    public IRemoteBlocklist? ForChannel(Channel channel) =>
        MetaSettings.Of(channel) is { } settings ? new MetaBlocklist(settings, graph) : null;
}

/// <summary>
/// A meta channel's blocklist at Meta (Meta's OpenAPI, <c>/{Phone-Number-ID}/block_users</c>): the users are sent as the
/// business gave them, and Meta decides (the 24-hour rule, the list's size). A partial failure is Meta's HTTP 400 with
/// the users it blocked and those it did not (<c>added_users</c>/<c>removed_users</c>, <c>failed_users</c> with their
/// <c>errors</c>), read back per user; any other refusal is Meta's error as it is.
/// </summary>
internal sealed class MetaBlocklist(MetaSettings settings, MetaGraphClient graph) : IRemoteBlocklist
{
    public async Task<Outcome<IReadOnlyList<BlockResult>>> ChangeAsync(IReadOnlyList<string> users, bool block, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["block_users"] = new JsonArray([.. users.Select(u => (JsonNode)new JsonObject { ["user"] = u })]),
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var answer = await graph.ExchangeAsync(settings, block ? HttpMethod.Post : HttpMethod.Delete, $"{settings.PhoneNumberId}/block_users", content, cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        if (answer.Value.Body["block_users"] is not JsonObject lists)
        {
            return answer.Value.IsSuccess
                ? ErrorCatalog.ServiceTemporarilyUnavailable.With("Meta answered the block_users call without block_users.")
                : MetaErrors.ErrorOf(answer.Value.Status, answer.Value.Body.ToJsonString());
        }
        var results = new List<BlockResult>();
        foreach (var done in MetaGroupJson.Objects(lists, block ? "added_users" : "removed_users"))
        {
            results.Add(new BlockResult(MetaGroupJson.Text(done, "input") ?? "", MetaGroupJson.Text(done, "wa_id"), null));
        }
        foreach (var failed in MetaGroupJson.Objects(lists, "failed_users"))
        {
            var error = MetaGroupJson.Objects(failed, "errors").FirstOrDefault() is { } first
                ? MetaGroupJson.ErrorOf(first)
                : ErrorCatalog.UnknownError.With("Meta did not say why this user failed.");
            results.Add(new BlockResult(MetaGroupJson.Text(failed, "input") ?? "", MetaGroupJson.Text(failed, "wa_id"), error));
        }
        return results.Count > 0
            ? results
            : ErrorCatalog.ServiceTemporarilyUnavailable.With("Meta answered the block_users call without any of the users.");
    }

    public async Task<Outcome<RemoteBlocklistPage>> ListAsync(int limit, string? after, string? before, CancellationToken cancellationToken)
    {
        var query = "limit=" + limit.ToString(CultureInfo.InvariantCulture)
            + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)) + (before is null ? "" : "&before=" + Uri.EscapeDataString(before));
        var answer = await graph.GetAsync(settings, $"{settings.PhoneNumberId}/block_users?{query}", cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        var waIds = MetaGroupJson.Objects(answer.Value, "data").Select(u => MetaGroupJson.Text(u, "wa_id")).OfType<string>().ToList();
        var paging = answer.Value["paging"];
        return new RemoteBlocklistPage(
            waIds, MetaGroupJson.Text(paging?["cursors"], "before"), MetaGroupJson.Text(paging?["cursors"], "after"),
            paging?["previous"] is not null, paging?["next"] is not null);
    }
}

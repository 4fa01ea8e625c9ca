using System.Text.Json.Nodes;
using Parley.Core.Blocking;
using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Server.Dialects.CloudApi;
using Parley.Storage;

namespace Parley.Server.Blocking;

/// <summary>
/// The Cloud API's answers about blocking (Meta's OpenAPI <c>BlockUsersData</c>, <c>UnblockUsersData</c>,
/// <c>GetBlockedUsersData</c>; Meta, "Block users", errors): <c>block_users.added_users</c> (or <c>removed_users</c>)
/// of <c>{input, wa_id}</c>; when a user failed, also <c>failed_users</c> with each user's <c>errors</c> and the
/// request's <c>error</c> 139100, with HTTP 400.
/// </summary>
internal static class BlockUsersViews
{
    public static JsonObject Answer(IReadOnlyList<BlockResult> results, bool block)
    {
        var done = new JsonArray([.. results.Where(r => r.Succeeded).Select(r => (JsonNode)User(r))]);
        var lists = new JsonObject { [block ? "added_users" : "removed_users"] = done };
        var body = new JsonObject { ["messaging_product"] = "whatsapp", ["block_users"] = lists };
        if (results.Any(r => !r.Succeeded))
        {
            lists["failed_users"] = new JsonArray([.. results.Where(r => !r.Succeeded).Select(r => (JsonNode)Failed(r))]);
            body["error"] = Error(BlockRules.SomeFailed(block));
        }
        return body;
    }

    /// <summary>A page of the blocklist: <c>{data: [{messaging_product, wa_id}], paging}</c>, the paging only when the page has users.</summary>
    public static JsonObject Page(HttpRequest http, BlocklistPage page, string tokenParameter = "access_token")
    {
        var body = new JsonObject
        {
            ["data"] = new JsonArray([.. page.Users.Select(u => (JsonNode)new JsonObject { ["messaging_product"] = "whatsapp", ["wa_id"] = u.WaId })]),
        };
        if (page.Users.Count > 0)
        {
            var end = page.Offset + page.Users.Count;
            body["paging"] = GraphPaging.Of(http, BlocklistCursor.Encode(page.Offset, page.Version), BlocklistCursor.Encode(end, page.Version),
                page.Offset > 0, end < page.Total, tokenParameter);
        }
        return body;
    }

    /// <summary>A page of a blocklist an upstream keeps, with the upstream's cursors (its own links would carry its token).</summary>
    public static JsonObject Page(HttpRequest http, RemoteBlocklistPage page, string tokenParameter = "access_token")
    {
        var body = new JsonObject
        {
            ["data"] = new JsonArray([.. page.WaIds.Select(w => (JsonNode)new JsonObject { ["messaging_product"] = "whatsapp", ["wa_id"] = w })]),
        };
        if (page.WaIds.Count > 0)
        {
            body["paging"] = GraphPaging.Of(http, page.Before ?? "", page.After ?? "", page.HasBefore, page.HasAfter, tokenParameter);
        }
        return body;
    }

    private static JsonObject User(BlockResult result)
    {
        var user = new JsonObject { ["input"] = result.Input };
        if (result.WaId is not null)
        {
            user["wa_id"] = result.WaId;
        }
        return user;
    }

    private static JsonObject Failed(BlockResult result)
    {
        var user = User(result);
        user["errors"] = new JsonArray(new JsonObject
        {
            ["message"] = result.Error!.Message,
            ["code"] = result.Error.Code,
            ["error_data"] = new JsonObject { ["details"] = result.Error.Details },
        });
        return user;
    }

    private static JsonObject Error(WhatsAppError error) => new()
    {
        ["message"] = error.Message,
        ["type"] = error.Definition.GraphType,
        ["code"] = error.Code,
        ["error_data"] = new JsonObject { ["details"] = error.Details },
        ["fbtrace_id"] = MessageIds.RandomToken(16),
    };
}

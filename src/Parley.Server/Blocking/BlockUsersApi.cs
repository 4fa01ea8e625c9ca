using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.Blocking;

/// <summary>
/// <c>GET|POST|DELETE /{version}/{phone-number-id}/block_users</c> (Meta's OpenAPI, "Block Users"; Meta, "Block users"):
/// list the number's blocked users with cursor paging, block users (<c>{messaging_product, block_users: [{user}]}</c>),
/// and unblock them (the same body on <c>DELETE</c>).
/// </summary>
internal static class BlockUsersApi
{
    public static IEndpointRouteBuilder MapBlockUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}/block_users").WithTags("Block users")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).CountsAsManagement("phoneNumberId");
        group.MapGet("", ListAsync).WithName("ListBlockedUsers").WithSummary("The users a phone number blocked");
        group.MapPost("", BlockAsync).ReadsBody().WithName("BlockUsers").WithSummary("Block users who wrote in the last 24 hours");
        group.MapDelete("", UnblockAsync).ReadsBody().WithName("UnblockUsers").WithSummary("Unblock users");
        return app;
    }

    private static Task<Results<GraphJsonResult, Refusal>> BlockAsync(
        CallerChannel caller, JsonObjectBody body, UserBlocking blocking, CancellationToken cancellationToken) =>
        ChangeAsync(caller, body, blocking, block: true, cancellationToken);

    private static Task<Results<GraphJsonResult, Refusal>> UnblockAsync(
        CallerChannel caller, JsonObjectBody body, UserBlocking blocking, CancellationToken cancellationToken) =>
        ChangeAsync(caller, body, blocking, block: false, cancellationToken);

    private static async Task<Results<GraphJsonResult, Refusal>> ChangeAsync(
        CallerChannel caller, JsonObjectBody body, UserBlocking blocking, bool block, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var users = new List<string>();
        if ((PhoneNumberRequest.CheckMessagingProduct(request) ?? CheckUsers(request, users)) is { } error)
        {
            return new Refusal(error);
        }
        var results = block
            ? await blocking.BlockAsync(caller.Value, users, cancellationToken)
            : await blocking.UnblockAsync(caller.Value, users, cancellationToken);
        if (!results.Succeeded)
        {
            return new Refusal(results.Error);
        }
        var answer = BlockUsersViews.Answer(results.Value!, block);
        // Some users failed: the answer lists them with the error 139100, and Graph says so with a 400.
        return new GraphJsonResult(answer, answer.ContainsKey("error") ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary><c>block_users</c>: a non-empty array of objects, each with the string <c>user</c>.</summary>
    private static WhatsAppError? CheckUsers(JsonObject request, List<string> users)
    {
        if (request["block_users"] is not JsonArray items || items.Count == 0)
        {
            return request["block_users"] is null
                ? ErrorCatalog.InvalidParameter.With("The parameter block_users is required.")
                : ErrorCatalog.InvalidParameter.With("Param block_users must be a non-empty array of {\"user\": \"<phone number or BSUID>\"}.");
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item || item["user"] is not JsonValue user || user.GetValueKind() != JsonValueKind.String)
            {
                return ErrorCatalog.InvalidParameter.With($"Param block_users[{i}][user] must be a string: a phone number or a BSUID.");
            }
            users.Add(user.GetValue<string>());
        }
        return null;
    }

    /// <summary><c>limit</c> (1–100, default 100) and the <c>after</c> or <c>before</c> cursor of an earlier page.</summary>
    private static async Task<Results<GraphJsonResult, Refusal>> ListAsync(
        CallerChannel caller, HttpRequest http, BlocklistPages pages, string? limit, string? after, string? before, CancellationToken cancellationToken)
    {
        var page = await pages.PageAsync(caller.Value, http, limit, after, before, "access_token", cancellationToken);
        return page.Succeeded ? new GraphJsonResult(page.Value) : new Refusal(page.Error);
    }
}

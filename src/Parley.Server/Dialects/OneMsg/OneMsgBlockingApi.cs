using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Blocking;
using Parley.Server.Edges;
using System.Text.Json.Nodes;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's blocking methods (digest A.4: <c>POST /blockUser</c> and <c>POST /unblockUser</c> take <c>{phone}</c>;
/// <c>GET /blockedUsers</c>): the same blocklist as the Cloud API's <c>block_users</c> (<see cref="UserBlocking"/>).
/// One user per call, so a user who cannot be blocked is the call's error in 1msg's <c>{"error"}</c> body (131047 when
/// they have not written in the last 24 hours). UNCONFIRMED: 1msg documents no answer bodies for these; a change
/// answers <c>{"result":"success"}</c> as 1msg's other changes, and the list is Meta's page (<c>{data, paging}</c>).
/// </summary>
internal static class OneMsgBlockingApi
{
    private static readonly string[] BodyTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

    public static void MapOneMsgBlocking(this RouteGroupBuilder group)
    {
        group.MapPost("/blockUser", BlockAsync).ReadsBody().Accepts<object>(BodyTypes[0], BodyTypes[1..])
            .WithSummary("1msg: block a user who wrote in the last 24 hours ({phone})");
        group.MapPost("/unblockUser", UnblockAsync).ReadsBody().Accepts<object>(BodyTypes[0], BodyTypes[1..])
            .WithSummary("1msg: unblock a user ({phone})");
        group.MapGet("/blockedUsers", ListAsync).WithSummary("1msg: the users the channel blocked ({data, paging})");
    }

    private static Task<Results<Ok<OneMsgResultResponse>, Refusal>> BlockAsync(
        CallerChannel caller, JsonObjectBody body, UserBlocking blocking, CancellationToken cancellationToken) =>
        ChangeAsync(caller, body, blocking, block: true, cancellationToken);

    private static Task<Results<Ok<OneMsgResultResponse>, Refusal>> UnblockAsync(
        CallerChannel caller, JsonObjectBody body, UserBlocking blocking, CancellationToken cancellationToken) =>
        ChangeAsync(caller, body, blocking, block: false, cancellationToken);

    /// <summary><c>phone</c>: the user's number (or BSUID); <c>chatId</c> (<c>12020721369@c.us</c>) is read when there is no <c>phone</c>.</summary>
    private static async Task<Results<Ok<OneMsgResultResponse>, Refusal>> ChangeAsync(
        CallerChannel caller, JsonObjectBody body, UserBlocking blocking, bool block, CancellationToken cancellationToken)
    {
        if (User(body.Value) is not { } user)
        {
            return new Refusal(OneMsgMapper.Missing("phone"));
        }
        var results = block
            ? await blocking.BlockAsync(caller.Value, [user], cancellationToken)
            : await blocking.UnblockAsync(caller.Value, [user], cancellationToken);
        if (!results.Succeeded)
        {
            return new Refusal(results.Error);
        }
        return results.Value![0].Error is { } error ? new Refusal(error) : TypedResults.Ok(new OneMsgResultResponse("success"));
    }

    private static string? User(JsonObject body)
    {
        var phone = OneMsgFields.Text(body, "phone");
        if (!string.IsNullOrWhiteSpace(phone))
        {
            return phone;
        }
        var chatId = OneMsgFields.Text(body, "chatId");
        return string.IsNullOrWhiteSpace(chatId) ? null : chatId.Split('@')[0];
    }

    /// <summary><c>limit</c> (1–100, default 100) and the <c>after</c> or <c>before</c> cursor of an earlier page.</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> ListAsync(
        CallerChannel caller, HttpRequest http, BlocklistPages pages, string? limit, string? after, string? before, CancellationToken cancellationToken)
    {
        var page = await pages.PageAsync(caller.Value, http, limit, after, before, "token", cancellationToken);
        return page.Succeeded ? TypedResults.Ok(page.Value) : new Refusal(page.Error);
    }
}

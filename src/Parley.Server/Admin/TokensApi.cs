using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Auth;
using Parley.Storage;

namespace Parley.Server.Admin;

internal static class TokensApi
{
    public static void MapTokens(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/tokens");
        group.MapGet("/", ListAsync).WithSummary("List tokens (never their values), by channel or account");
        group.MapPost("/", CreateAsync).WithSummary("Issue a token scoped to a channel or an account; the value is shown once");
        group.MapDelete("/{id}", RevokeAsync).WithSummary("Revoke a token");
    }

    private static async Task<Ok<TokenView[]>> ListAsync([FromQuery(Name = "channel_id")] string? channelId, [FromQuery(Name = "account_id")] string? accountId, IAccountStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListTokensAsync(accountId, channelId, cancellationToken)).Select(View).ToArray());

    private static async Task<Results<Created<TokenCreatedView>, ValidationProblem>> CreateAsync(
        CreateTokenRequest request, IAccountStore store, Tokens tokens, CancellationToken cancellationToken)
    {
        var validation = new AdminValidation()
            .Check("channel_id", (request.ChannelId is null) != (request.AccountId is null), "give exactly one of channel_id and account_id")
            .MaxLength("label", request.Label, 200);
        if (request.ChannelId is not null && await store.GetChannelAsync(request.ChannelId, cancellationToken) is null)
        {
            validation.Add("channel_id", "no such channel");
        }
        if (request.AccountId is not null && await store.GetAccountAsync(request.AccountId, cancellationToken) is null)
        {
            validation.Add("account_id", "no such account");
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var (record, value) = await tokens.IssueAsync(request.AccountId, request.ChannelId, request.Label ?? "", null, cancellationToken);
        return TypedResults.Created($"/admin/tokens/{record.Id}", new TokenCreatedView(View(record), value));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(string id, Tokens tokens, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static TokenView View(TokenRecord token) => new(token.Id, token.ChannelId, token.AccountId, token.Label, token.CreatedAt, token.RevokedAt);
}

using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Admin;

internal static class AccountsApi
{
    public static void MapAccounts(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/accounts");
        group.MapGet("/", ListAsync).WithSummary("List business accounts");
        group.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Create a business account (WABA)");
        group.MapGet("/{id}", GetAsync).WithSummary("Get a business account");
        group.MapPatch("/{id}", UpdateAsync).WithSummary("Rename a business account");
        group.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a business account with its channels, tokens and webhooks");
    }

    private static async Task<Ok<AccountView[]>> ListAsync(IAccountStore store, IBirdDialectStore ids, CancellationToken cancellationToken)
    {
        var views = new List<AccountView>();
        foreach (var account in await store.ListAccountsAsync(cancellationToken))
        {
            views.Add(await View(account).WithBirdIdsAsync(ids, cancellationToken));
        }
        return TypedResults.Ok(views.ToArray());
    }

    private static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateAccountRequest request, IAccountStore store, IBirdDialectStore ids, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new AdminValidation()
            .Require("name", request.Name)
            .MaxLength("name", request.Name, 200)
            .Match("id", request.Id, AdminValidation.ObjectId(), "must be digits");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var account = new BusinessAccount(request.Id ?? MessageIds.NewNumericId(), request.Name!, time.GetUtcNow());
        if (await store.GetAccountAsync(account.Id, cancellationToken) is not null)
        {
            return TypedResults.Problem($"Account {account.Id} already exists.", statusCode: StatusCodes.Status409Conflict);
        }
        await store.CreateAccountAsync(account, cancellationToken);
        return TypedResults.Created($"/admin/accounts/{account.Id}", await View(account).WithBirdIdsAsync(ids, cancellationToken));
    }

    private static async Task<Results<Ok<AccountView>, NotFound>> GetAsync(string id, IAccountStore store, IBirdDialectStore ids, CancellationToken cancellationToken) =>
        await store.GetAccountAsync(id, cancellationToken) is { } account ? TypedResults.Ok(await View(account).WithBirdIdsAsync(ids, cancellationToken)) : TypedResults.NotFound();

    private static async Task<Results<Ok<AccountView>, NotFound, ValidationProblem>> UpdateAsync(
        string id, UpdateAccountRequest request, IAccountStore store, IBirdDialectStore ids, CancellationToken cancellationToken)
    {
        var validation = new AdminValidation().Require("name", request.Name).MaxLength("name", request.Name, 200);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (await store.GetAccountAsync(id, cancellationToken) is not { } account)
        {
            return TypedResults.NotFound();
        }
        var updated = account with { Name = request.Name! };
        await store.UpdateAccountAsync(updated, cancellationToken);
        return TypedResults.Ok(await View(updated).WithBirdIdsAsync(ids, cancellationToken));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string id, IAccountStore store, Auth.ChannelDirectory access, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAccountAsync(id, cancellationToken);
        access.Invalidate();
        return deleted ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static AccountView View(BusinessAccount account) => new(account.Id, account.Name, account.CreatedAt);
}

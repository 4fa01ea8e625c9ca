using Microsoft.Extensions.Options;
using Parley.Core.Templates;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Dialects.CloudApi;
using Parley.Storage;

namespace Parley.Server.Templates;

/// <summary>
/// Templates by id: <c>GET /{version}/{template-id}</c> reads one, <c>POST /{version}/{template-id}</c> edits it
/// (digest §5.1). Ids that are no template are left to the other kinds of Graph object.
/// </summary>
internal sealed class TemplateObjectHandler(ITemplateStore store, ChannelAccess access, TemplateManagers managers, IOptions<ParleyOptions> options) : IGraphObjectHandler
{
    public async Task<IResult?> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(call.Id, cancellationToken) is not { } template)
        {
            return null;
        }
        var authorized = await access.AuthorizeAccountAsync(GraphRequest.BearerToken(call.Request), template.AccountId, cancellationToken);
        if (!authorized.Succeeded)
        {
            return new GraphErrorResult(authorized.Error.Code == 100 ? Core.Errors.ErrorCatalog.UnknownObject(call.Id, "get") : authorized.Error);
        }
        var (fields, error) = TemplateViews.ParseFields(call.Request.Query["fields"].ToString());
        return error is null ? TemplateViews.Json(TemplateViews.Render(template, fields)) : new GraphErrorResult(error);
    }

    public async Task<IResult?> PostAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(call.Id, cancellationToken) is not { } template)
        {
            return null;
        }
        var authorized = await access.AuthorizeAccountAsync(GraphRequest.BearerToken(call.Request), template.AccountId, cancellationToken);
        if (!authorized.Succeeded)
        {
            return new GraphErrorResult(authorized.Error.Code == 100 ? Core.Errors.ErrorCatalog.UnknownObject(call.Id) : authorized.Error);
        }
        var body = await GraphRequestBody.ReadAsync(call.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return new GraphErrorResult(body.Error);
        }
        using var document = body.Value;
        var manager = await managers.ForAccountAsync(template.AccountId, cancellationToken);
        var error = await manager.EditAsync(template, document.RootElement, cancellationToken);
        return error is null ? TypedResults.Ok(new SuccessResponse(true)) : new GraphErrorResult(error);
    }

    /// <summary>Templates are deleted through the account's <c>message_templates</c> edge, not by id.</summary>
    public Task<IResult?> DeleteAsync(GraphObjectCall call, CancellationToken cancellationToken) => Task.FromResult<IResult?>(null);
}

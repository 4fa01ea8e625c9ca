using Parley.Core.Templates;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Templates;

/// <summary>
/// Templates by id: <c>GET /{version}/{template-id}</c> reads one, <c>POST /{version}/{template-id}</c> edits it
/// (digest §5.1). Templates are deleted through the account's <c>message_templates</c> edge, not by id.
/// </summary>
internal sealed class TemplateObjectHandler(ITemplateStore store, TemplateManagers managers) : IGraphObjectKind
{
    public GraphObjectKind Kind => GraphObjectKind.Template;

    public async Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } template ? new GraphObject(Kind, id, template, null, template.AccountId) : null;

    public Task<IResult> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var (fields, error) = TemplateViews.ParseFields(call.Request.Query["fields"].ToString());
        return Task.FromResult<IResult>(error is null ? TemplateViews.Json(TemplateViews.Render(call.Target.RecordAs<MessageTemplate>(), fields)) : new Refusal(error));
    }

    public async Task<IResult> PostAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var template = call.Target.RecordAs<MessageTemplate>();
        if (EdgeCall.Of(call.Request.HttpContext).Version is { } version && call.Body is { } body
            && TemplateCreationRules.CheckVersion(body, version) is { } versionError)
        {
            return new Refusal(versionError);
        }
        var manager = await managers.ForAccountAsync(template.AccountId, cancellationToken);
        var error = await manager.EditAsync(template, call.Body ?? default, cancellationToken);
        return error is null ? TypedResults.Ok(new SuccessResponse(true)) : new Refusal(error);
    }
}

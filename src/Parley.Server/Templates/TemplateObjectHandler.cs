using Parley.Core.Templates;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Templates;

/// <summary>
/// Templates by id: <c>GET /{version}/{template-id}</c> reads one, <c>POST /{version}/{template-id}</c> edits it
/// (digest §5.1). Templates are deleted through the account's <c>message_templates</c> edge, not by id.
/// </summary>
internal sealed class TemplateObjectHandler(ITemplateStore store, TemplateManagers managers, TemplateAnalyticsSettings analytics, TimeProvider time) : IGraphObjectKind
{
    public GraphObjectKind Kind => GraphObjectKind.Template;

    public async Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } template ? new GraphObject(Kind, id, template, null, template.AccountId) : null;

    public async Task<IResult> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var (fields, error) = TemplateViews.ParseFields(call.Request.Query["fields"].ToString());
        if (error is not null)
        {
            return new Refusal(error);
        }
        var template = call.Target.RecordAs<MessageTemplate>();
        return TemplateViews.Json(TemplateViews.Render(template, fields, await TemplateViews.OptedOutAsync(template, fields, analytics, cancellationToken)));
    }

    public async Task<IResult> PostAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var template = call.Target.RecordAs<MessageTemplate>();
        if (EdgeCall.Of(call.Request.HttpContext).Version is { } version && call.Body is { } body
            && TemplateCreationRules.CheckVersion(body, version) is { } versionError)
        {
            return new Refusal(versionError);
        }
        var (optedOut, optOutError) = TemplateViews.ReadOptedOut(call.Body ?? default);
        if (optOutError is not null)
        {
            return new Refusal(optOutError);
        }
        // An update of only the click tracking opt-out changes no content: the template is not edited (nor reviewed again).
        var onlyOptOut = optedOut is not null && call.Body is { } given && given.EnumerateObject().All(p => p.Name == TemplateViews.ClickTrackingOptedOut);
        if (!onlyOptOut)
        {
            var manager = await managers.ForAccountAsync(template.AccountId, cancellationToken);
            if (await manager.EditAsync(template, call.Body ?? default, cancellationToken) is { } error)
            {
                return new Refusal(error);
            }
        }
        if (optedOut is { } value)
        {
            await analytics.SetTemplateOptedOutAsync(template.Id, value, time.GetUtcNow(), cancellationToken);
        }
        return TypedResults.Ok(new SuccessResponse(true));
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Flows;
using Parley.Storage;

namespace Parley.Server.Flows;

/// <summary>
/// What Parley serves of a flow without a bearer token, as Meta's web preview and CDN do: <c>GET
/// /flows/{id}/preview?token=…</c> (the preview URL of <c>fields=preview</c>: a read-only page of the flow's screens
/// and components) and <c>GET /flows/{id}/assets/flow.json?expires=…&amp;signature=…</c> (an asset's
/// <c>download_url</c>). A wrong, expired or invalidated token or signature is a plain 404.
/// </summary>
internal static class FlowPagesApi
{
    public static IEndpointRouteBuilder MapFlowPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/flows/{flowId}").WithTags("Flows");
        pages.MapGet("/preview", PreviewAsync).WithName("FlowPreviewPage")
            .WithSummary("A flow's web preview (the preview_url of GET /{flow-id}?fields=preview; the token is the credential)");
        pages.MapGet("/assets/" + FlowRules.FlowJsonAssetName, DownloadAsync).WithName("DownloadFlowJson")
            .WithSummary("A flow's Flow JSON (the signed download_url of GET /{flow-id}/assets)");
        return app;
    }

    private static async Task<Results<ContentHttpResult, NotFound>> PreviewAsync(
        string flowId, string? token, IFlowStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var flow = await store.GetAsync(flowId, cancellationToken);
        if (flow?.PreviewToken is not { } expected || string.IsNullOrEmpty(token) || flow.PreviewExpiresAt <= time.GetUtcNow()
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(token)))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Content(FlowPreviewPage.Render(flow), "text/html; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, NotFound>> DownloadAsync(
        string flowId, string? expires, string? signature, IFlowStore store, FlowPublicUrls urls, CancellationToken cancellationToken)
    {
        if (!urls.IsValid(flowId, expires, signature) || await store.GetAsync(flowId, cancellationToken) is not { FlowJson: { } json })
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Content(json, "application/json; charset=utf-8");
    }
}

/// <summary>
/// The read-only HTML of a flow's preview: each screen with its title and id, and each component (nested ones
/// indented) with its type and its label or text. Every value from the Flow JSON is HTML-encoded.
/// </summary>
internal static class FlowPreviewPage
{
    /// <summary>What a component shows the user, in the order Flow JSON components name it.</summary>
    private static readonly string[] TextProperties = ["label", "text", "title", "description", "name"];

    public static string Render(Flow flow)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .Append(html.Encode(flow.Name)).Append(" · preview</title></head><body><h1>")
            .Append(html.Encode(flow.Name)).Append("</h1><p>Status: ").Append(html.Encode(flow.Status))
            .Append(flow.JsonVersion is null ? "" : " · Flow JSON " + html.Encode(flow.JsonVersion)).Append("</p>");
        if (Screens(flow.FlowJson) is not { } screens)
        {
            page.Append("<p>This flow has no Flow JSON yet.</p>");
        }
        else
        {
            foreach (var screen in screens)
            {
                page.Append("<section><h2>").Append(html.Encode(Text(screen, "title") ?? Text(screen, "id") ?? "Screen"))
                    .Append(" <small>(").Append(html.Encode(Text(screen, "id") ?? "")).Append(")</small></h2>");
                if (screen.TryGetProperty("layout", out var layout) && layout.ValueKind == JsonValueKind.Object)
                {
                    Components(page, layout, html);
                }
                page.Append("</section>");
            }
        }
        return page.Append("</body></html>").ToString();
    }

    private static void Components(StringBuilder page, JsonElement parent, HtmlEncoder html)
    {
        if (!parent.TryGetProperty("children", out var children) || children.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        page.Append("<ul>");
        foreach (var component in children.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
        {
            page.Append("<li><code>").Append(html.Encode(Text(component, "type") ?? "?")).Append("</code>");
            if (TextProperties.Select(p => Text(component, p)).FirstOrDefault(t => t is not null) is { } text)
            {
                page.Append(' ').Append(html.Encode(text));
            }
            Components(page, component, html);
            page.Append("</li>");
        }
        page.Append("</ul>");
    }

    /// <summary>The screens of a Flow JSON; null when there is none or it is not a Flow JSON object.</summary>
    private static List<JsonElement>? Screens(string? flowJson)
    {
        if (flowJson is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(flowJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("screens", out var screens)
                && screens.ValueKind == JsonValueKind.Array
                ? [.. screens.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).Select(s => s.Clone())]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

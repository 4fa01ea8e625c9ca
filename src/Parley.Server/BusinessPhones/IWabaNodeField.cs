using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Analytics;
using Parley.Core.Model;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// A field of the WhatsApp Business Account node (<c>GET /{waba-id}?fields=…</c>) that a feature outside this folder
/// computes, such as <c>pricing_analytics</c>: the feature plugs it in, and <see cref="BusinessAccountObjects"/> renders
/// it with the arguments of its field expansion (<c>pricing_analytics.start(…).end(…).granularity(DAILY)</c>). An error
/// refuses the whole request, as Graph does.
/// </summary>
internal interface IWabaNodeField
{
    /// <summary>The field's name in <c>fields</c>.</summary>
    string Name { get; }

    Task<Outcome<JsonNode>> RenderAsync(BusinessAccount account, FieldArguments arguments, CancellationToken cancellationToken);
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Analytics;
using Parley.Core.Model;
using Parley.Server.BusinessPhones;
using Parley.Server.Configuration;
using Parley.Storage;

namespace Parley.Server.Analytics;

/// <summary>
/// The priced messages of a business account's numbers in a period, each with the number that sent it: what
/// <c>pricing_analytics</c> and <c>conversation_analytics</c> count.
/// </summary>
internal sealed class AccountPricedMessages(IAccountStore accounts, IPricingStore pricing)
{
    /// <summary>Most priced messages read per number for one request (a bounded scan).</summary>
    public const int ScanLimit = 100_000;

    public async Task<IReadOnlyList<AnalyzedMessage>> ListAsync(string accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var messages = new List<AnalyzedMessage>();
        foreach (var channel in await accounts.ListChannelsAsync(accountId, cancellationToken))
        {
            var number = MessageAnalyticsKinds.Digits(channel.DisplayPhoneNumber);
            messages.AddRange((await pricing.ListAsync(channel.PhoneNumberId, from, to, ScanLimit, cancellationToken)).Select(m => new AnalyzedMessage(m, number)));
        }
        return messages;
    }
}

/// <summary>
/// A WABA analytics field over priced messages (<c>pricing_analytics</c>, <c>conversation_analytics</c>) in Meta's
/// shape: <c>{"data":[{"data_points":[{"start","end",count,"cost",breakdowns…}]}]}</c>, the metrics asked for
/// (<c>metric_types</c>, both when none), the breakdowns asked for (<c>dimensions</c>).
/// </summary>
internal abstract class MessageAnalyticsField(AccountPricedMessages messages, TimeProvider time) : IWabaNodeField
{
    protected abstract MessageAnalyticsKind Kind { get; }

    public string Name => Kind.Field;

    public async Task<Outcome<JsonNode>> RenderAsync(BusinessAccount account, FieldArguments arguments, CancellationToken cancellationToken)
    {
        var query = MessageAnalytics.Parse(Kind, arguments, time.GetUtcNow());
        if (!query.Succeeded)
        {
            return query.Error;
        }
        var points = MessageAnalytics.Compute(query.Value, await messages.ListAsync(account.Id, query.Value.Start, query.Value.End, cancellationToken));
        var data = new JsonArray();
        foreach (var point in points)
        {
            var json = new JsonObject { ["start"] = point.Start.ToUnixTimeSeconds(), ["end"] = point.End.ToUnixTimeSeconds() };
            if (query.Value.Metrics.Contains(Kind.CountMetric)) json[Kind.CountKey] = point.Count;
            if (query.Value.Metrics.Contains(MessageAnalytics.Cost)) json["cost"] = point.Cost;
            foreach (var (key, value) in point.Dimensions)
            {
                json[key] = value;
            }
            data.Add(json);
        }
        return new JsonObject { ["data"] = new JsonArray { new JsonObject { ["data_points"] = data } } };
    }
}

/// <summary><c>pricing_analytics</c>: per-message pricing's volume and cost (Meta, "Analytics", "Pricing analytics").</summary>
internal sealed class PricingAnalyticsField(AccountPricedMessages messages, TimeProvider time, IOptions<ParleyOptions> options)
    : MessageAnalyticsField(messages, time)
{
    protected override MessageAnalyticsKind Kind { get; } = MessageAnalyticsKinds.Pricing(options.Value.Pricing);
}

/// <summary><c>conversation_analytics</c>: the conversation-based form, from the same records (see <see cref="MessageAnalyticsKinds"/>).</summary>
internal sealed class ConversationAnalyticsField(AccountPricedMessages messages, TimeProvider time, IOptions<ParleyOptions> options)
    : MessageAnalyticsField(messages, time)
{
    protected override MessageAnalyticsKind Kind { get; } = MessageAnalyticsKinds.Conversation(options.Value.Pricing);
}

/// <summary>
/// <c>template_analytics</c> as a field of the account (<c>?fields=template_analytics.start(…).end(…).granularity(DAILY).template_ids([…])</c>):
/// the same answer as the <c>/{waba-id}/template_analytics</c> edge.
/// </summary>
internal sealed class TemplateAnalyticsField(TemplateAnalytics analytics) : IWabaNodeField
{
    public string Name => "template_analytics";

    public async Task<Outcome<JsonNode>> RenderAsync(BusinessAccount account, FieldArguments arguments, CancellationToken cancellationToken)
    {
        var raw = new TemplateAnalyticsQuery.Raw(
            arguments.Text("start"), arguments.Text("end"), arguments.Text("granularity"), arguments.List("template_ids"),
            arguments.List("metric_types"), arguments.Text("product_type"), arguments.Text("use_waba_timezone"));
        var answer = await analytics.ComputeAsync(account.Id, raw, cancellationToken);
        return answer.Succeeded ? TemplateAnalyticsView.ToJson(answer.Value) : answer.Error;
    }
}

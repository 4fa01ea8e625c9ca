using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Parley.Core.Flows;
using Parley.Server.Flows.Endpoint;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// Meta's <c>ENDPOINT_ERROR_RATE</c> alert of the <c>flows</c> webhook (Meta, "Flows webhooks"): the error rate of a
/// flow's endpoint requests over the last 30 minutes (at most the last <see cref="MaxRequests"/> requests), against
/// Meta's thresholds 5, 10 and 50 %. Crossing a higher threshold sends <c>alert_state: ACTIVATED</c> with it; falling
/// below the threshold last announced sends <c>DEACTIVATED</c> for it (and ACTIVATED again for a lower one still
/// crossed). Each request counts once; a 427 (the business closing a stale flow token) is an answer, not an error.
/// The window lives in the node's memory: a restart starts it afresh.
/// </summary>
internal sealed class SandboxFlowAlerts(IFlowStore flows, WebhookSignal webhooks, SandboxClock clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    public const int MaxRequests = 100;
    public static readonly IReadOnlyList<int> Thresholds = [5, 10, 50];

    private readonly ConcurrentDictionary<string, FlowWindow> _windows = new(StringComparer.Ordinal);

    private sealed class FlowWindow
    {
        public readonly Queue<(DateTimeOffset At, string? ErrorType)> Requests = new();
        public int Announced;
    }

    public async Task RecordAsync(Flow flow, FlowEndpointResult result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errorType = ErrorType(result);
        var events = new List<string>();
        var window = _windows.GetOrAdd(flow.Id, _ => new FlowWindow());
        lock (window)
        {
            window.Requests.Enqueue((now, errorType));
            while (window.Requests.Count > MaxRequests || window.Requests.Peek().At < now - Window)
            {
                window.Requests.Dequeue();
            }
            var total = window.Requests.Count;
            var errors = window.Requests.Where(r => r.ErrorType is not null).GroupBy(r => r.ErrorType!).Select(g => (Type: g.Key, Count: g.Count())).ToList();
            var rate = 100.0 * errors.Sum(e => e.Count) / total;
            var level = Thresholds.LastOrDefault(t => rate >= t);
            if (level < window.Announced)
            {
                events.Add(Event(flow, rate, window.Announced, "DEACTIVATED", errors, total));
                window.Announced = 0;
            }
            if (level > window.Announced)
            {
                events.Add(Event(flow, rate, level, "ACTIVATED", errors, total));
                window.Announced = level;
            }
        }
        foreach (var payload in events)
        {
            await flows.AddEventAsync(flow.AccountId, payload, now, cancellationToken);
        }
        if (events.Count > 0)
        {
            webhooks.Notify();
        }
    }

    /// <summary>
    /// The <c>errors[].error_type</c> of a failed request: <c>timeout_error</c> and <c>unexpected_http_status_code</c>
    /// are Meta's; <c>invalid_response</c> and <c>no_http_response</c> are Parley's names for what Meta does not spell (UNCONFIRMED).
    /// </summary>
    private static string? ErrorType(FlowEndpointResult result) => result.Failure switch
    {
        null or FlowEndpointFailure.FlowTokenInvalid => null,
        FlowEndpointFailure.Timeout => "timeout_error",
        FlowEndpointFailure.PublicKeyRefresh or FlowEndpointFailure.SignatureRejected or FlowEndpointFailure.UnexpectedStatus => "unexpected_http_status_code",
        FlowEndpointFailure.NoResponse or FlowEndpointFailure.Refused => "no_http_response",
        _ => "invalid_response",
    };

    private static string Event(Flow flow, double rate, int threshold, string state, List<(string Type, int Count)> errors, int total) => new JsonObject
    {
        ["event"] = "ENDPOINT_ERROR_RATE",
        ["message"] = state == "ACTIVATED"
            ? $"The flow endpoint error rate has reached the {threshold}% threshold in the last 30 minutes."
            : $"The flow endpoint error rate has recovered from the {threshold}% threshold in the last 30 minutes.",
        ["flow_id"] = flow.Id,
        ["error_rate"] = Round(rate),
        ["threshold"] = threshold,
        ["alert_state"] = state,
        ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
        {
            ["error_type"] = e.Type,
            ["error_rate"] = Round(100.0 * e.Count / total),
            ["error_count"] = e.Count,
        })]),
    }.ToJsonString();

    private static double Round(double rate) => Math.Round(rate, 2);
}

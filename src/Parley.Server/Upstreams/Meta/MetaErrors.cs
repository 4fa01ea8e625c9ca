using System.Net;
using System.Text.Json;
using Parley.Core.Errors;

namespace Parley.Server.Upstreams.Meta;

/// <summary>
/// Reads the Graph API's error envelope (<c>{"error":{message, type, code, error_data{details}, is_transient}}</c>) and
/// decides whether the failure may pass (retry) or is final (the message fails with Meta's error).
/// </summary>
internal static class MetaErrors
{
    /// <summary>
    /// Codes that may pass on their own (cloud-api-digest §2.2, §6): API unknown/service (1, 2), call limits (4, 17,
    /// 80007), throughput (130429), something went wrong (131000), service unavailable (131016), pair rate limit
    /// (131056), maintenance during a throughput upgrade (131057), server temporarily unavailable (133004).
    /// </summary>
    private static readonly HashSet<int> TransientCodes = [1, 2, 4, 17, 80007, 130429, 131000, 131016, 131056, 131057, 133004];

    /// <summary>What an error answer of the Graph API means for the message.</summary>
    public static UpstreamResult Classify(HttpStatusCode status, string body)
    {
        var error = Read(status, body, out var flaggedTransient);
        var transient = flaggedTransient || TransientCodes.Contains(error.Code) || (int)status >= 500 || status == HttpStatusCode.TooManyRequests;
        return transient ? new UpstreamResult.Transient(error) : new UpstreamResult.Rejected(error);
    }

    /// <summary>Meta's error as Parley's, with Meta's HTTP status, code, title and details: management calls answer with it as it is.</summary>
    public static WhatsAppError ErrorOf(HttpStatusCode status, string body) => Read(status, body, out _);

    private static WhatsAppError Read(HttpStatusCode status, string body, out bool flaggedTransient)
    {
        flaggedTransient = false;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var codeElement) && codeElement.TryGetInt32(out var code))
            {
                var message = String(error, "message") ?? "";
                var title = TitleOf(message, code);
                var details = error.TryGetProperty("error_data", out var data) && data.ValueKind == JsonValueKind.Object ? String(data, "details") : null;
                flaggedTransient = error.TryGetProperty("is_transient", out var t) && t.ValueKind == JsonValueKind.True;
                int? subcode = error.TryGetProperty("error_subcode", out var s) && s.TryGetInt32(out var sub) ? sub : null;
                var definition = new ErrorDefinition(code, title, (int)status, String(error, "type") ?? "OAuthException", flaggedTransient);
                return new WhatsAppError(definition, details ?? message, subcode, message.Length > 0 ? message : null);
            }
        }
        catch (JsonException)
        {
            // Not Graph's envelope: a proxy or a load balancer answered. Described by the HTTP status below.
        }
        var fallback = (int)status >= 500 ? ErrorCatalog.ServiceTemporarilyUnavailable : ErrorCatalog.SomethingWentWrong;
        return fallback.With($"The upstream answered HTTP {(int)status} without a Graph error.");
    }

    /// <summary>Graph's message is <c>(#code) title</c>; the title is what follows.</summary>
    private static string TitleOf(string message, int code)
    {
        var prefix = $"(#{code}) ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message.Length > 0 ? message : $"Error {code}";
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

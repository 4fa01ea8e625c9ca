using System.Text.Json.Nodes;

namespace Parley.Server.Flows.Endpoint;

/// <summary>Why a call to a business's flow endpoint did not yield a usable answer (Meta's documented cases first).</summary>
internal enum FlowEndpointFailure
{
    /// <summary>HTTP 421: the endpoint could not decrypt the request; WhatsApp re-fetches the business public key and retries once.</summary>
    PublicKeyRefresh,

    /// <summary>HTTP 427: the flow token is no longer valid; WhatsApp shows an error and disables the flow.</summary>
    FlowTokenInvalid,

    /// <summary>HTTP 432: the endpoint rejected the request signature (<c>X-Hub-Signature-256</c>).</summary>
    SignatureRejected,

    /// <summary>Any other status than 200 (Meta: "unexpected HTTP response code").</summary>
    UnexpectedStatus,

    /// <summary>No complete answer within the timeout (Meta: 10 seconds).</summary>
    Timeout,

    /// <summary>No HTTP answer at all: connection refused or reset, DNS, TLS.</summary>
    NoResponse,

    /// <summary>The SSRF guard refused the URL or every address it resolves to.</summary>
    Refused,

    /// <summary>A 200 whose body is not base64 sealed with the request's key and the inverted IV.</summary>
    Undecryptable,

    /// <summary>Decrypted, but not a JSON object.</summary>
    NotJson,

    /// <summary>A JSON object, but not the answer the action expects (a health check must answer <c>{"data":{"status":"active"}}</c>).</summary>
    UnexpectedAnswer,
}

/// <summary>The outcome of one call to a flow endpoint: the decrypted answer, or why there is none.</summary>
/// <param name="Answer">The decrypted JSON object, when the call succeeded.</param>
/// <param name="Failure">Why it did not, otherwise.</param>
/// <param name="StatusCode">The HTTP status answered, when there was one.</param>
/// <param name="Detail">A short explanation for logs and error messages (never the decrypted body).</param>
/// <param name="Elapsed">From sending the request to the end of the answer (or the failure).</param>
internal sealed record FlowEndpointResult(JsonObject? Answer, FlowEndpointFailure? Failure, int? StatusCode, string? Detail, TimeSpan Elapsed)
{
    public bool Succeeded => Failure is null;

    public static FlowEndpointResult Success(JsonObject answer, TimeSpan elapsed) => new(answer, null, 200, null, elapsed);

    public static FlowEndpointResult Fail(FlowEndpointFailure failure, string detail, TimeSpan elapsed, int? statusCode = null) =>
        new(null, failure, statusCode, detail, elapsed);
}

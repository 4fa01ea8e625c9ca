using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// <c>GET|POST /{version}/{phone-number-id}/whatsapp_business_encryption</c> (Meta, "WhatsApp Business Encryption";
/// S <c>WhatsAppBusinessEncryption</c>): the business public key WhatsApp seals every flow data exchange with. A
/// <c>POST</c> (form, multipart or JSON) uploads <c>business_public_key</c>, a 2048-bit RSA public key in PEM checked
/// by <see cref="BusinessPublicKey"/>, replacing the number's previous key; a <c>GET</c> answers it with
/// <c>business_public_key_signature_status</c>. Parley signs a key by storing it through this endpoint, so a stored
/// key is <c>VALID</c> while it parses and <c>MISMATCH</c> otherwise; a number without a key answers <c>data: []</c>.
/// A number whose key lives at another network (a <c>meta</c> channel's, at Meta) is served by the
/// <see cref="IBusinessEncryptionRelay"/> that claims it.
/// </summary>
internal static class BusinessEncryptionApi
{
    private const string KeyField = "business_public_key", StatusField = "business_public_key_signature_status";

    public static IEndpointRouteBuilder MapBusinessEncryption(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}/whatsapp_business_encryption").WithTags("Cloud API")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).CountsAsManagement("phoneNumberId");
        group.MapGet("", GetAsync).WithName("GetBusinessEncryption")
            .WithSummary("The phone number's business public key for flow endpoints, and its signature status");
        group.MapPost("", SetAsync).ReadsBody().WithName("SetBusinessEncryption")
            .WithSummary("Upload (replace) the phone number's business public key: a 2048-bit RSA public key in PEM");
        return app;
    }

    private static async Task<Results<GraphJsonResult, Refusal>> GetAsync(
        CallerChannel caller, IFlowStore flows, IEnumerable<IBusinessEncryptionRelay> relays, CancellationToken cancellationToken)
    {
        if (relays.FirstOrDefault(r => r.Handles(caller.Value)) is { } relay)
        {
            var relayed = await relay.GetAsync(caller.Value, cancellationToken);
            return relayed.Succeeded ? new GraphJsonResult(relayed.Value!) : new Refusal(relayed.Error);
        }
        var data = new JsonArray();
        if (await flows.GetEncryptionKeyAsync(caller.Value.PhoneNumberId, cancellationToken) is { } key)
        {
            var status = BusinessPublicKey.Parse(key.PublicKeyPem).Succeeded ? BusinessPublicKeySignatureStatus.Valid : BusinessPublicKeySignatureStatus.Mismatch;
            data.Add(new JsonObject { [KeyField] = key.PublicKeyPem, [StatusField] = BusinessPublicKey.WireName(status) });
        }
        return new GraphJsonResult(new JsonObject { ["data"] = data });
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> SetAsync(
        CallerChannel caller, JsonObjectBody body, IFlowStore flows, IEnumerable<IBusinessEncryptionRelay> relays, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body.Value[KeyField] is not JsonValue value || !value.TryGetValue<string>(out var pem) || string.IsNullOrWhiteSpace(pem))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Missing required parameter: {KeyField}"));
        }
        var key = BusinessPublicKey.Parse(pem);
        if (!key.Succeeded)
        {
            return new Refusal(key.Error);
        }
        if (relays.FirstOrDefault(r => r.Handles(caller.Value)) is { } relay)
        {
            return await relay.SetAsync(caller.Value, key.Value.Pem, cancellationToken) is { } refused ? new Refusal(refused) : TypedResults.Ok(new SuccessResponse(true));
        }
        await flows.SetEncryptionKeyAsync(new BusinessEncryptionKey(caller.Value.PhoneNumberId, key.Value.Pem, time.GetUtcNow()), cancellationToken);
        return TypedResults.Ok(new SuccessResponse(true));
    }
}

/// <summary>
/// The business encryption of phone numbers whose key lives at another network (Meta, for a <c>meta</c> channel): an
/// upstream registers one, and the endpoint hands it the numbers it <see cref="Handles"/>; sandbox numbers keep their
/// key in <see cref="IFlowStore"/>.
/// </summary>
internal interface IBusinessEncryptionRelay
{
    bool Handles(Core.Model.Channel channel);

    /// <summary>The body of <c>GET whatsapp_business_encryption</c> as the other network answers it.</summary>
    Task<Core.Outcome<JsonObject>> GetAsync(Core.Model.Channel channel, CancellationToken cancellationToken);

    /// <summary>Uploads the (already checked) key; null when the other network took it.</summary>
    Task<WhatsAppError?> SetAsync(Core.Model.Channel channel, string publicKeyPem, CancellationToken cancellationToken);
}

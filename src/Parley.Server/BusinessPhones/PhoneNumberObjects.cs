using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Core.Profiles;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// Phone numbers on the shared <c>/{version}/{id}</c> route: <c>GET</c> reads the number (S <c>PhoneNumberInfo</c>;
/// default fields plus those <c>fields</c> asks for); <c>POST</c> with <c>pin</c> (or
/// <c>whatsapp_business_api_data.pin</c>) sets the two-step verification PIN.
/// </summary>
internal sealed class PhoneNumberObjects(ChannelDirectory channels, PhoneNumberSources sources) : IGraphObjectKind
{
    public GraphObjectKind Kind => GraphObjectKind.PhoneNumber;

    public async Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken) =>
        await channels.GetChannelAsync(id, cancellationToken) is { } channel
            ? new GraphObject(Kind, id, channel, channel.PhoneNumberId, channel.AccountId)
            : null;

    public async Task<IResult> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var channel = call.Target.RecordAs<Channel>();
        var selected = FieldSelection.Parse(call.Request.Query["fields"].ToString(), PhoneNumberFields.Known, PhoneNumberFields.NodeType);
        if (!selected.Succeeded)
        {
            return new Refusal(selected.Error);
        }
        var fields = PhoneNumberFields.NodeDefaults.Concat(selected.Value ?? []).Distinct().ToList();
        var number = await sources.For(channel).GetNumberAsync(channel, fields, cancellationToken);
        return number.Succeeded ? new GraphJsonResult(number.Value) : new Refusal(number.Error);
    }

    public async Task<IResult> PostAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var channel = call.Target.RecordAs<Channel>();
        var body = call.Body is { ValueKind: System.Text.Json.JsonValueKind.Object } root ? JsonObject.Create(root)! : [];
        var pin = PhoneNumberRequest.String(body, "pin") ?? PhoneNumberRequest.String(body["whatsapp_business_api_data"] as JsonObject, "pin");
        if (Registration.CheckPin(pin) is { } invalid)
        {
            return new Refusal(invalid);
        }
        return await sources.For(channel).SetPinAsync(channel, pin!, body, cancellationToken) is { } error
            ? new Refusal(error)
            : TypedResults.Ok(new SuccessResponse(true));
    }
}

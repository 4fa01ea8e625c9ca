using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Core.Profiles;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Dialects.CloudApi;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// Phone numbers on the shared <c>/{version}/{id}</c> route: <c>GET</c> reads the number (S <c>PhoneNumberInfo</c>;
/// default fields plus those <c>fields</c> asks for); <c>POST</c> with <c>pin</c> (or
/// <c>whatsapp_business_api_data.pin</c>) sets the two-step verification PIN. Ids that are not channels are not ours.
/// </summary>
internal sealed class PhoneNumberObjects(ChannelAccess access, PhoneNumberSources sources, IOptions<ParleyOptions> options) : IGraphObjectHandler
{
    public async Task<IResult?> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await access.GetChannelAsync(call.Id, cancellationToken) is null)
        {
            return null;
        }
        var channel = await access.AuthorizeAsync(GraphRequest.BearerToken(call.Request), call.Id, cancellationToken);
        if (!channel.Succeeded)
        {
            return new GraphErrorResult(PhoneNumberRequest.Worded(channel.Error, call.Id, "get"));
        }
        var selected = FieldSelection.Parse(call.Request.Query["fields"].ToString(), PhoneNumberFields.Known, PhoneNumberFields.NodeType);
        if (!selected.Succeeded)
        {
            return new GraphErrorResult(selected.Error);
        }
        var fields = PhoneNumberFields.NodeDefaults.Concat(selected.Value ?? []).Distinct().ToList();
        var number = await sources.For(channel.Value).GetNumberAsync(channel.Value, fields, cancellationToken);
        return number.Succeeded ? new GraphJsonResult(number.Value) : new GraphErrorResult(number.Error);
    }

    public async Task<IResult?> PostAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await access.GetChannelAsync(call.Id, cancellationToken) is null)
        {
            return null;
        }
        var channel = await access.AuthorizeAsync(GraphRequest.BearerToken(call.Request), call.Id, cancellationToken);
        if (!channel.Succeeded)
        {
            return new GraphErrorResult(channel.Error);
        }
        var body = await PhoneNumberRequest.ReadObjectAsync(call.Request, options, cancellationToken);
        if (!body.Succeeded)
        {
            return new GraphErrorResult(body.Error);
        }
        var pin = PhoneNumberRequest.String(body.Value, "pin")
            ?? PhoneNumberRequest.String(body.Value["whatsapp_business_api_data"] as JsonObject, "pin");
        if (Registration.CheckPin(pin) is { } invalid)
        {
            return new GraphErrorResult(invalid);
        }
        return await sources.For(channel.Value).SetPinAsync(channel.Value, pin!, body.Value, cancellationToken) is { } error
            ? new GraphErrorResult(error)
            : TypedResults.Ok(new SuccessResponse(true));
    }

    public Task<IResult?> DeleteAsync(GraphObjectCall call, CancellationToken cancellationToken) => Task.FromResult<IResult?>(null);
}

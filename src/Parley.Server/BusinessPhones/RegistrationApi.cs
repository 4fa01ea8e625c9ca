using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Profiles;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;


namespace Parley.Server.BusinessPhones;

/// <summary>
/// Registration of a phone number (digest §5.2; S <c>/register</c>, <c>/deregister</c>, <c>/request_code</c>,
/// <c>/verify_code</c>). The request is checked and throttled here, then made by the channel's
/// <see cref="IPhoneNumberSource"/>: Parley's directory, or Meta for a <c>meta</c> channel. The sandbox sends no SMS or
/// call: <c>request_code</c> is accepted and <c>verify_code</c> takes any six-digit code, marking the number <c>VERIFIED</c>.
/// </summary>
internal static partial class RegistrationApi
{
    /// <summary>S <c>RequestCodeRequest.language</c>: <c>^[a-z]{2}_[A-Z]{2}$</c>.</summary>
    [GeneratedRegex("^[a-z]{2}_[A-Z]{2}$")]
    private static partial Regex LanguagePattern();

    /// <summary>S <c>VerifyCodeRequest.code</c>: <c>^[0-9]{6}$</c>.</summary>
    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex CodePattern();

    private static readonly string[] CodeMethods = ["SMS", "VOICE"];

    internal sealed record VerifyCodeResponse(bool Success, string Id);

    public static IEndpointRouteBuilder MapRegistration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}").WithTags("Cloud API").WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"))
            .CountsAsManagement("phoneNumberId");
        group.MapPost("/register", RegisterAsync).WithName("RegisterPhoneNumber").WithSummary("Register a phone number (sets or checks the two-step PIN)").ReadsBody(optional: true);
        group.MapPost("/deregister", DeregisterAsync).WithName("DeregisterPhoneNumber").WithSummary("Deregister a phone number: it can no longer send").DisableAntiforgery();
        group.MapPost("/request_code", RequestCodeAsync).WithName("RequestVerificationCode").WithSummary("Request a verification code (simulated)").ReadsBody(optional: true);
        group.MapPost("/verify_code", VerifyCodeAsync).WithName("VerifyCode").WithSummary("Verify the phone number with the code (simulated)").ReadsBody(optional: true);
        return app;
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> RegisterAsync(
        CallerChannel caller, JsonObjectBody json, PhoneNumberSources sources, RegistrationThrottle throttle, CancellationToken cancellationToken)
    {
        var (channel, body) = (caller.Value, json.Value);
        if (PhoneNumberRequest.CheckMessagingProduct(body) is { } invalid)
        {
            return new Refusal(invalid);
        }
        if ((throttle.TryRequest(channel.PhoneNumberId) ?? throttle.CheckPinGuess(channel.PhoneNumberId)) is { } throttled)
        {
            return new Refusal(throttled);
        }
        var pin = PhoneNumberRequest.String(body, "pin");
        if (Registration.CheckPin(pin) is { } badPin)
        {
            return new Refusal(badPin);
        }
        var error = await sources.For(channel).RegisterAsync(channel, pin!, body, cancellationToken);
        if (error?.Code == ErrorCatalog.TwoStepPinMismatch.Code)
        {
            throttle.WrongPin(channel.PhoneNumberId);
        }
        return Answer(error);
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> DeregisterAsync(
        CallerChannel caller, PhoneNumberSources sources, RegistrationThrottle throttle, CancellationToken cancellationToken)
    {
        if (throttle.TryRequest(caller.Value.PhoneNumberId) is { } throttled)
        {
            return new Refusal(throttled);
        }
        return Answer(await sources.For(caller.Value).DeregisterAsync(caller.Value, cancellationToken));
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> RequestCodeAsync(
        CallerChannel caller, JsonObjectBody json, PhoneNumberSources sources, CancellationToken cancellationToken)
    {
        var (channel, body) = (caller.Value, json.Value);
        var method = PhoneNumberRequest.String(body, "code_method");
        if (method is null || !CodeMethods.Contains(method))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("Invalid parameter: code_method must be SMS or VOICE"));
        }
        var language = PhoneNumberRequest.String(body, "language");
        if (language is null || !LanguagePattern().IsMatch(language))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("Invalid parameter: language must be a locale like en_US"));
        }
        return Answer(await sources.For(channel).RequestCodeAsync(channel, body, cancellationToken));
    }

    private static async Task<Results<Ok<VerifyCodeResponse>, Refusal>> VerifyCodeAsync(
        CallerChannel caller, JsonObjectBody json, PhoneNumberSources sources, CancellationToken cancellationToken)
    {
        var (channel, body) = (caller.Value, json.Value);
        var code = PhoneNumberRequest.String(body, "code");
        if (code is null || !CodePattern().IsMatch(code))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("Invalid verification code format"));
        }
        return await sources.For(channel).VerifyCodeAsync(channel, body, cancellationToken) is { } error
            ? new Refusal(error)
            : TypedResults.Ok(new VerifyCodeResponse(true, channel.PhoneNumberId));
    }

    private static Results<Ok<SuccessResponse>, Refusal> Answer(WhatsAppError? error) =>
        error is null ? TypedResults.Ok(new SuccessResponse(true)) : new Refusal(error);
}

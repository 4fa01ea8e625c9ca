using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Profiles;
using Parley.Storage;

using Parley.Server.Auth;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// The simulator's hand on what WhatsApp decides about a number: <c>GET|PATCH /sandbox/channels/{id}/phone</c> (admin
/// key) reads and sets quality rating, throughput level, messaging limit tier, name status, code verification status,
/// account mode, status, registration and coexistence (<c>is_on_biz_app</c>: also on the WhatsApp Business app, fixed
/// 20 mps) — for testing how clients react. It works for any channel, since it only
/// changes what Parley reports.
/// </summary>
internal static class PhoneSimulatorApi
{
    /// <summary>What the simulator shows of a number's state (the PIN only as whether one is set).</summary>
    internal sealed record PhoneStateView(
        string PhoneNumberId, bool Registered, bool PinSet, string QualityRating, string ThroughputLevel, string MessagingLimitTier,
        string NameStatus, string CodeVerificationStatus, string AccountMode, string Status, bool IsOnBizApp);

    /// <summary>The fields to change; <c>null</c> leaves one as it is.</summary>
    internal sealed record PhoneStatePatch(
        bool? Registered, string? QualityRating, string? ThroughputLevel, string? MessagingLimitTier, string? NameStatus,
        string? CodeVerificationStatus, string? AccountMode, string? Status, bool? IsOnBizApp);

    public static IEndpointRouteBuilder MapPhoneSimulator(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/channels/{phoneNumberId}/phone").WithTags("Sandbox simulator").RequireAdminKey();
        group.MapGet("", GetAsync).WithSummary("A phone number's simulated WhatsApp state (admin key)");
        group.MapPatch("", PatchAsync).WithSummary("Set a phone number's quality rating, throughput, messaging limit, name status… (admin key)");
        return app;
    }

    private static async Task<Results<Ok<PhoneStateView>, NotFound>> GetAsync(
        string phoneNumberId, IAccountStore accounts, PhoneNumberDirectory directory, CancellationToken cancellationToken)
    {
        if (await accounts.GetChannelAsync(phoneNumberId, cancellationToken) is not { } channel)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(View(await directory.GetAsync(channel, cancellationToken)));
    }

    private static async Task<Results<Ok<PhoneStateView>, NotFound, ValidationProblem>> PatchAsync(
        string phoneNumberId, PhoneStatePatch patch, IAccountStore accounts, PhoneNumberDirectory directory,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "quality_rating", patch.QualityRating, PhoneNumberValues.QualityRatings);
        Check(errors, "throughput_level", patch.ThroughputLevel, PhoneNumberValues.ThroughputLevels);
        Check(errors, "messaging_limit_tier", patch.MessagingLimitTier, PhoneNumberValues.MessagingLimitTiers);
        Check(errors, "name_status", patch.NameStatus, PhoneNumberValues.NameStatuses);
        Check(errors, "code_verification_status", patch.CodeVerificationStatus, PhoneNumberValues.CodeVerificationStatuses);
        Check(errors, "account_mode", patch.AccountMode, PhoneNumberValues.AccountModes);
        Check(errors, "status", patch.Status, PhoneNumberValues.Statuses);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await accounts.GetChannelAsync(phoneNumberId, cancellationToken) is not { } channel)
        {
            return TypedResults.NotFound();
        }
        await directory.ChangeStateAsync(channel, state => state with
        {
            Registered = patch.Registered ?? state.Registered,
            QualityRating = patch.QualityRating ?? state.QualityRating,
            ThroughputLevel = patch.ThroughputLevel ?? state.ThroughputLevel,
            MessagingLimitTier = patch.MessagingLimitTier ?? state.MessagingLimitTier,
            NameStatus = patch.NameStatus ?? state.NameStatus,
            CodeVerificationStatus = patch.CodeVerificationStatus ?? state.CodeVerificationStatus,
            AccountMode = patch.AccountMode ?? state.AccountMode,
            Status = patch.Status ?? state.Status,
            OnBizApp = patch.IsOnBizApp ?? state.OnBizApp,
        }, cancellationToken);
        return TypedResults.Ok(View(await directory.GetAsync(channel, cancellationToken)));
    }

    private static void Check(Dictionary<string, string[]> errors, string name, string? value, IReadOnlySet<string> allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            errors[name] = [$"must be one of {string.Join(", ", allowed)}"];
        }
    }

    private static PhoneStateView View(PhoneNumberView view) => new(
        view.Channel.PhoneNumberId, view.Phone.Registered, view.Phone.PinHash is not null, view.Phone.QualityRating, view.ThroughputLevel,
        view.Phone.MessagingLimitTier, view.Phone.NameStatus, view.Phone.CodeVerificationStatus, view.Phone.AccountMode, view.Phone.Status,
        view.OnBizApp);
}

using Microsoft.AspNetCore.Mvc;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Server.Auth;
using Parley.Server.Delivery.Webhooks;
using Parley.Server.Network;
using Parley.Server.Upstreams;
using Parley.Server.Upstreams.Meta;
using Parley.Storage;

namespace Parley.Server.Admin;

internal static class ChannelsApi
{
    private const int MaxMessagesPerSecond = 10_000;

    public static void MapChannels(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/channels");
        group.MapGet("/", ListAsync).WithSummary("List channels, optionally of one account");
        group.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Create a channel (a business phone number); the app secret is shown once");
        group.MapGet("/{phoneNumberId}", GetAsync).WithSummary("Get a channel");
        group.MapPatch("/{phoneNumberId}", UpdateAsync).WithSummary("Update a channel");
        group.MapDelete("/{phoneNumberId}", DeleteAsync).WithSummary("Delete a channel with its tokens and webhooks");
    }

    private static async Task<Ok<ChannelView[]>> ListAsync(
        [FromQuery(Name = "account_id")] string? accountId, IAccountStore store, IBirdDialectStore ids, CancellationToken cancellationToken)
    {
        var views = new List<ChannelView>();
        foreach (var channel in await store.ListChannelsAsync(accountId, cancellationToken))
        {
            views.Add(await View(channel).WithBirdIdsAsync(ids, cancellationToken));
        }
        return TypedResults.Ok(views.ToArray());
    }

    private static async Task<Results<Created<ChannelCreatedView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateChannelRequest request, IAccountStore store, IBirdDialectStore ids, UpstreamRegistry upstreams, SsrfGuard guard, ChannelDirectory access,
        WebhookOverrides overrides, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new AdminValidation()
            .Require("account_id", request.AccountId)
            .Require("display_phone_number", request.DisplayPhoneNumber)
            .Match("phone_number_id", request.PhoneNumberId, AdminValidation.ObjectId(), "must be digits");
        ValidateCommon(validation, request.DisplayPhoneNumber, request.CountryCallingCode, request.VerifiedName, request.Upstream, request.AppSecret, request.MessagesPerSecond, upstreams);
        var meta = MetaSettings.IsMeta(request.Upstream);
        if (meta)
        {
            ValidateMeta(validation, request.UpstreamSettings, request.MessagesPerSecond, guard);
        }
        if (request.AccountId is not null && await store.GetAccountAsync(request.AccountId, cancellationToken) is null)
        {
            validation.Add("account_id", "no such account");
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var appSecret = request.AppSecret ?? MessageIds.RandomToken(24);
        var channel = new Channel(
            request.PhoneNumberId ?? MessageIds.NewNumericId(),
            request.AccountId!,
            request.DisplayPhoneNumber!,
            request.CountryCallingCode ?? "1",
            request.VerifiedName ?? "Parley Business",
            request.Upstream ?? Channel.SandboxUpstream,
            (request.UpstreamSettings ?? []).ToJsonString(),
            appSecret,
            request.MessagesPerSecond ?? DefaultMessagesPerSecond(meta, request.UpstreamSettings),
            time.GetUtcNow());
        if (await store.GetChannelAsync(channel.PhoneNumberId, cancellationToken) is not null)
        {
            return TypedResults.Problem($"Channel {channel.PhoneNumberId} already exists.", statusCode: StatusCodes.Status409Conflict);
        }
        await store.CreateChannelAsync(channel, cancellationToken);
        await overrides.InheritAccountOverrideAsync(channel.PhoneNumberId, channel.AccountId, cancellationToken);
        access.Invalidate();
        return TypedResults.Created($"/admin/channels/{channel.PhoneNumberId}", new ChannelCreatedView(await View(channel).WithBirdIdsAsync(ids, cancellationToken), appSecret));
    }

    private static async Task<Results<Ok<ChannelView>, NotFound>> GetAsync(string phoneNumberId, IAccountStore store, IBirdDialectStore ids, CancellationToken cancellationToken) =>
        await store.GetChannelAsync(phoneNumberId, cancellationToken) is { } channel
            ? TypedResults.Ok(await View(channel).WithBirdIdsAsync(ids, cancellationToken))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ChannelView>, NotFound, ValidationProblem>> UpdateAsync(
        string phoneNumberId, UpdateChannelRequest request, IAccountStore store, IBirdDialectStore ids, UpstreamRegistry upstreams, SsrfGuard guard,
        ChannelDirectory access, CancellationToken cancellationToken)
    {
        var validation = new AdminValidation();
        ValidateCommon(validation, request.DisplayPhoneNumber, request.CountryCallingCode, request.VerifiedName, request.Upstream, request.AppSecret, request.MessagesPerSecond, upstreams);
        if (await store.GetChannelAsync(phoneNumberId, cancellationToken) is not { } channel)
        {
            return validation.IsValid ? TypedResults.NotFound() : TypedResults.ValidationProblem(validation.Errors);
        }
        var settings = request.UpstreamSettings;
        if (MetaSettings.IsMeta(request.Upstream ?? channel.Upstream))
        {
            // Secrets left out of the update are kept: the API never shows them, so a client cannot send them back.
            settings = MetaSettings.IsMeta(channel.Upstream) ? MetaSettings.Merge(channel.UpstreamSettings, settings ?? []) : settings;
            ValidateMeta(validation, settings, request.MessagesPerSecond ?? channel.MessagesPerSecond, guard);
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var updated = channel with
        {
            DisplayPhoneNumber = request.DisplayPhoneNumber ?? channel.DisplayPhoneNumber,
            CountryCallingCode = request.CountryCallingCode ?? channel.CountryCallingCode,
            VerifiedName = request.VerifiedName ?? channel.VerifiedName,
            Upstream = request.Upstream ?? channel.Upstream,
            UpstreamSettings = settings?.ToJsonString() ?? channel.UpstreamSettings,
            AppSecret = request.AppSecret ?? channel.AppSecret,
            MessagesPerSecond = request.MessagesPerSecond ?? channel.MessagesPerSecond,
        };
        await store.UpdateChannelAsync(updated, cancellationToken);
        access.Invalidate();
        return TypedResults.Ok(await View(updated).WithBirdIdsAsync(ids, cancellationToken));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string phoneNumberId, IAccountStore store, ChannelDirectory access, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteChannelAsync(phoneNumberId, cancellationToken);
        access.Invalidate();
        return deleted ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static void ValidateCommon(
        AdminValidation validation, string? display, string? countryCode, string? verifiedName, string? upstream, string? appSecret, int? mps, UpstreamRegistry upstreams)
    {
        validation
            .Match("display_phone_number", display, AdminValidation.PhoneDigits(), "must be 7 to 15 digits")
            .Match("country_calling_code", countryCode, AdminValidation.CountryCallingCode(), "must be 1 to 3 digits, not starting with 0")
            .MaxLength("verified_name", verifiedName, 200)
            .Check("upstream", upstream is null || upstreams.Kinds.Contains(upstream), $"must be one of: {string.Join(", ", upstreams.Kinds)}")
            .Check("app_secret", appSecret is null || appSecret.Length >= 16, "must be at least 16 characters long")
            .Check("messages_per_second", mps is null || mps is >= 1 and <= MaxMessagesPerSecond, $"must be between 1 and {MaxMessagesPerSecond}");
    }

    private static void ValidateMeta(AdminValidation validation, JsonObject? settings, int? messagesPerSecond, SsrfGuard guard)
    {
        foreach (var (field, problem) in MetaSettings.Validate(settings, guard, messagesPerSecond))
        {
            validation.Add(field, problem);
        }
    }

    /// <summary>A meta channel is paced to its number's throughput level: 80 mps, or 20 for a coexistence number.</summary>
    private static int DefaultMessagesPerSecond(bool meta, JsonObject? settings) =>
        meta && settings?["coexistence"]?.GetValueKind() == JsonValueKind.True ? MetaSettings.CoexistenceMessagesPerSecond : Channel.DefaultMessagesPerSecond;

    internal static ChannelView View(Channel channel)
    {
        var shown = MetaSettings.IsMeta(channel.Upstream) && JsonNode.Parse(channel.UpstreamSettings) is JsonObject meta
            ? MetaSettings.Redact(meta).ToJsonString()
            : channel.UpstreamSettings;
        using var settings = JsonDocument.Parse(shown);
        return new ChannelView(channel.PhoneNumberId, channel.AccountId, channel.DisplayPhoneNumber, channel.CountryCallingCode,
            channel.VerifiedName, channel.Upstream, settings.RootElement.Clone(), channel.MessagesPerSecond, channel.CreatedAt);
    }
}

using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Parley.Server.Admin;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Lookup;
using Parley.Server.Upstreams.Sandbox;

namespace Parley.Server.Json;

/// <summary>Source-generated JSON for every body Parley reads or writes through minimal APIs. snake_case, as the Graph API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(SuccessResponse))]
[JsonSerializable(typeof(AccountView))]
[JsonSerializable(typeof(AccountView[]))]
[JsonSerializable(typeof(CreateAccountRequest))]
[JsonSerializable(typeof(UpdateAccountRequest))]
[JsonSerializable(typeof(ChannelView))]
[JsonSerializable(typeof(ChannelView[]))]
[JsonSerializable(typeof(ChannelCreatedView))]
[JsonSerializable(typeof(CreateChannelRequest))]
[JsonSerializable(typeof(UpdateChannelRequest))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(TokenView[]))]
[JsonSerializable(typeof(TokenCreatedView))]
[JsonSerializable(typeof(CreateWebhookRequest))]
[JsonSerializable(typeof(WebhookView))]
[JsonSerializable(typeof(WebhookView[]))]
[JsonSerializable(typeof(DeadLetterView[]))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ReplayView))]
[JsonSerializable(typeof(MessageView))]
[JsonSerializable(typeof(MessagePage))]
[JsonSerializable(typeof(SandboxApi.InboundAccepted))]
[JsonSerializable(typeof(SandboxApi.ClockView))]
[JsonSerializable(typeof(SandboxTyping.View))]
[JsonSerializable(typeof(SandboxApi.AdvanceRequest))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(HealthView))]
internal sealed partial class ParleyJsonContext : JsonSerializerContext;

internal sealed record HealthView(string Status);

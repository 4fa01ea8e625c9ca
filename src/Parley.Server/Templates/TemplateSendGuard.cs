using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Core.Templates;
using Parley.Server.Configuration;
using Parley.Storage;
using Parley.Server.Messaging;
using Parley.Core.Messages;

namespace Parley.Server.Templates;

/// <summary>
/// The send-time template checks of the accept path: reads the channel's WABA template of that name and language
/// (cached briefly; this node's changes clear the cache) and runs <see cref="TemplateSendCheck"/>. No upstream I/O.
/// </summary>
internal sealed partial class TemplateSendGuard(ITemplateStore store, TimeProvider time, IOptions<ParleyOptions> options, ILogger<TemplateSendGuard> logger) : ISendCheck
{
    public int Order => 2;

    async ValueTask<WhatsAppError?> ISendCheck.CheckAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (request.Type != "template" || request.Payload["template"] is not JsonObject template)
        {
            return null;
        }
        // Who may receive the template comes before how it is filled in.
        var stored = await FindAsync(channel.AccountId, template["name"]?.GetValue<string>() ?? "", template["language"]?["code"]?.GetValue<string>() ?? "", cancellationToken);
        return TemplateSendCheck.CheckRecipient(stored, request.To) ?? await CheckAsync(channel, request.Payload, cancellationToken);
    }

    private readonly ConcurrentDictionary<(string Account, string Name, string Language), (MessageTemplate? Template, DateTimeOffset Until)> _cache = new();
    private readonly TimeSpan _cacheFor = TimeSpan.FromMilliseconds(options.Value.Templates.SendCacheMs);

    /// <summary>Meta's error for a template message that does not fit its template; null when it fits or is not a template message.</summary>
    public async ValueTask<WhatsAppError?> CheckAsync(Channel channel, JsonObject message, CancellationToken cancellationToken)
    {
        if (message["template"] is not JsonObject template)
        {
            return null;
        }
        var name = template["name"]?.GetValue<string>() ?? "";
        var language = template["language"]?["code"]?.GetValue<string>() ?? "";
        var stored = await FindAsync(channel.AccountId, name, language, cancellationToken);
        using var document = JsonDocument.Parse(template.ToJsonString());
        return TemplateSendCheck.Check(stored, document.RootElement);
    }

    public async ValueTask<MessageTemplate?> FindAsync(string accountId, string name, string language, CancellationToken cancellationToken)
    {
        var key = (accountId, name, language);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Template;
        }
        var template = await store.FindAsync(accountId, name, language, cancellationToken);
        if (template is null && SampleTemplates.IsHelloWorld(name, language))
        {
            template = await EnsureSampleAsync(accountId, cancellationToken);
        }
        _cache[key] = (template, now + _cacheFor);
        return template;
    }

    /// <summary>
    /// What the recipient of a template message sees, rendered when the simulated network delivers it; or the error
    /// WhatsApp reports when the template stopped fitting since the message was accepted (deleted, paused, disabled).
    /// </summary>
    public async ValueTask<(RenderedTemplate? Rendered, WhatsAppError? Error)> RenderAsync(Channel channel, string messagePayload, CancellationToken cancellationToken)
    {
        var message = JsonNode.Parse(messagePayload) as JsonObject;
        if (message?["template"] is not JsonObject template)
        {
            return (null, ErrorCatalog.RequiredParameterMissing.With("The parameter template is required."));
        }
        var stored = await FindAsync(channel.AccountId, template["name"]?.GetValue<string>() ?? "", template["language"]?["code"]?.GetValue<string>() ?? "", cancellationToken);
        using var document = JsonDocument.Parse(template.ToJsonString());
        if (TemplateSendCheck.Check(stored, document.RootElement) is { } error)
        {
            return (null, error);
        }
        var rendered = TemplateRenderer.Render(stored!, document.RootElement);
        Log.Rendered(logger, channel.PhoneNumberId, rendered.Text);
        return (rendered, null);
    }

    /// <summary>Gives the account Meta's sample template <c>hello_world</c> when it has none (a new account, or one that deleted it).</summary>
    public async Task<MessageTemplate?> EnsureSampleAsync(string accountId, CancellationToken cancellationToken)
    {
        var existing = await store.FindAsync(accountId, SampleTemplates.HelloWorldName, SampleTemplates.HelloWorldLanguage, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }
        var now = time.GetUtcNow();
        await store.CreateAsync(SampleTemplates.HelloWorld(TemplateService.NewId(now), accountId, now), int.MaxValue, cancellationToken);
        return await store.FindAsync(accountId, SampleTemplates.HelloWorldName, SampleTemplates.HelloWorldLanguage, cancellationToken);
    }

    public void Invalidate() => _cache.Clear();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Template message of channel {ChannelId} rendered: {Text}")]
        public static partial void Rendered(ILogger logger, string channelId, string text);
    }
}

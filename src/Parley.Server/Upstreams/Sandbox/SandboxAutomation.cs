using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Automation;
using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Users;
using Parley.Server.Automation;
using Parley.Server.Dialects.CloudApi;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// A simulated user meets the channel's conversational components (docs/automation.md): opening the chat for the first
/// time sends the business a <c>request_welcome</c> message when the welcome message is enabled (once per user: a user
/// the channel has heard from, or has a chat with, is not new); the chat shows the ice breakers until the user first
/// writes, and tapping one sends its text; choosing a command from the <c>/</c> menu sends <c>/name</c> as text.
/// </summary>
internal sealed class SandboxAutomation(
    ConversationalAutomations automations, IUserStore users, IMessageHistoryStore history, SandboxUserMessages userMessages, SandboxClock clock) : IDisposable
{
    /// <summary>Only one chat opens at a time, so two opens of a new user's chat request one welcome.</summary>
    private readonly SemaphoreSlim _opening = new(1, 1);

    /// <summary>What the user sees on opening the chat, and what the business was sent.</summary>
    /// <param name="WelcomeRequested">Whether the business got a <c>request_welcome</c> message (id in <paramref name="Messages"/>).</param>
    /// <param name="IceBreakers">The ice breakers the chat shows: the channel's prompts until the user first writes.</param>
    internal sealed record ChatView(
        bool NewChat, bool WelcomeRequested, IReadOnlyList<SendMessageId> Messages, IReadOnlyList<string> IceBreakers, IReadOnlyList<CommandView> Commands);

    internal sealed record CommandView(string CommandName, string CommandDescription);

    public void Dispose() => _opening.Dispose();

    public async Task<Outcome<ChatView>> OpenChatAsync(Channel channel, JsonObject request, CancellationToken cancellationToken)
    {
        var identified = SimulatedInbound.Identify(channel, request);
        if (!identified.Succeeded)
        {
            return identified.Error;
        }
        var user = identified.Value;
        var automation = await automations.GetAsync(channel.PhoneNumberId, cancellationToken);
        await _opening.WaitAsync(cancellationToken);
        try
        {
            var isNew = await IsNewAsync(channel, user, cancellationToken);
            if (!isNew || !automation.EnableWelcomeMessage)
            {
                return await ViewAsync(channel, user, automation, isNew, null, cancellationToken);
            }
            var now = clock.GetUtcNow();
            var id = MessageIds.NewWamid();
            var message = new JsonObject();
            if (user.WaId is not null)
            {
                message["from"] = user.WaId;
            }
            message["from_user_id"] = user.UserId;
            message["id"] = id;
            message["timestamp"] = CanonicalEvents.UnixSeconds(now);
            message["type"] = "request_welcome";
            await userMessages.DeliverAsync(channel, new InboundEvent(channel.PhoneNumberId, now, id, user, "request_welcome", message.ToJsonString()), cancellationToken);
            return await ViewAsync(channel, user, automation, isNew, id, cancellationToken);
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>The user taps the ice breaker <c>prompt</c>: its text arrives as their text message.</summary>
    public async Task<Outcome<InboundEvent>> TapIceBreakerAsync(Channel channel, JsonObject request, CancellationToken cancellationToken)
    {
        var identified = SimulatedInbound.Identify(channel, request);
        if (!identified.Succeeded)
        {
            return identified.Error;
        }
        if (Text(request, "prompt") is not { } prompt)
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter prompt (the ice breaker's text) is required.");
        }
        var automation = await automations.GetAsync(channel.PhoneNumberId, cancellationToken);
        if (!automation.Prompts.Contains(prompt, StringComparer.Ordinal))
        {
            return ErrorCatalog.ParameterValueNotValid.With($"'{prompt}' is not one of the channel's ice breakers ({automation.Prompts.Count} set).");
        }
        if (await HasWrittenAsync(channel, identified.Value, cancellationToken))
        {
            return ErrorCatalog.ParameterValueNotValid.With("Ice breakers show only until the user first writes; this user has written to the channel.");
        }
        return await SendTextAsync(channel, request, prompt, cancellationToken);
    }

    /// <summary>The user picks <c>command</c> from the <c>/</c> menu (with optional <c>text</c> after it): <c>/command text</c> arrives as their text message.</summary>
    public async Task<Outcome<InboundEvent>> TypeCommandAsync(Channel channel, JsonObject request, CancellationToken cancellationToken)
    {
        if (Text(request, "command")?.TrimStart('/') is not { Length: > 0 } name)
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter command (the command's name) is required.");
        }
        var automation = await automations.GetAsync(channel.PhoneNumberId, cancellationToken);
        if (automation.CommandOf("/" + name) is not { } command)
        {
            return ErrorCatalog.ParameterValueNotValid.With($"'/{name}' is not one of the channel's commands ({automation.Commands.Count} set).");
        }
        var text = "/" + command.Name + (Text(request, "text") is { } rest ? " " + rest : "");
        return await SendTextAsync(channel, request, text, cancellationToken);
    }

    private async Task<Outcome<InboundEvent>> SendTextAsync(Channel channel, JsonObject request, string text, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = text } };
        foreach (var name in new[] { "from", "from_user_id", "profile_name", "username", "share_number" })
        {
            if (request[name] is { } value)
            {
                message[name] = value.DeepClone();
            }
        }
        var built = SimulatedInbound.Build(channel, message, clock.GetUtcNow());
        if (!built.Succeeded)
        {
            return built.Error;
        }
        await userMessages.DeliverAsync(channel, built.Value, cancellationToken);
        return built.Value;
    }

    private async Task<ChatView> ViewAsync(
        Channel channel, WhatsAppUser user, ConversationalAutomation automation, bool isNew, string? welcomeId, CancellationToken cancellationToken) =>
        new(isNew, welcomeId is not null, welcomeId is null ? [] : [new SendMessageId(welcomeId)],
            await HasWrittenAsync(channel, user, cancellationToken) ? [] : automation.Prompts,
            [.. automation.Commands.Select(c => new CommandView(c.Name, c.Description))]);

    /// <summary>A user opening the chat for the first time: the channel never heard from them (under any identity) and has no chat with them.</summary>
    private async Task<bool> IsNewAsync(Channel channel, WhatsAppUser user, CancellationToken cancellationToken)
    {
        foreach (var identity in Identities(user))
        {
            if (await users.FindAsync(channel.PhoneNumberId, identity, cancellationToken) is not null
                || (await history.ListNumberedAsync(new NumberedMessageQuery(channel.PhoneNumberId, Peer: identity, Limit: 1), cancellationToken)).Count > 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether the user sent the channel any message of their own (a welcome request is not one).</summary>
    private async Task<bool> HasWrittenAsync(Channel channel, WhatsAppUser user, CancellationToken cancellationToken)
    {
        foreach (var identity in Identities(user))
        {
            var chat = await history.ListNumberedAsync(new NumberedMessageQuery(channel.PhoneNumberId, Peer: identity, Limit: 20), cancellationToken);
            if (chat.Any(m => m.Message.Direction == MessageDirection.Inbound && m.Message.Type != "request_welcome"))
            {
                return true;
            }
        }
        return false;
    }

    private static IEnumerable<string> Identities(WhatsAppUser user) =>
        new[] { user.WaId, user.UserId }.OfType<string>().Distinct(StringComparer.Ordinal);

    private static string? Text(JsonObject request, string name) =>
        request[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}

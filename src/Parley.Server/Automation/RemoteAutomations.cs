using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Model;

namespace Parley.Server.Automation;

/// <summary>A channel's conversational components kept by its upstream (Meta, for a <c>meta</c> channel).</summary>
internal interface IRemoteAutomation
{
    /// <summary>The components as the upstream answers them: <c>{enable_welcome_message, prompts, commands}</c>.</summary>
    Task<Outcome<JsonObject>> GetAsync(CancellationToken cancellationToken);

    /// <summary>Sets the parameters given (<c>enable_welcome_message</c>, <c>prompts</c>, <c>commands</c>) there; the upstream's refusal otherwise.</summary>
    Task<WhatsAppError?> UpdateAsync(JsonObject parameters, CancellationToken cancellationToken);
}

/// <summary>The conversational components of channels whose upstream keeps them (Meta), or null for Parley's own channels.</summary>
internal interface IRemoteAutomations
{
    IRemoteAutomation? ForChannel(Channel channel);
}

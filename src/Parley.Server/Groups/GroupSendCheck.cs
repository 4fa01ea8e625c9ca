using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Messaging;
using Parley.Server.Templates;
using Parley.Storage;

namespace Parley.Server.Groups;

/// <summary>
/// The accept path's check of a message to a group (<c>recipient_type: "group"</c>), the same for every upstream (a
/// <c>meta</c> channel's groups are in the store as Meta's mirror): the group is the number's and active (131041), not
/// suspended (131207), takes the message's type (131051: no interactive, reaction, location, contacts or authentication
/// template; a template's category is the stored template's), and has a participant besides the business (131020).
/// One read of the group by id, and one of its participants (at most eight) when the rest holds. No upstream I/O.
/// </summary>
internal sealed class GroupSendCheck(IGroupStore store, TemplateSendGuard templates) : ISendCheck
{
    /// <summary>After registration (0), next to media (1), before the template's own checks (2): the recipient comes first.</summary>
    public int Order => 1;

    public async ValueTask<WhatsAppError?> CheckAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (request.RecipientType != "group")
        {
            return null;
        }
        var group = await store.GetAsync(request.To, cancellationToken);
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } unusable)
        {
            return unusable;
        }
        if (GroupRules.CheckSendable(request.Type, await TemplateCategoryAsync(channel, request, cancellationToken)) is { } unsendable)
        {
            return unsendable;
        }
        return (await store.ListParticipantsAsync(group!.Id, cancellationToken)).Count == 0
            ? ErrorCatalog.BadGroup.With("Cannot send messages to single member groups: nobody but the business is in the group yet.")
            : null;
    }

    /// <summary>The category of the stored template a template message names (null for other messages, or an unknown template, which the template check refuses).</summary>
    private async ValueTask<string?> TemplateCategoryAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (request.Type != "template" || request.Payload["template"] is not JsonObject template)
        {
            return null;
        }
        var name = template["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : "";
        var language = template["language"]?["code"] is JsonValue l && l.TryGetValue<string>(out var code) ? code : "";
        return (await templates.FindAsync(channel.AccountId, name, language, cancellationToken))?.Category;
    }
}

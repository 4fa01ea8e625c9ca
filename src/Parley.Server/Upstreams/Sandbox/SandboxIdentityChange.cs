using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Phones;
using Parley.Core.Users;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The system messages of a simulated user's change of identity (Meta, "System messages webhook reference"; system
/// messages have no <c>contacts[]</c>). <c>user_changed_number</c>: the user shares their new number, and a new number
/// means a new BSUID; <c>system</c> carries <c>wa_id</c> (new number), <c>user_id</c> (new BSUID) and
/// <c>previous_user_id</c>. <c>user_changed_user_id</c>: only the BSUID changed (also what a user who keeps their number
/// from the business produces when they change it); <c>system</c> carries <c>user_id</c> and <c>previous_user_id</c>.
/// The message's <c>from</c> / <c>from_user_id</c> are the user's identities before the change.
/// </summary>
internal static class SandboxIdentityChange
{
    /// <param name="newNumber">The new number, for a change of number (<paramref name="changeNumber"/>).</param>
    public static Outcome<InboundEvent> Build(Channel channel, WhatsAppUser user, bool changeNumber, string? newNumber, DateTimeOffset now)
    {
        if (changeNumber && string.IsNullOrEmpty(newNumber))
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter new_number is required.");
        }
        var previousBsuid = user.UserId ?? SandboxUsers.BsuidOf(channel.AccountId, user.WaId!);
        var name = user.Username ?? user.ProfileName;
        var system = new JsonObject();
        WhatsAppUser changed;
        if (changeNumber && user.WaId is not null)
        {
            var number = PhoneNumbers.Normalize(newNumber!.StartsWith('+') ? newNumber : "+" + newNumber, channel.CountryCallingCode);
            if (!number.Succeeded)
            {
                return number.Error;
            }
            changed = user with { WaId = number.Value, UserId = SandboxUsers.BsuidOf(channel.AccountId, number.Value) };
            system["body"] = $"User {name} changed from {user.WaId} to {number.Value}";
            system["wa_id"] = number.Value;
            system["type"] = "user_changed_number";
        }
        else
        {
            // A change of BSUID; or a change of number of a user who keeps their number from the business, which the
            // business sees only as a new BSUID.
            changed = user with { UserId = SandboxUsers.NextBsuid(previousBsuid) };
            system["body"] = $"User {name} changed their business-scoped user ID";
            system["type"] = "user_changed_user_id";
        }
        system["user_id"] = changed.UserId;
        system["previous_user_id"] = previousBsuid;
        if (user.ParentUserId is not null)
        {
            system["parent_user_id"] = user.ParentUserId;
            system["previous_parent_user_id"] = user.ParentUserId;
        }
        var id = MessageIds.NewWamid();
        var message = new JsonObject();
        if (user.WaId is not null)
        {
            message["from"] = user.WaId;
        }
        message["from_user_id"] = previousBsuid;
        message["id"] = id;
        message["timestamp"] = CanonicalEvents.UnixSeconds(now);
        message["type"] = "system";
        message["system"] = system;
        return new InboundEvent(channel.PhoneNumberId, now, id, changed, "system", message.ToJsonString(), [.. user.Identities.Append(previousBsuid).Distinct()]);
    }
}

/// <summary>The identities of one simulated user's conversation: a reply or reaction may target any message of it.</summary>
internal static class SandboxConversation
{
    public static async Task<HashSet<string>> IdentitiesAsync(IUserStore users, string channelId, IEnumerable<string> identities, CancellationToken cancellationToken)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var identity in identities)
        {
            if (all.Add(identity))
            {
                all.UnionWith(await users.IdentitiesAsync(channelId, identity, cancellationToken));
            }
        }
        return all;
    }
}

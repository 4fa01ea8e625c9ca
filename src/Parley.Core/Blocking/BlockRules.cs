using Parley.Core.Errors;
using Parley.Core.Messages;

namespace Parley.Core.Blocking;

/// <summary>
/// WhatsApp's rules for a business blocking users (Meta, "Block users"): a blocked user cannot reach the business and
/// the business cannot message them (130403). Only a user who wrote to the business in the last 24 hours can be
/// blocked; unblocking has no such rule. A request names at most 1,000 users, a number's blocklist holds at most 64,000,
/// and every user of a request succeeds or fails alone: the failures come back per user under the error 139100.
/// </summary>
public static class BlockRules
{
    /// <summary>Users one block or unblock request may name (Meta, "Block users", Limitations).</summary>
    public const int MaxUsersPerRequest = 1000;

    /// <summary>Users one number's blocklist holds (Meta, "Block users", Limitations; 139101 beyond).</summary>
    public const int MaxBlocklistSize = 64_000;

    /// <summary>
    /// Blocked users one page of the list shows by default and at most. UNCONFIRMED: Meta's reference does not say; a
    /// partner that proxies it (Gupshup) documents a default and maximum of 100.
    /// </summary>
    public const int DefaultPageSize = 100;

    /// <inheritdoc cref="DefaultPageSize"/>
    public const int MaxPageSize = 100;

    /// <summary>Whether a user who last wrote at <paramref name="lastInbound"/> can be blocked at <paramref name="now"/> (the network's time).</summary>
    public static bool CanBlock(DateTimeOffset? lastInbound, DateTimeOffset now) => CustomerServiceWindow.IsOpen(lastInbound, now);

    /// <summary>A request naming more users than <see cref="MaxUsersPerRequest"/>: Meta answers 130429 "Rate limit hit".</summary>
    public static WhatsAppError TooManyUsers(int count) => ErrorCatalog.RateLimitHit.With(
        $"Too many users in the request: {count}; a request can block or unblock at most {MaxUsersPerRequest} users.");

    /// <summary>A user who has not written to the business in the last 24 hours, or is not a WhatsApp user (131047).</summary>
    public static WhatsAppError ReEngagementRequired() => ErrorCatalog.ReEngagementMessage.With(
        "Re-engagement required: a user can be blocked only if they messaged the business in the last 24 hours.");

    /// <summary>The business's own number (131021, "Self Block").</summary>
    public static WhatsAppError SelfBlock() => ErrorCatalog.RecipientCannotBeSender.With("Failed to block self phone number.");

    /// <summary>A user the blocklist has no room for (139101).</summary>
    public static WhatsAppError BlocklistFull() => ErrorCatalog.BlocklistLimitReached.With(
        $"The blocklist has reached its {MaxBlocklistSize} user limit.");

    /// <summary>A user given as something that is neither a phone number nor a BSUID.</summary>
    public static WhatsAppError NotAUser(string input) => ErrorCatalog.ReEngagementMessage.With(
        $"'{input}' is not a valid WhatsApp user: give a phone number with its country code or a business-scoped user ID.");

    /// <summary>The request's answer when some users failed: 139100, with the users in <c>block_users.failed_users</c>.</summary>
    public static WhatsAppError SomeFailed(bool block) => ErrorCatalog.BlockUsersFailed.With(block
        ? "Failed to block some users, see the block_users response list for details"
        : "Failed to unblock some users, see the block_users response list for details");

    /// <summary>A page cursor of a blocklist that changed since it was given (139102).</summary>
    public static WhatsAppError ConcurrentUpdate() => ErrorCatalog.BlocklistConcurrentUpdate.With(
        "The blocklist changed since this cursor was given; list it again from the first page.");

    /// <summary>A message to a user the business blocked: accepted, then failed with 130403.</summary>
    public static WhatsAppError RecipientBlocked() => ErrorCatalog.BusinessBlockedUser.With(
        "Unable to deliver the message. This business has blocked the end user on WhatsApp");
}

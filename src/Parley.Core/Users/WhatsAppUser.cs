namespace Parley.Core.Users;

/// <summary>
/// Who a WhatsApp user is to a business: the identities a webhook's <c>contacts[]</c> item carries. A user who has a
/// username and has not shared a phone number with the business has no <see cref="WaId"/>: the BSUID is then the only
/// identity. At least one of <see cref="WaId"/> and <see cref="UserId"/> is set.
/// </summary>
/// <param name="WaId">The phone number (WhatsApp id, digits), when the business may see it.</param>
/// <param name="UserId">The user's business-scoped user ID (<see cref="Bsuid"/>), when known.</param>
/// <param name="ParentUserId">The parent BSUID, for businesses with linked portfolios.</param>
/// <param name="Username">The user's WhatsApp username, when they adopted one.</param>
/// <param name="ProfileName">The user's profile name.</param>
public sealed record WhatsAppUser(string? WaId, string? UserId, string? ParentUserId, string? Username, string ProfileName)
{
    /// <summary>
    /// The identity Parley stores as a message's peer and addresses the user by: the phone number when known, the BSUID
    /// otherwise. Every identity of the user resolves to one conversation (the store keeps the aliases).
    /// </summary>
    public string Peer => WaId ?? UserId ?? throw new InvalidOperationException("A WhatsApp user has a phone number or a BSUID.");

    /// <summary>Every identity the user is known by now: phone number, BSUID, parent BSUID.</summary>
    public IEnumerable<string> Identities
    {
        get
        {
            if (WaId is not null) yield return WaId;
            if (UserId is not null) yield return UserId;
            if (ParentUserId is not null) yield return ParentUserId;
        }
    }

    /// <summary>A user known only by phone number (traffic from before BSUIDs, or a payload without them).</summary>
    public static WhatsAppUser ByPhone(string waId, string profileName) => new(waId, null, null, null, profileName);
}

using System.Text.Json.Nodes;
using Parley.Core.Model;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// A field of the phone-number node (<c>GET /{phone-number-id}?fields=…</c>) that a feature outside this folder keeps,
/// such as <c>conversational_automation</c>: the feature plugs it in, and <see cref="PhoneNumberObjects"/> renders it
/// from Parley's own records, after the number's own fields; or, when <see cref="ReadAtUpstream"/>, a channel whose number
/// lives at its upstream (Meta) has it read there with the number's own fields.
/// </summary>
internal interface IPhoneNumberNodeField
{
    /// <summary>The field's name in <c>fields</c>.</summary>
    string Name { get; }

    /// <summary>Whether the upstream that owns a channel's number answers the field (it keeps what the field shows).</summary>
    bool ReadAtUpstream => false;

    Task<JsonNode?> RenderAsync(Channel channel, CancellationToken cancellationToken);
}

using System.Text.Json.Nodes;
using Parley.Core.Model;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// A field of the phone-number node (<c>GET /{phone-number-id}?fields=…</c>) that a feature outside this folder keeps,
/// such as <c>conversational_automation</c>: the feature plugs it in, and <see cref="PhoneNumberObjects"/> renders it
/// from Parley's own records for every channel, after the number's own fields.
/// </summary>
internal interface IPhoneNumberNodeField
{
    /// <summary>The field's name in <c>fields</c>.</summary>
    string Name { get; }

    Task<JsonNode?> RenderAsync(Channel channel, CancellationToken cancellationToken);
}

using Parley.Core.Commerce;
using Parley.Core.Errors;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Commerce;

/// <summary>
/// The accept path's check of a message that shows the catalog, whichever dialect sent it: product, product list,
/// catalog and product-carousel messages, and templates with product cards or CATALOG / MPM buttons need a catalog
/// connected to the sending account, name no other catalog, and name only products it holds
/// (<see cref="CommerceRules.Check"/>). A <c>meta</c> channel's catalog lives at Meta, which checks it itself. One read
/// of the connected catalog and one of the named products; no upstream I/O.
/// </summary>
internal sealed class CatalogSendCheck(ICatalogStore catalogs) : ISendCheck
{
    /// <summary>With the template's own checks (2): after the recipient, before flows (11).</summary>
    public int Order => 3;

    public async ValueTask<WhatsAppError?> CheckAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken)
    {
        // Only interactive and template messages name products; any other send is not parsed into an object here.
        if (channel.Upstream != Channel.SandboxUpstream || request.Type is not ("interactive" or "template")
            || ProductReferences.Of(request.Type, request.Payload) is not { } references)
        {
            return null;
        }
        var connected = await catalogs.ConnectedAsync(channel.AccountId, cancellationToken);
        var known = connected is null || references.RetailerIds.Count == 0
            ? []
            : (await catalogs.ProductsAsync(connected.Id, references.RetailerIds, cancellationToken)).Select(p => p.RetailerId).ToHashSet(StringComparer.Ordinal);
        return CommerceRules.Check(references, connected, known);
    }
}

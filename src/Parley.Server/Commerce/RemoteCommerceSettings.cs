using Parley.Core;
using Parley.Core.Commerce;
using Parley.Core.Errors;
using Parley.Core.Model;

namespace Parley.Server.Commerce;

/// <summary>A channel's commerce settings kept by its upstream (Meta, for a <c>meta</c> channel).</summary>
internal interface IRemoteCommerceSettingsSource
{
    Task<Outcome<CommerceSettings>> GetAsync(CancellationToken cancellationToken);

    /// <summary>Changes what is given (null: not sent); the upstream's refusal otherwise.</summary>
    Task<WhatsAppError?> SetAsync(bool? isCartEnabled, bool? isCatalogVisible, CancellationToken cancellationToken);
}

/// <summary>The commerce settings of channels whose upstream keeps them (Meta), or null for Parley's own channels.</summary>
internal interface IRemoteCommerceSettings
{
    IRemoteCommerceSettingsSource? ForChannel(Channel channel);
}

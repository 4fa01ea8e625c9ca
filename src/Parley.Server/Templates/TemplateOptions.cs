using Parley.Core.Templates;

namespace Parley.Server.Templates;

/// <summary>Template management settings (<c>Parley:Templates</c>).</summary>
public sealed record TemplateOptions
{
    /// <summary>Templates a business account may hold (Meta: 250, error 100/2388019).</summary>
    public int MaxPerAccount { get; init; } = TemplateLimits.DefaultMaxTemplatesPerAccount;

    /// <summary>How long the send path may reuse a template it read (other nodes' changes show after this).</summary>
    public int SendCacheMs { get; init; } = 1000;
}

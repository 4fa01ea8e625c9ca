using Parley.Core.Errors;

namespace Parley.Server.Edges;

/// <summary>
/// A dialect's edge: what every call of that dialect goes through before its handler, set once on the route group.
/// It checks what the route names, authorizes the caller's credential for it (before anything else is looked up),
/// reads the body with its size limit, and writes every error in the dialect's own wire format.
/// </summary>
internal interface IDialectEdge
{
    /// <summary>Admits a call, filling <paramref name="call"/>; or returns the refusal to answer instead.</summary>
    ValueTask<IResult?> AdmitAsync(HttpContext context, EdgeCall call, EdgeMetadata edge, BodyMetadata? body);

    /// <summary>An error in the dialect's wire format.</summary>
    IResult Render(WhatsAppError error);
}

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Core.Versions;
using Parley.Storage;

namespace Parley.Server.Edges;

/// <summary>What the edge established for a call (a request feature): the authorized channel or account, and the body.</summary>
internal sealed class EdgeCall
{
    public TokenRecord? Token { get; set; }

    public Channel? Channel { get; set; }

    public BusinessAccount? Account { get; set; }

    /// <summary>The Graph version of the call, when the route has one (the Graph edge checked it is known).</summary>
    public GraphVersion? Version { get; set; }

    /// <summary>The object the route names, when the edge found it (a Graph object by id).</summary>
    public object? Target { get; set; }

    /// <summary>The body read by the edge: a <see cref="JsonDocument"/> or a <see cref="JsonObject"/>, as the dialect reads it.</summary>
    public object? Body { get; set; }

    public static EdgeCall Of(HttpContext context) =>
        context.Features.Get<EdgeCall>() ?? throw new InvalidOperationException($"{context.GetEndpoint()?.DisplayName} has no dialect edge.");

    internal static InvalidOperationException Missing(ParameterInfo parameter, string what) =>
        new($"The edge of this endpoint does not provide {what} for parameter '{parameter.Name}'.");
}

/// <summary>The channel the route names, which the caller's credential reaches (bound from the edge).</summary>
internal sealed record CallerChannel(Channel Value) : IBindableFromHttpContext<CallerChannel>
{
    public static ValueTask<CallerChannel?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<CallerChannel?>(new(EdgeCall.Of(context).Channel ?? throw EdgeCall.Missing(parameter, "a channel")));
}

/// <summary>The business account the route names, which the caller's credential reaches (bound from the edge).</summary>
internal sealed record CallerAccount(BusinessAccount Value) : IBindableFromHttpContext<CallerAccount>
{
    public static ValueTask<CallerAccount?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<CallerAccount?>(new(EdgeCall.Of(context).Account ?? throw EdgeCall.Missing(parameter, "an account")));
}

/// <summary>The Graph version of the call, known to Parley (bound from the Graph edge).</summary>
internal sealed record CallerVersion(GraphVersion Value) : IBindableFromHttpContext<CallerVersion>
{
    public static ValueTask<CallerVersion?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<CallerVersion?>(new(EdgeCall.Of(context).Version ?? throw EdgeCall.Missing(parameter, "a Graph version")));
}

/// <summary>The caller's live token (bound from the edge).</summary>
internal sealed record CallerToken(TokenRecord Value) : IBindableFromHttpContext<CallerToken>
{
    public static ValueTask<CallerToken?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<CallerToken?>(new(EdgeCall.Of(context).Token ?? throw EdgeCall.Missing(parameter, "a token")));
}

/// <summary>The request body as JSON, read once by the edge within its limit (bound from the edge).</summary>
internal sealed record JsonBody(JsonElement Root) : IBindableFromHttpContext<JsonBody>
{
    public static ValueTask<JsonBody?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<JsonBody?>(new(EdgeCall.Of(context).Body is JsonDocument document ? document.RootElement : throw EdgeCall.Missing(parameter, "a JSON body")));
}

/// <summary>
/// The request body as a JSON object that the handler may change, read once by the edge (bound from the edge); a JSON
/// body that is not an object binds as <c>{}</c>.
/// </summary>
internal sealed record JsonObjectBody(JsonObject Value) : IBindableFromHttpContext<JsonObjectBody>
{
    public static ValueTask<JsonObjectBody?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<JsonObjectBody?>(new(EdgeCall.Of(context).Body switch
        {
            JsonObject json => json,
            JsonDocument { RootElement.ValueKind: JsonValueKind.Object } document => JsonObject.Create(document.RootElement)!,
            JsonDocument => [],
            _ => throw EdgeCall.Missing(parameter, "a JSON object body"),
        }));
}

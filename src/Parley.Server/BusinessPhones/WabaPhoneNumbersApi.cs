using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;


namespace Parley.Server.BusinessPhones;

/// <summary>
/// <c>GET /{version}/{waba-id}/phone_numbers</c> (S; digest §5.2): the business account's numbers, <c>fields</c>
/// selection, cursor paging (<c>limit</c> 1–100, default 25; <c>after</c>/<c>before</c>), as
/// <c>{"data":[…],"paging":{"cursors":{"before","after"},"next"?,"previous"?}}</c>. Each number is its source's
/// (<see cref="PhoneNumberSources.ListAsync"/>): a meta channel's as Meta answers it, under the channel's id in Parley.
/// </summary>
internal static class WabaPhoneNumbersApi
{
    /// <summary>S <c>limit</c>: minimum 1, maximum 100, default 25.</summary>
    public const int DefaultLimit = 25, MaxLimit = 100;

    /// <summary>The query of a list call, bound as Graph names it.</summary>
    internal sealed record ListQuery
    {
        public string? Fields { get; init; }

        public string? Limit { get; init; }

        public string? After { get; init; }

        public string? Before { get; init; }
    }

    public static IEndpointRouteBuilder MapWabaPhoneNumbers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{version}/{wabaId}/phone_numbers", ListAsync).WithTags("Cloud API")
            .WithEdge<GraphEdge>(CallerScope.Account("wabaId")).CountsAsManagement("wabaId")
            .WithName("ListPhoneNumbers").WithSummary("List the phone numbers of a WhatsApp Business Account");
        return app;
    }

    private static async Task<Results<GraphJsonResult, Refusal>> ListAsync(
        CallerAccount account, [AsParameters] ListQuery query, HttpRequest request, IAccountStore accounts, PhoneNumberSources sources, CancellationToken cancellationToken)
    {
        var wabaId = account.Value.Id;
        var selected = FieldSelection.Parse(query.Fields, PhoneNumberFields.Known, PhoneNumberFields.NodeType);
        if (!selected.Succeeded)
        {
            return new Refusal(selected.Error);
        }
        var limit = DefaultLimit;
        if (query.Limit is not null && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param limit must be an integer between 1 and {MaxLimit}."));
        }

        var channels = await accounts.ListChannelsAsync(wabaId, cancellationToken);
        var page = Page(channels, query, limit);
        if (page is null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("The paging cursor is not valid for this list."));
        }
        var (start, count) = page.Value;
        var shown = channels.Skip(start).Take(count).ToList();
        var numbers = await sources.ListAsync(wabaId, shown, selected.Value ?? PhoneNumberFields.ListDefaults, cancellationToken);
        if (!numbers.Succeeded)
        {
            return new Refusal(numbers.Error);
        }
        var body = new JsonObject { ["data"] = new JsonArray([.. numbers.Value]) };
        if (shown.Count > 0)
        {
            body["paging"] = GraphPaging.Of(request, Cursor(shown[0]), Cursor(shown[^1]), start > 0, start + count < channels.Count);
        }
        return new GraphJsonResult(body);
    }

    /// <summary>Where the page starts and how many it holds; <c>null</c> for a cursor that names no number of the list.</summary>
    private static (int Start, int Count)? Page(IReadOnlyList<Channel> channels, ListQuery query, int limit)
    {
        if (query.After is { Length: > 0 } after)
        {
            var index = IndexOf(channels, after);
            return index < 0 ? null : (index + 1, Math.Min(limit, channels.Count - index - 1));
        }
        if (query.Before is { Length: > 0 } before)
        {
            var index = IndexOf(channels, before);
            return index < 0 ? null : (Math.Max(0, index - limit), Math.Min(limit, index));
        }
        return (0, Math.Min(limit, channels.Count));
    }

    private static int IndexOf(IReadOnlyList<Channel> channels, string cursor)
    {
        string id;
        try
        {
            id = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
        }
        catch (FormatException)
        {
            return -1;
        }
        for (var i = 0; i < channels.Count; i++)
        {
            if (channels[i].PhoneNumberId == id)
            {
                return i;
            }
        }
        return -1;
    }

    private static string Cursor(Channel channel) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(channel.PhoneNumberId));
}

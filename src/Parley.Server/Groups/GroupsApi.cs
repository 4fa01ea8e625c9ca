using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.Groups;

/// <summary>
/// <c>POST|GET /{version}/{phone-number-id}/groups</c> (Meta, "Group management"; S <c>createGroup</c>, <c>getActiveGroups</c>):
/// create a group (answering the request id; the group id and invite link come in the <c>group_create</c> webhook)
/// and list the number's active groups with cursor paging.
/// </summary>
internal static class GroupsApi
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 1024;

    private static readonly string[] StringFields = ["subject", "description", "join_approval_mode"];

    public static IEndpointRouteBuilder MapGroupsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}/groups").WithTags("Groups")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).CountsAsManagement("phoneNumberId");
        group.MapPost("", CreateAsync).ReadsBody().WithName("CreateGroup").WithSummary("Create a group and get its invite link (in the group_create webhook)");
        group.MapGet("", ListAsync).WithName("ListGroups").WithSummary("A phone number's active groups");
        return app;
    }

    private static async Task<Results<GraphJsonResult, Refusal>> CreateAsync(CallerChannel caller, JsonObjectBody body, GroupManagers managers, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var subject = GroupRules.CheckSubject(PhoneNumberRequest.String(request, "subject"));
        var description = PhoneNumberRequest.String(request, "description") ?? "";
        var mode = PhoneNumberRequest.String(request, "join_approval_mode");
        var error = PhoneNumberRequest.CheckMessagingProduct(request) ?? subject.Error ?? GroupRules.CheckDescription(description)
            ?? GroupRules.CheckJoinApprovalMode(mode) ?? CheckTypes(request);
        if (error is not null)
        {
            return new Refusal(error);
        }
        var created = await managers.ForChannel(caller.Value)
            .CreateAsync(caller.Value, new GroupDraft(subject.Value!, description, mode ?? JoinApprovalModes.AutoApprove), cancellationToken);
        return created.Succeeded
            ? new GraphJsonResult(new JsonObject { ["messaging_product"] = "whatsapp", ["request_id"] = created.Value.RequestId })
            : new Refusal(created.Error);
    }

    private static async Task<Results<GraphJsonResult, Refusal>> ListAsync(
        CallerChannel caller, HttpRequest http, GroupManagers managers, string? limit, string? after, string? before, CancellationToken cancellationToken)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param limit must be an integer between 1 and {MaxLimit}."));
        }
        var page = await managers.ForChannel(caller.Value).ListAsync(caller.Value, size, after, before, cancellationToken);
        if (!page.Succeeded)
        {
            return new Refusal(page.Error);
        }
        var groups = new JsonArray([.. page.Value.Groups.Select(g => (JsonNode)new JsonObject
        {
            ["id"] = g.Id,
            ["subject"] = g.Subject,
            ["created_at"] = g.CreatedAt.ToUnixTimeSeconds(),
        })]);
        var body = new JsonObject { ["data"] = new JsonObject { ["groups"] = groups } };
        if (page.Value.Groups.Count > 0)
        {
            body["paging"] = GraphPaging.Of(http, page.Value.Before!, page.Value.After!, page.Value.HasBefore, page.Value.HasAfter);
        }
        return new GraphJsonResult(body);
    }

    /// <summary>Each of the create call's strings must be a string when present.</summary>
    private static WhatsAppError? CheckTypes(JsonObject request) =>
        StringFields.Where(name => request[name] is not null && PhoneNumberRequest.String(request, name) is null)
            .Select(name => ErrorCatalog.InvalidParameter.With($"Param {name} must be a string."))
            .FirstOrDefault();
}

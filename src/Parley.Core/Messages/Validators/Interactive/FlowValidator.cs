using Parley.Core.Messages.Validation;
using Parley.Core.Versions;

namespace Parley.Core.Messages.Validators.Interactive;

/// <summary>
/// <c>interactive.type: flow</c> — S ActionObject (flow variant); seed003 flows parameters. The flow is named by
/// <c>flow_id</c>, or from v24.0 by exactly one of <c>flow_id</c> and <c>flow_name</c>; before v24.0
/// <c>flow_name</c> is a key the object does not define (code 100).
/// </summary>
internal static class FlowValidator
{
    private static readonly string[] Keys =
        ["flow_message_version", "flow_id", "flow_cta", "mode", "flow_token", "flow_action", "flow_action_payload"];

    private static readonly string[] KeysFromV24 = [.. Keys, "flow_name"];

    public static void Validate(ObjectReader action)
    {
        action.AllowOnly("name", "parameters");
        action.RequiredEnum("name", "flow");
        var byName = GraphVersions.AcceptsFlowName(action.State.Version);
        var parameters = action.RequiredObject("parameters").AllowOnly(byName ? KeysFromV24 : Keys);
        parameters.RequiredEnum("flow_message_version", Limits.FlowMessageVersion);
        if (!byName)
        {
            parameters.RequiredString("flow_id");
        }
        else if (parameters.ExactlyOneOf("flow_id", "flow_name") is { } flowReference)
        {
            parameters.RequiredString(flowReference);
        }
        parameters.RequiredLabel("flow_cta", "Flow CTA", Limits.FlowCtaMaxLength);
        parameters.OptionalEnum("mode", "draft", "published");
        parameters.OptionalString("flow_token");

        var flowAction = parameters.OptionalEnum("flow_action", "navigate", "data_exchange") ?? "navigate";
        if (flowAction != "navigate" && parameters.Has("flow_action_payload"))
        {
            parameters.Invalid($"Param {parameters.ChildPath("flow_action_payload")} is only allowed when flow_action is navigate.");
        }
        var payload = parameters.OptionalObject("flow_action_payload").AllowOnly("screen", "data");
        payload.OptionalString("screen");
        var data = payload.OptionalObject("data");
        if (data.IsPresent && !data.Element.EnumerateObject().Any())
        {
            payload.Invalid($"Param {data.Path} must be a non-empty object.");
        }
    }
}

namespace Parley.Core.Flows.FlowJson;

/// <summary>One Flow JSON component: the properties it must have, the ones it may have, and what its actions may do.</summary>
/// <param name="Type">The component's <c>type</c>.</param>
/// <param name="Required">Properties that must be present (besides <c>type</c>).</param>
/// <param name="Optional">Properties that may be present.</param>
/// <param name="IsInput">Whether the component holds a user's answer under its <c>name</c> (<c>${form.name}</c>).</param>
internal sealed record FlowComponent(string Type, IReadOnlyList<string> Required, IReadOnlyList<string> Optional, bool IsInput)
{
    /// <summary>Whether <paramref name="property"/> may appear on this component.</summary>
    public bool Allows(string property) => property == "type" || Required.Contains(property) || Optional.Contains(property);
}

/// <summary>
/// The Flow JSON catalogue Parley validates against, named once. Sources: Meta's Flow JSON reference
/// (https://developers.facebook.com/docs/whatsapp/flows/reference/flowjson), its components reference
/// (https://developers.facebook.com/docs/whatsapp/flows/reference/components), the static validation errors table
/// (https://developers.facebook.com/docs/whatsapp/flows/reference/error-codes#static-validation-errors) and the
/// supported versions (https://developers.facebook.com/docs/whatsapp/flows/changelogs; AWS End User Messaging's
/// mirror lists 5.1, 6.0–6.3 and 7.0–7.3 as publishable).
/// </summary>
internal static class FlowComponents
{
    /// <summary>Flow JSON versions a flow may declare.</summary>
    public static readonly IReadOnlySet<string> SupportedVersions =
        new HashSet<string>(StringComparer.Ordinal) { "5.1", "6.0", "6.1", "6.2", "6.3", "7.0", "7.1", "7.2", "7.3" };

    /// <summary>Data API versions a flow with an endpoint may declare.</summary>
    public static readonly IReadOnlySet<string> SupportedDataApiVersions = new HashSet<string>(StringComparer.Ordinal) { "3.0" };

    /// <summary>Top-level Flow JSON properties.</summary>
    public static readonly IReadOnlyList<string> TopLevelProperties = ["version", "screens", "data_api_version", "routing_model"];

    /// <summary>Screen properties; <c>id</c> and <c>layout</c> are required.</summary>
    public static readonly IReadOnlyList<string> ScreenProperties = ["id", "title", "terminal", "success", "data", "layout", "refresh_on_back", "sensitive"];

    /// <summary>The one layout Meta offers.</summary>
    public const string SingleColumnLayout = "SingleColumnLayout";

    /// <summary>"SUCCESS" answers a data_exchange that ends the flow, so no screen may take it (compared ignoring case).</summary>
    public const string ReservedScreenId = "success";

    /// <summary>How deep a Flow JSON document may nest before it is rejected as not valid JSON.</summary>
    public const int MaxJsonDepth = 256;

    /// <summary>"Maximum number of screens allowed per Flow is 100".</summary>
    public const int MaxScreens = 100;

    /// <summary>"Number of branches exceeds the max limit of 10".</summary>
    public const int MaxBranches = 10;

    /// <summary>"Maximum number of Footer component allowed per screen is 1".</summary>
    public const int MaxFootersPerScreen = 1;

    /// <summary>"Limit on the count of certain components that be added per screen" (the Footer's is <see cref="MaxFootersPerScreen"/>).</summary>
    public static readonly IReadOnlyList<(string Type, int Max, string Error)> PerScreenLimits =
    [
        ("EmbeddedLink", 2, "MAX_EMBEDDED_LINK_PER_SCREEN"),
        ("Image", 3, "MAX_IMAGE_PER_SCREEN"),
        ("OptIn", 5, "MAX_OPT_IN_PER_SCREEN"),
    ];

    /// <summary>Pairs of bounds where the first may not exceed the second (MIN_VALUE_GREATER_THAN_MAX).</summary>
    public static readonly IReadOnlyList<(string Min, string Max)> MinMaxPairs =
    [
        ("min-chars", "max-chars"),
        ("min-selected-items", "max-selected-items"),
        ("min-uploaded-photos", "max-uploaded-photos"),
        ("min-uploaded-documents", "max-uploaded-documents"),
        ("min-days", "max-days"),
    ];

    /// <summary>Action names a flow may use anywhere.</summary>
    public static readonly IReadOnlyList<string> ActionNames = ["navigate", "complete", "data_exchange", "update_data", "open_url"];

    /// <summary>Properties of an action object.</summary>
    public static readonly IReadOnlyList<string> ActionProperties = ["name", "next", "payload", "url"];

    /// <summary>The actions each action-carrying property accepts, by component type (INVALID_ENUM_VALUE otherwise).</summary>
    public static IReadOnlyList<string> ActionsFor(string componentType, string property) => (componentType, property) switch
    {
        ("Footer", "on-click-action") => ["complete", "data_exchange", "navigate"],
        ("EmbeddedLink", "on-click-action") or ("OptIn", "on-click-action") => ["data_exchange", "navigate", "open_url"],
        (_, "on-click-action") => ["data_exchange", "navigate"],
        (_, "on-select-action") => ["data_exchange", "update_data"],
        (_, "on-unselect-action") => ["update_data"],
        _ => [],
    };

    /// <summary>Properties that hold an action.</summary>
    public static readonly IReadOnlyList<string> ActionPropertyNames = ["on-click-action", "on-select-action", "on-unselect-action"];

    private static readonly string[] Selection = ["required", "visible", "enabled", "init-value", "error-message", "on-select-action", "on-unselect-action"];

    private static readonly Dictionary<string, FlowComponent> Catalogue = new FlowComponent[]
    {
        new("TextHeading", ["text"], ["visible"], false),
        new("TextSubheading", ["text"], ["visible"], false),
        new("TextBody", ["text"], ["font-weight", "strikethrough", "markdown", "visible"], false),
        new("TextCaption", ["text"], ["font-weight", "strikethrough", "markdown", "visible"], false),
        new("RichText", ["text"], ["visible"], false),
        new("TextInput", ["name", "label"], ["input-type", "pattern", "required", "min-chars", "max-chars", "helper-text", "enabled", "visible", "init-value", "error-message", "label-variant"], true),
        new("TextArea", ["name", "label"], ["required", "max-length", "helper-text", "enabled", "visible", "init-value", "error-message", "label-variant"], true),
        new("CheckboxGroup", ["name", "data-source"], ["label", "description", "min-selected-items", "max-selected-items", "media-size", .. Selection], true),
        new("RadioButtonsGroup", ["name", "data-source"], ["label", "description", "media-size", .. Selection], true),
        new("Dropdown", ["name", "label", "data-source"], Selection, true),
        new("ChipsSelector", ["name", "label", "data-source"], ["description", "min-selected-items", "max-selected-items", .. Selection], true),
        new("DatePicker", ["name", "label"], ["min-date", "max-date", "unavailable-dates", "helper-text", "required", "visible", "enabled", "init-value", "error-message", "on-select-action"], true),
        new("CalendarPicker", ["name", "label"], ["title", "description", "mode", "min-date", "max-date", "unavailable-dates", "include-days", "min-days", "max-days", "helper-text", "required", "visible", "enabled", "init-value", "error-message", "on-select-action"], true),
        new("OptIn", ["name", "label"], ["required", "visible", "init-value", "on-click-action", "on-select-action", "on-unselect-action"], true),
        new("PhotoPicker", ["name", "label"], ["description", "photo-source", "max-file-size-kb", "min-uploaded-photos", "max-uploaded-photos", "enabled", "visible", "error-message"], true),
        new("DocumentPicker", ["name", "label"], ["description", "max-file-size-kb", "min-uploaded-documents", "max-uploaded-documents", "allowed-mime-types", "enabled", "visible", "error-message"], true),
        new("EmbeddedLink", ["text", "on-click-action"], ["visible"], false),
        new("Footer", ["label", "on-click-action"], ["left-caption", "center-caption", "right-caption", "enabled"], false),
        new("Image", ["src"], ["width", "height", "scale-type", "aspect-ratio", "alt-text", "visible"], false),
        new("ImageCarousel", ["images"], ["aspect-ratio", "scale-type", "visible"], false),
        new("NavigationList", ["name", "list-items"], ["label", "description", "media-size", "on-click-action"], false),
        new("Form", ["name", "children"], ["init-values", "error-messages"], false),
        new("If", ["condition", "then"], ["else"], false),
        new("Switch", ["value", "cases"], [], false),
    }.ToDictionary(c => c.Type, StringComparer.Ordinal);

    /// <summary>The component named <paramref name="type"/>, or null when Meta has none by that name.</summary>
    public static FlowComponent? Find(string type) => Catalogue.GetValueOrDefault(type);
}

using System.Collections.Frozen;
using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators.Interactive;

/// <summary>
/// <c>type: interactive</c> — S InteractiveObject, BodyObject, FooterObject; digest §1.5. Each interactive type
/// declares which header, body and footer it takes; its <c>action</c> has a validator of its own.
/// </summary>
internal static class InteractiveValidator
{
    private static readonly string[] AnyHeader = HeaderValidator.AllTypes;
    private static readonly string[] TextHeader = ["text"];
    private static readonly string[] NoHeader = [];

    /// <summary>What an interactive type allows around its action.</summary>
    private sealed record Shape(string[] HeaderTypes, bool HeaderRequired, bool BodyRequired, int BodyMaxLength, bool FooterAllowed, Action<ObjectReader> ValidateAction);

    private static readonly (string Type, Shape Shape)[] Types =
    [
        ("button", new(AnyHeader, false, true, Limits.BodyTextMaxLength, true, ReplyButtonsValidator.Validate)),
        // List messages support a text header only (M:interactive-list-messages).
        ("list", new(TextHeader, false, true, Limits.ListBodyTextMaxLength, true, ListValidator.Validate)),
        // "You cannot set a header if your interactive object is of product type" (seed003); body is optional.
        ("product", new(NoHeader, false, false, Limits.BodyTextMaxLength, true, ProductValidator.ValidateSingle)),
        // Multi-product messages require a text header (S HeaderObject, seed003).
        ("product_list", new(TextHeader, true, true, Limits.BodyTextMaxLength, true, ProductValidator.ValidateMulti)),
        ("catalog_message", new(NoHeader, false, true, Limits.BodyTextMaxLength, true, ProductValidator.ValidateCatalog)),
        ("flow", new(AnyHeader, false, true, Limits.BodyTextMaxLength, true, FlowValidator.Validate)),
        ("cta_url", new(AnyHeader, false, true, Limits.BodyTextMaxLength, true, NamedActionValidator.ValidateCtaUrl)),
        ("location_request_message", new(NoHeader, false, true, Limits.BodyTextMaxLength, true, NamedActionValidator.ValidateLocationRequest)),
        ("address_message", new(AnyHeader, false, true, Limits.BodyTextMaxLength, true, AddressMessageValidator.Validate)),
        // "Main message headers, footers, and interactive components are not supported" (carousel docs).
        ("carousel", new(NoHeader, false, true, Limits.BodyTextMaxLength, false, CarouselValidator.Validate)),
        ("call_permission_request", new(NoHeader, false, true, Limits.BodyTextMaxLength, true, NamedActionValidator.ValidateCallPermission)),
        // India payments (S examples "Send Order Details/Status Message"; Meta, "Payments API India").
        ("order_details", new(AnyHeader, false, true, Limits.BodyTextMaxLength, true, NamedActionValidator.ValidateOrderDetails)),
        ("order_status", new(NoHeader, false, true, Limits.BodyTextMaxLength, true, NamedActionValidator.ValidateOrderStatus)),
    ];

    private static readonly string[] TypeNames = [.. Types.Select(entry => entry.Type)];

    private static readonly FrozenDictionary<string, Shape> Shapes =
        Types.ToFrozenDictionary(entry => entry.Type, entry => entry.Shape, StringComparer.Ordinal);

    public static void Validate(ObjectReader message)
    {
        var interactive = message.RequiredObject("interactive").AllowOnly("type", "header", "body", "footer", "action");
        var type = interactive.RequiredEnum("type", TypeNames);
        if (type is null)
        {
            return;
        }
        var shape = Shapes[type];
        ValidateHeader(interactive, type, shape);

        var body = shape.BodyRequired ? interactive.RequiredObject("body") : interactive.OptionalObject("body");
        body.AllowOnly("text").RequiredString("text", shape.BodyMaxLength);

        if (!shape.FooterAllowed && interactive.Has("footer"))
        {
            interactive.Invalid($"A footer is not supported for interactive type {type}.");
        }
        interactive.OptionalObject("footer").AllowOnly("text").RequiredString("text", Limits.FooterTextMaxLength);

        shape.ValidateAction(interactive.RequiredObject("action"));
    }

    private static void ValidateHeader(ObjectReader interactive, string type, Shape shape)
    {
        if (!interactive.Has("header"))
        {
            if (shape.HeaderRequired)
            {
                interactive.Missing("header");
            }
            return;
        }
        if (shape.HeaderTypes.Length == 0)
        {
            interactive.Invalid($"A header is not supported for interactive type {type}.");
            return;
        }
        HeaderValidator.Validate(interactive.RequiredObject("header"), shape.HeaderTypes, $"interactive type {type}");
    }
}

using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators.Interactive;

/// <summary>Interactive types whose action is a <c>name</c> with optional <c>parameters</c> (digest §1.5).</summary>
internal static class NamedActionValidator
{
    /// <summary><c>cta_url</c> — M:messages/interactive-cta-url-messages; also the URL button of carousel cards.</summary>
    public static void ValidateCtaUrl(ObjectReader action)
    {
        action.AllowOnly("name", "parameters");
        action.RequiredEnum("name", "cta_url");
        var parameters = action.RequiredObject("parameters").AllowOnly("display_text", "url");
        parameters.RequiredLabel("display_text", "Button text", Limits.CtaUrlDisplayTextMaxLength);
        parameters.RequiredUrl("url");
    }

    /// <summary><c>location_request_message</c> — M:messages/location-request-messages.</summary>
    public static void ValidateLocationRequest(ObjectReader action)
    {
        action.AllowOnly("name");
        action.RequiredEnum("name", "send_location");
    }

    /// <summary><c>call_permission_request</c> — S ActionObject.</summary>
    public static void ValidateCallPermission(ObjectReader action)
    {
        action.AllowOnly("name");
        action.RequiredEnum("name", "call_permission_request");
    }

    /// <summary><c>order_details</c> — S example "Send Order Details Message"; the order by Meta's rules (<see cref="OrderDetailsValidator"/>).</summary>
    public static void ValidateOrderDetails(ObjectReader action)
    {
        action.AllowOnly("name", "parameters");
        action.RequiredEnum("name", "review_and_pay");
        OrderDetailsValidator.Validate(action.RequiredObject("parameters"));
    }

    /// <summary>
    /// <c>order_status</c> — S example "Send Order Status Message"; Meta, "Payments API India": the order's new status
    /// (pending, processing, partially-shipped, shipped, completed or canceled) with an optional description of at most
    /// 120 characters, for the <c>reference_id</c> of an order details message.
    /// </summary>
    public static void ValidateOrderStatus(ObjectReader action)
    {
        action.AllowOnly("name", "parameters");
        action.RequiredEnum("name", "review_order");
        var parameters = action.RequiredObject("parameters").AllowOnly("reference_id", "order");
        parameters.RequiredString("reference_id");
        var order = parameters.RequiredObject("order").AllowOnly("status", "description");
        order.RequiredEnum("status", "pending", "processing", "partially-shipped", "shipped", "completed", "canceled");
        order.OptionalString("description", Limits.OrderStatusDescriptionMaxLength);
    }
}

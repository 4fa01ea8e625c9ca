using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators.Interactive;

/// <summary>
/// The order of an India order details message — Meta, "Payments API India" (the <c>order_details</c> message and
/// the order details template's <c>order_details</c> button parameter share it): a <c>reference_id</c> of letters,
/// digits, <c>_ - .</c> (at most 35), goods <c>type</c>, how to pay, <c>currency</c> INR only, every amount
/// <c>{value, offset: 100}</c>, an order <c>pending</c> with 1–999 items; the subtotal is the sum of each item's price
/// (its <c>sale_amount</c> when given, which must be below its <c>amount</c>) times its quantity, and the total is
/// subtotal + tax + shipping − discount. Meta refuses an order that does not add up (131009).
/// </summary>
internal static class OrderDetailsValidator
{
    private static readonly string[] Keys =
        ["reference_id", "type", "payment_type", "payment_configuration", "payment_settings", "currency", "total_amount", "order"];
    private static readonly string[] OrderKeys = ["status", "catalog_id", "expiration", "items", "subtotal", "tax", "shipping", "discount"];
    private static readonly string[] ItemKeys =
        ["retailer_id", "product_id", "name", "amount", "sale_amount", "quantity", "country_of_origin", "importer_name", "importer_address"];
    private static readonly string[] Gateways = ["billdesk", "razorpay", "payu", "zaakpay"];

    /// <summary><c>action.parameters</c> of <c>review_and_pay</c>, or a template button's <c>action.order_details</c>.</summary>
    public static void Validate(ObjectReader parameters)
    {
        parameters.AllowOnly(Keys);
        ValidateReferenceId(parameters);
        parameters.RequiredEnum("type", "digital-goods", "physical-goods");
        parameters.OptionalEnum("payment_type", "upi");
        parameters.OptionalString("payment_configuration");
        foreach (var setting in parameters.OptionalArray("payment_settings", 1).Objects())
        {
            ValidatePaymentSetting(setting);
        }
        parameters.RequiredEnum("currency", "INR");
        var total = Amount(parameters.RequiredObject("total_amount"));

        var order = parameters.RequiredObject("order").AllowOnly(OrderKeys);
        order.RequiredEnum("status", "pending");
        order.OptionalString("catalog_id");
        var expiration = order.OptionalObject("expiration").AllowOnly("timestamp", "description");
        var timestamp = expiration.RequiredString("timestamp");
        if (timestamp is not null && !timestamp.All(char.IsAsciiDigit))
        {
            expiration.Invalid($"Param {expiration.ChildPath("timestamp")} must be a UTC timestamp in seconds.");
        }
        expiration.OptionalString("description");
        var itemsTotal = Items(order.RequiredArray("items", Limits.OrderItemsMin, Limits.OrderItemsMax), order.State);
        var subtotal = Amount(order.RequiredObject("subtotal"));
        var tax = Amount(order.RequiredObject("tax"), "description");
        var shipping = Amount(order.OptionalObject("shipping"), "description") ?? 0;
        var discount = Amount(order.OptionalObject("discount"), "description", "discount_program_name") ?? 0;
        order.OptionalObject("discount").OptionalLabel("discount_program_name", "Discount program name", Limits.OrderItemNameMaxLength);
        if (itemsTotal is { } items && subtotal is { } given && items != given)
        {
            order.Invalid($"Invalid subtotal: {order.ChildPath("subtotal")}.value ({given}) must equal the sum of each item's amount (or sale_amount) times its quantity ({items}).");
        }
        if (total is { } stated && subtotal is { } sub && tax is { } taxes && (Int128)sub + taxes + shipping - discount is var expected && stated != expected)
        {
            parameters.Invalid($"Invalid total amount: {parameters.ChildPath("total_amount")}.value ({stated}) must equal subtotal + tax + shipping - discount ({expected}).");
        }
    }

    private static void ValidateReferenceId(ObjectReader parameters)
    {
        var referenceId = parameters.RequiredString("reference_id");
        if (referenceId is not null && (referenceId.Length > Limits.OrderReferenceIdMaxLength || !referenceId.All(IsReferenceCharacter)))
        {
            parameters.Invalid($"Param {parameters.ChildPath("reference_id")} may contain only English letters, numbers, underscores, dashes and dots, " +
                $"at most {Limits.OrderReferenceIdMaxLength} characters.");
        }
    }

    private static bool IsReferenceCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    /// <summary>A payment gateway configured in WhatsApp Manager, or a payment link.</summary>
    private static void ValidatePaymentSetting(ObjectReader setting)
    {
        setting.AllowOnly("type", "payment_gateway", "payment_link");
        switch (setting.RequiredEnum("type", "payment_gateway", "payment_link"))
        {
            case "payment_gateway":
                var gateway = setting.RequiredObject("payment_gateway").AllowOnly([.. Gateways, "type", "configuration_name"]);
                gateway.RequiredEnum("type", Gateways);
                gateway.RequiredString("configuration_name");
                break;
            case "payment_link":
                setting.RequiredObject("payment_link").AllowOnly("uri").RequiredUrl("uri");
                break;
        }
    }

    /// <summary>The items' subtotal (price × quantity, in paise), or null when an item was invalid.</summary>
    private static Int128? Items(ArrayReader items, ValidationState state)
    {
        Int128 sum = 0;
        foreach (var item in items.Objects())
        {
            item.AllowOnly(ItemKeys);
            item.RequiredString("retailer_id");
            item.OptionalString("product_id");
            item.RequiredLabel("name", "Item name", Limits.OrderItemNameMaxLength);
            var amount = Amount(item.RequiredObject("amount"));
            var sale = Amount(item.OptionalObject("sale_amount"));
            if (sale is not null && amount is not null && sale >= amount)
            {
                item.Invalid($"Param {item.ChildPath("sale_amount")} must be less than the item's amount.");
            }
            var quantity = item.RequiredInteger("quantity", 1, int.MaxValue);
            item.OptionalString("country_of_origin");
            item.OptionalString("importer_name");
            item.OptionalObject("importer_address");
            if ((sale ?? amount) is not { } price || quantity is not { } count)
            {
                return null;
            }
            sum += (Int128)price * count;
        }
        return items.IsPresent && !state.Failed ? sum : null;
    }

    /// <summary>An amount <c>{value, offset: 100}</c> (plus the <paramref name="extra"/> keys it may carry); its value, or null.</summary>
    private static long? Amount(ObjectReader amount, params ReadOnlySpan<string> extra)
    {
        if (!amount.IsPresent)
        {
            return null;
        }
        amount.AllowOnly([.. extra, "value", "offset"]);
        var value = amount.RequiredInteger("value", 0, long.MaxValue);
        var offset = amount.RequiredInteger("offset", long.MinValue, long.MaxValue);
        if (offset is not null && offset != Limits.OrderAmountOffset)
        {
            amount.Invalid($"Param {amount.ChildPath("offset")} must be {Limits.OrderAmountOffset}: amounts are in paise (INR).");
        }
        foreach (var key in extra)
        {
            amount.OptionalString(key);
        }
        return amount.State.Failed ? null : value;
    }
}

using Parley.Core.Errors;
using Parley.Core.Messages.Validation;
using Parley.Core.Messages.Validators.Interactive;

namespace Parley.Core.Messages.Validators.Template;

/// <summary>
/// One entry of a template component's <c>parameters</c> — S TextParameter, CurrencyParameter, DateTimeParameter,
/// media parameters, ButtonParameterObject; digest §1.6 parameter table.
/// </summary>
internal static class TemplateParameterValidator
{
    /// <summary>S DateTimeObject has no <c>additionalProperties: false</c>; its examples carry these localisation fields.</summary>
    private static readonly string[] DateTimeKeys =
        ["fallback_value", "calendar", "day_of_month", "day_of_week", "hour", "minute", "month", "year", "timestamp"];

    public static void Validate(ObjectReader parameter, string[] allowedTypes)
    {
        var type = parameter.RequiredEnum("type", allowedTypes);
        switch (type)
        {
            case "text":
                parameter.AllowOnly("type", "text", "parameter_name");
                ValidateText(parameter);
                parameter.OptionalString("parameter_name");
                break;
            case "currency":
                parameter.AllowOnly("type", "currency", "parameter_name");
                ValidateCurrency(parameter.RequiredObject("currency"));
                parameter.OptionalString("parameter_name");
                break;
            case "date_time":
                parameter.AllowOnly("type", "date_time", "parameter_name");
                parameter.RequiredObject("date_time").AllowOnly(DateTimeKeys).RequiredString("fallback_value");
                parameter.OptionalString("parameter_name");
                break;
            case "image" or "video" or "document":
                parameter.AllowOnly("type", type);
                MediaValidator.ValidateNested(parameter.RequiredObject(type), type);
                break;
            case "product":
                // A product card carousel template's card header (M:templates/marketing-templates/product-card-carousel-templates).
                parameter.AllowOnly("type", "product");
                var product = parameter.RequiredObject("product").AllowOnly("product_retailer_id", "catalog_id");
                product.RequiredString("product_retailer_id");
                product.RequiredString("catalog_id");
                break;
            case "location":
                parameter.AllowOnly("type", "location");
                LocationValidator.ValidateLocation(parameter.RequiredObject("location"));
                break;
            case "payload":
                parameter.AllowOnly("type", "payload").RequiredString("payload");
                break;
            case "coupon_code":
                parameter.AllowOnly("type", "coupon_code").RequiredString("coupon_code", Limits.CouponCodeMaxLength);
                break;
            case "action":
                parameter.AllowOnly("type", "action");
                ValidateAction(parameter.RequiredObject("action"));
                break;
            case "limited_time_offer":
                parameter.AllowOnly("type", "limited_time_offer");
                parameter.RequiredObject("limited_time_offer").AllowOnly("expiration_time_ms").RequiredInteger("expiration_time_ms", 0, long.MaxValue);
                break;
        }
    }

    /// <summary>
    /// Meta answers a missing or empty text parameter with code 100 and these words (digest §7.2, frappe_whatsapp#43),
    /// not 131008: the one observed exception to the missing-parameter rule.
    /// </summary>
    private static void ValidateText(ObjectReader parameter)
    {
        if (parameter.IsBlank("text"))
        {
            parameter.Fail(ErrorCatalog.InvalidParameter, "Parameter 'text' is mandatory for component parameter type 'text'");
        }
        parameter.RequiredString("text", Limits.TemplateTextParameterMaxLength);
    }

    private static void ValidateCurrency(ObjectReader currency)
    {
        currency.AllowOnly("fallback_value", "code", "amount_1000");
        currency.RequiredString("fallback_value");
        var code = currency.RequiredString("code");
        if (code is not null && (code.Length != 3 || !code.All(char.IsAsciiLetterUpper)))
        {
            currency.Invalid($"Param {currency.ChildPath("code")} must be an ISO 4217 currency code such as USD.");
        }
        currency.RequiredInteger("amount_1000", long.MinValue, long.MaxValue);
    }

    /// <summary>Catalog, multi-product, flow and order details buttons (S examples; seed004 MPM; Meta, "Payments API India").</summary>
    private static void ValidateAction(ObjectReader action)
    {
        action.AllowOnly("thumbnail_product_retailer_id", "sections", "flow_token", "flow_action_data", "order_details");
        OrderDetailsValidator.Validate(action.OptionalObject("order_details"));
        action.OptionalString("thumbnail_product_retailer_id");
        ProductValidator.ValidateSections(action.OptionalArray("sections", Limits.ProductSectionsMin, Limits.ProductSectionsMax));
        action.OptionalString("flow_token");
        action.OptionalObject("flow_action_data");
    }
}

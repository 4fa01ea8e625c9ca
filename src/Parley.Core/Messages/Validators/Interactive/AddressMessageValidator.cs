using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators.Interactive;

/// <summary>
/// <c>interactive.type: address_message</c> — seed004 "Address Messages": <c>country</c> is mandatory (IN or SG),
/// and <c>values</c>, <c>saved_addresses[].value</c> and <c>validation_errors</c> only take the fields that country
/// supports ("Address messages will not allow simultaneous passing of conflicting fields").
/// </summary>
internal static class AddressMessageValidator
{
    private static readonly string[] CommonFields = ["name", "phone_number", "address", "city"];
    private static readonly string[] IndiaFields = ["in_pin_code", "house_number", "floor_number", "tower_number", "building_name", "landmark_area", "state"];
    private static readonly string[] SingaporeFields = ["sg_post_code", "unit_number"];
    private static readonly string[] AllFields = [.. CommonFields, .. IndiaFields, .. SingaporeFields];

    public static void Validate(ObjectReader action)
    {
        action.AllowOnly("name", "parameters");
        action.RequiredEnum("name", "address_message");
        var parameters = action.RequiredObject("parameters").AllowOnly("country", "values", "saved_addresses", "validation_errors");
        var country = parameters.RequiredEnum("country", "IN", "SG");
        if (country is null)
        {
            return;
        }
        ValidateFields(parameters.OptionalObject("values"), country, holdsErrorMessages: false);
        foreach (var saved in parameters.OptionalArray("saved_addresses").Objects())
        {
            saved.AllowOnly("id", "value");
            saved.RequiredString("id");
            ValidateFields(saved.RequiredObject("value"), country, holdsErrorMessages: false);
        }
        ValidateFields(parameters.OptionalObject("validation_errors"), country, holdsErrorMessages: true);
    }

    /// <summary>Address fields keyed by name; <c>validation_errors</c> holds messages, so its values have no field limits.</summary>
    private static void ValidateFields(ObjectReader fields, string country, bool holdsErrorMessages)
    {
        fields.AllowOnly(AllFields);
        var otherCountryFields = country == "IN" ? SingaporeFields : IndiaFields;
        foreach (var field in otherCountryFields)
        {
            if (fields.Has(field))
            {
                fields.Invalid($"Param {fields.ChildPath(field)} is not supported for country {country}.");
            }
        }
        foreach (var field in AllFields)
        {
            var isPostCode = field is "in_pin_code" or "sg_post_code";
            fields.OptionalString(field, isPostCode && !holdsErrorMessages ? Limits.AddressPostCodeMaxLength : int.MaxValue);
        }
    }
}

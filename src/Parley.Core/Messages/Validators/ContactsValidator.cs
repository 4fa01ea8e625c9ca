using System.Globalization;
using Parley.Core.Errors;
using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators;

/// <summary><c>type: contacts</c> — S ContactsMessage, ContactObject and its nested objects; seed003.</summary>
internal static class ContactsValidator
{
    private static readonly string[] HomeOrWork = ["HOME", "WORK"];

    /// <summary>The spec lists HOME|WORK; Meta's contacts reference also documents CELL, MAIN and IPHONE for phones.</summary>
    private static readonly string[] PhoneTypes = ["HOME", "WORK", "CELL", "MAIN", "IPHONE"];

    private static readonly string[] NameParts = ["first_name", "last_name", "middle_name", "suffix", "prefix"];

    private static readonly string[] AddressFields = ["street", "city", "state", "zip", "country", "country_code"];

    public static void Validate(ObjectReader message)
    {
        var contacts = message.RequiredArray("contacts", Limits.ContactsMin, Limits.ContactsMax);
        foreach (var contact in contacts.Objects())
        {
            contact.AllowOnly("addresses", "birthday", "emails", "name", "org", "phones", "urls");
            ValidateName(contact.RequiredObject("name"));
            ValidateBirthday(contact);
            foreach (var address in contact.OptionalArray("addresses").Objects())
            {
                address.AllowOnly([.. AddressFields, "type"]);
                foreach (var field in AddressFields)
                {
                    address.OptionalString(field);
                }
                address.OptionalEnum("type", HomeOrWork);
            }
            ValidateTypedValues(contact.OptionalArray("emails"), "email", HomeOrWork);
            ValidateTypedValues(contact.OptionalArray("urls"), "url", HomeOrWork);
            foreach (var phone in contact.OptionalArray("phones").Objects())
            {
                phone.AllowOnly("phone", "type", "wa_id");
                phone.RequiredString("phone");
                phone.OptionalEnum("type", PhoneTypes);
                phone.OptionalString("wa_id");
            }
            var org = contact.OptionalObject("org").AllowOnly("company", "department", "title");
            org.OptionalString("company");
            org.OptionalString("department");
            org.OptionalString("title");
        }
    }

    /// <summary>Entries such as <c>{"email": …, "type": "WORK"}</c>: the value is required, the type optional.</summary>
    private static void ValidateTypedValues(ArrayReader entries, string valueKey, string[] types)
    {
        foreach (var entry in entries.Objects())
        {
            entry.AllowOnly(valueKey, "type");
            entry.RequiredString(valueKey);
            entry.OptionalEnum("type", types);
        }
    }

    /// <summary><c>formatted_name</c> is required, "along with at least one of the optional parameters" (seed003).</summary>
    private static void ValidateName(ObjectReader name)
    {
        name.AllowOnly(["formatted_name", .. NameParts]);
        name.RequiredString("formatted_name");
        var hasPart = false;
        foreach (var part in NameParts)
        {
            hasPart |= name.OptionalString(part) is { Length: > 0 };
        }
        if (!hasPart)
        {
            name.Fail(ErrorCatalog.RequiredParameterMissing, $"The parameter {name.Path} requires at least one of {string.Join(", ", NameParts)} besides formatted_name.");
        }
    }

    private static void ValidateBirthday(ObjectReader contact)
    {
        var birthday = contact.OptionalString("birthday");
        if (birthday is not null && !DateOnly.TryParseExact(birthday, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            contact.Invalid($"Param {contact.ChildPath("birthday")} must be a date in YYYY-MM-DD format.");
        }
    }
}

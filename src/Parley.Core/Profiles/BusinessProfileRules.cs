using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Core.Errors;
using Parley.Core.Messages.Validation;

namespace Parley.Core.Profiles;

/// <summary>
/// Reads <c>POST /{version}/{phone-number-id}/whatsapp_business_profile</c> (digest §5.3): <c>messaging_product</c> must
/// be <c>"whatsapp"</c>; every other field is optional (a partial update) and checked against
/// <see cref="BusinessProfileLimits"/>. A field Meta does not define is code 100; a bad profile picture handle is
/// Meta's 422/100 "The profile picture handle is invalid or expired".
/// </summary>
public static partial class BusinessProfileRules
{
    private static readonly HashSet<string> Writable = new(StringComparer.Ordinal)
    {
        "messaging_product", "about", "address", "description", "email", "vertical", "websites", "profile_picture_handle",
    };

    /// <summary>An address with one <c>@</c>, no spaces, and a dotted domain (M: "Email must be in valid email format").</summary>
    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex EmailPattern();

    /// <summary>A Resumable Upload API handle: <c>&lt;digits&gt;:&lt;base64 mime&gt;:&lt;token&gt;</c>, e.g. <c>4::aW1hZ2UvanBlZw==:ARb…</c>.</summary>
    [GeneratedRegex(@"^[0-9]+::?[A-Za-z0-9+/=]+:[A-Za-z0-9+/=_:\-]+$")]
    private static partial Regex UploadHandlePattern();

    public static Outcome<BusinessProfileUpdate> ParseUpdate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ErrorCatalog.InvalidParameter.With("The request body must be a JSON object.");
        }
        if (!body.TryGetProperty("messaging_product", out var product) || product.ValueKind == JsonValueKind.Null)
        {
            return ErrorCatalog.InvalidParameter.With("The parameter messaging_product is required.");
        }
        if (product.ValueKind != JsonValueKind.String || product.GetString() != "whatsapp")
        {
            return ErrorCatalog.InvalidParameter.With("Param messaging_product must be \"whatsapp\".");
        }
        foreach (var property in body.EnumerateObject())
        {
            if (!Writable.Contains(property.Name))
            {
                return ErrorCatalog.InvalidParameter.With($"Param {property.Name} is not a field of the business profile.");
            }
        }

        var about = Text(body, "about", out var error);
        if (error is not null)
        {
            return error;
        }
        if (about is not null && (about.Trim().Length < BusinessProfileLimits.AboutMinLength || TextLength.Exceeds(about, BusinessProfileLimits.AboutMaxLength)))
        {
            return ErrorCatalog.InvalidParameter.With(
                $"Param about must be between {BusinessProfileLimits.AboutMinLength} and {BusinessProfileLimits.AboutMaxLength} characters long.");
        }
        var address = Text(body, "address", out error);
        if (error is not null || TooLong(address, "address", BusinessProfileLimits.AddressMaxLength, out error))
        {
            return error!;
        }
        var description = Text(body, "description", out error);
        if (error is not null || TooLong(description, "description", BusinessProfileLimits.DescriptionMaxLength, out error))
        {
            return error!;
        }
        var email = Text(body, "email", out error);
        if (error is not null || TooLong(email, "email", BusinessProfileLimits.EmailMaxLength, out error))
        {
            return error!;
        }
        if (email is { Length: > 0 } && !EmailPattern().IsMatch(email))
        {
            return ErrorCatalog.InvalidParameter.With("Param email must be a valid email address.");
        }
        var vertical = Text(body, "vertical", out error);
        if (error is not null)
        {
            return error;
        }
        if (vertical is { Length: 0 })
        {
            vertical = BusinessProfile.Empty.Vertical;
        }
        if (vertical is not null && !BusinessProfileLimits.Verticals.Contains(vertical))
        {
            return ErrorCatalog.InvalidParameter.With($"Param vertical must be one of {{{string.Join(", ", BusinessProfileLimits.Verticals)}}}.");
        }
        var websites = Websites(body, out error);
        if (error is not null)
        {
            return error;
        }
        var handle = Text(body, "profile_picture_handle", out error);
        if (error is not null)
        {
            return error;
        }
        if (handle is { Length: > 0 } && !UploadHandlePattern().IsMatch(handle))
        {
            return ErrorCatalog.InvalidProfilePictureHandle.With("The profile picture handle is invalid or expired.");
        }
        return new BusinessProfileUpdate(about, address, description, email, vertical, websites, handle);
    }

    private static string? Text(JsonElement body, string name, out WhatsAppError? error)
    {
        error = null;
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            error = ErrorCatalog.InvalidParameter.With($"Param {name} must be a string.");
            return null;
        }
        return value.GetString();
    }

    private static bool TooLong(string? value, string name, int maxLength, out WhatsAppError? error)
    {
        error = value is not null && TextLength.Exceeds(value, maxLength)
            ? ErrorCatalog.InvalidParameter.With($"Param {name} must be at most {maxLength} characters long.")
            : null;
        return error is not null;
    }

    private static List<string>? Websites(JsonElement body, out WhatsAppError? error)
    {
        error = null;
        if (!body.TryGetProperty("websites", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            // A form-encoded body carries the array as JSON text.
            try
            {
                using var parsed = JsonDocument.Parse(value.GetString()!);
                return Websites(parsed.RootElement, out error, "websites");
            }
            catch (JsonException)
            {
                error = ErrorCatalog.InvalidParameter.With("Param websites must be an array of URLs.");
                return null;
            }
        }
        return Websites(value, out error, "websites");
    }

    private static List<string>? Websites(JsonElement array, out WhatsAppError? error, string name)
    {
        error = null;
        if (array.ValueKind != JsonValueKind.Array)
        {
            error = ErrorCatalog.InvalidParameter.With($"Param {name} must be an array of URLs.");
            return null;
        }
        if (array.GetArrayLength() > BusinessProfileLimits.MaxWebsites)
        {
            error = ErrorCatalog.InvalidParameter.With($"Param {name} must have at most {BusinessProfileLimits.MaxWebsites} elements.");
            return null;
        }
        var websites = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var url = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (url is null || !(url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                || !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                error = ErrorCatalog.InvalidParameter.With($"Param {name}[{index}] must be a URL starting with http:// or https://.");
                return null;
            }
            if (TextLength.Exceeds(url, BusinessProfileLimits.WebsiteMaxLength))
            {
                error = ErrorCatalog.InvalidParameter.With($"Param {name}[{index}] must be at most {BusinessProfileLimits.WebsiteMaxLength} characters long.");
                return null;
            }
            websites.Add(url);
            index++;
        }
        return websites;
    }
}

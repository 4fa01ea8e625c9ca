using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators;

/// <summary><c>type: location</c> — S LocationMessage; seed003; also template location header parameters (seed004).</summary>
internal static class LocationValidator
{
    public static void Validate(ObjectReader message) => ValidateLocation(message.RequiredObject("location"));

    public static void ValidateLocation(ObjectReader location)
    {
        location.AllowOnly("latitude", "longitude", "name", "address");
        location.RequiredNumber("latitude", Limits.LatitudeMin, Limits.LatitudeMax);
        location.RequiredNumber("longitude", Limits.LongitudeMin, Limits.LongitudeMax);
        location.OptionalString("name");
        location.OptionalString("address");
    }
}

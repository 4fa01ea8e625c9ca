namespace Parley.Core.Tests.Messages;

public class LocationTests
{
    [Theory]
    [InlineData("-90", "-180")]
    [InlineData("90", "180")]
    [InlineData("0", "0")]
    [InlineData("\"37.483307\"", "\"-122.148981\"")]
    public void CoordinatesWithinRangeAreAccepted(string latitude, string longitude) =>
        Samples.Location.With("location.latitude", latitude).With("location.longitude", longitude).ShouldSend();

    [Theory]
    [InlineData("location.latitude", "90.0001", "Param location['latitude'] must be between -90 and 90.")]
    [InlineData("location.latitude", "-91", "Param location['latitude'] must be between -90 and 90.")]
    [InlineData("location.longitude", "180.5", "Param location['longitude'] must be between -180 and 180.")]
    [InlineData("location.longitude", "\"-181\"", "Param location['longitude'] must be between -180 and 180.")]
    public void CoordinatesOutOfRangeFailWithCode131009(string path, string value, string details) =>
        Samples.Location.With(path, value).ShouldFailWith(131009, details);

    [Theory]
    [InlineData("location.latitude", "\"north\"")]
    [InlineData("location.latitude", "\"NaN\"")]
    [InlineData("location.longitude", "\"Infinity\"")]
    [InlineData("location.longitude", "true")]
    [InlineData("location.name", "5")]
    [InlineData("location.address", "{}")]
    [InlineData("location.altitude", "5")]
    public void MalformedLocationFailsWithCode100(string path, string value) =>
        Samples.Location.With(path, value).ShouldFailWith(100);

    [Theory]
    [InlineData("location.latitude")]
    [InlineData("location.longitude")]
    public void MissingCoordinateFailsWithCode131008(string path) => Samples.Location.Without(path).ShouldFailWith(131008);

    [Theory]
    [InlineData("location.name")]
    [InlineData("location.address")]
    public void NameAndAddressAreOptional(string path) => Samples.Location.Without(path).ShouldSend();
}

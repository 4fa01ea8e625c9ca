using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using QRCoder;

namespace Parley.Server.QrCodes;

/// <summary>
/// The public URLs of message QR codes and their images. The deep link is Parley's resolver, <c>/qr/{code}</c> (the
/// shape of Meta's <c>https://wa.me/message/{code}</c> on this Parley's host); the image URL is
/// <c>/qr/{code}/image.{png|svg}?signature=…</c>, signed (HMAC-SHA256 over the code and the format, with a key derived
/// from the media URL key or the admin key) like a CDN URL, and valid as long as the code exists. The image encodes
/// the deep link, drawn by QRCoder (error correction M).
/// </summary>
internal sealed class QrCodeImages(IOptions<ParleyOptions> options, AdminKey adminKey)
{
    /// <summary>The side of one QR module, in pixels, in a PNG (a 25-module code with its quiet zone is about 330 pixels wide).</summary>
    public const int PngPixelsPerModule = 10;

    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes(
        "parley-qr-image-url:" + (options.Value.Media.UrlSigningKey is { Length: > 0 } configured ? configured : adminKey.Value)));

    /// <summary>Where this Parley is, as the caller reached it (ending in <c>/</c>).</summary>
    public static Uri Base(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");

    /// <summary>The code's deep link: opening it resolves the number and the pre-filled message.</summary>
    public static string DeepLink(HttpRequest request, string code) => new Uri(Base(request), "qr/" + Uri.EscapeDataString(code)).ToString();

    /// <summary>The signed URL of the code's image in <paramref name="format"/> (<c>PNG</c> or <c>SVG</c>).</summary>
    public string ImageUrl(HttpRequest request, string code, string format)
    {
        var extension = format.ToLowerInvariant();
        return new Uri(Base(request), $"qr/{Uri.EscapeDataString(code)}/image.{extension}?signature={Sign(code, extension)}").ToString();
    }

    /// <summary>True when the signature is this Parley's for the code and the format (the lower-case file extension).</summary>
    public bool IsValid(string code, string extension, string? signature) =>
        !string.IsNullOrEmpty(signature)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(code, extension)), Encoding.ASCII.GetBytes(signature));

    /// <summary>The PNG of a QR code holding <paramref name="text"/>.</summary>
    public static byte[] Png(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(PngPixelsPerModule);
    }

    /// <summary>The SVG of a QR code holding <paramref name="text"/>.</summary>
    public static string Svg(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(PngPixelsPerModule);
    }

    private string Sign(string code, string extension) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{code}:{extension}"))));
}

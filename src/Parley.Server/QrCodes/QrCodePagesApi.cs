using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.QrCodes;
using Parley.Server.Auth;
using Parley.Storage;

namespace Parley.Server.QrCodes;

/// <summary>
/// What Parley serves of a message QR code without a bearer token, as WhatsApp's short links and CDN do: <c>GET
/// /qr/{code}</c> (the <c>deep_link_url</c>: the number and the pre-filled message it opens a chat with, and WhatsApp's
/// click-to-chat link for them) and <c>GET /qr/{code}/image.{png|svg}?signature=…</c> (the signed
/// <c>qr_image_url</c>). An unknown or deleted code, or a wrong signature, is a plain 404.
/// </summary>
internal static class QrCodePagesApi
{
    /// <summary>What a deep link resolves to.</summary>
    internal sealed record DeepLinkView(string Code, string DisplayPhoneNumber, string VerifiedName, string PrefilledMessage, string ChatUrl);

    public static IEndpointRouteBuilder MapQrCodePages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/qr/{code}").WithTags("QR codes");
        pages.MapGet("", ResolveAsync).WithName("ResolveQrCodeDeepLink")
            .WithSummary("A QR code's deep link: the business number and the pre-filled message (no token: the link is public)");
        pages.MapGet("/image.{extension}", ImageAsync).WithName("QrCodeImage")
            .WithSummary("A QR code's image, PNG or SVG (the signed qr_image_url)");
        return app;
    }

    private static async Task<Results<Ok<DeepLinkView>, NotFound>> ResolveAsync(
        string code, IQrCodeStore store, ChannelDirectory channels, CancellationToken cancellationToken)
    {
        if (!QrCodeRules.IsCodeShaped(code) || await store.FindAsync(code, cancellationToken) is not { } found
            || await channels.GetChannelAsync(found.ChannelId, cancellationToken) is not { } channel)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new DeepLinkView(found.Code, channel.DisplayPhoneNumber, channel.VerifiedName, found.PrefilledMessage,
            QrCodeRules.ChatLink(channel.DisplayPhoneNumber, found.PrefilledMessage)));
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult, NotFound>> ImageAsync(
        string code, string extension, string? signature, HttpRequest http, IQrCodeStore store, QrCodeImages images, CancellationToken cancellationToken)
    {
        if (extension is not ("png" or "svg") || !QrCodeRules.IsCodeShaped(code) || !images.IsValid(code, extension, signature)
            || await store.FindAsync(code, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        var deepLink = QrCodeImages.DeepLink(http, code);
        return extension == "png"
            ? TypedResults.File(QrCodeImages.Png(deepLink), "image/png")
            : TypedResults.Content(QrCodeImages.Svg(deepLink), "image/svg+xml; charset=utf-8");
    }
}

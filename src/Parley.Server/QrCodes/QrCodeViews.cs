using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.QrCodes;

namespace Parley.Server.QrCodes;

/// <summary>
/// A QR code as Graph shows it: <c>code</c>, <c>prefilled_message</c> and <c>deep_link_url</c> always, and what the
/// <c>fields</c> parameter asks for besides: <c>creation_time</c> and <c>qr_image_url.format(PNG|SVG)</c>.
/// </summary>
internal sealed record QrCodeFields(bool CreationTime, string? ImageFormat)
{
    public const string NodeType = "MessageQrdl";

    private static readonly string[] AlwaysShown = ["code", "prefilled_message", "deep_link_url"];

    public static readonly QrCodeFields Default = new(false, null);

    /// <summary>The fields asked for; Graph's code 100 for a field the node does not have or an image format that is not PNG or SVG.</summary>
    public static Outcome<QrCodeFields> Parse(string? fields)
    {
        var selection = Default;
        foreach (var raw in (fields ?? "").Split(','))
        {
            var name = raw.Trim();
            if (name.Length == 0 || AlwaysShown.Contains(name))
            {
                continue;
            }
            if (name == "creation_time")
            {
                selection = selection with { CreationTime = true };
            }
            else if (name.StartsWith("qr_image_url.format(", StringComparison.Ordinal) && name.EndsWith(')'))
            {
                var format = QrCodeRules.CheckImageFormat(name["qr_image_url.format(".Length..^1]);
                if (!format.Succeeded)
                {
                    return ErrorCatalog.InvalidParameter.With($"Invalid fields parameter: qr_image_url.format takes PNG or SVG, not '{name}'.");
                }
                selection = selection with { ImageFormat = format.Value };
            }
            else if (name == "qr_image_url")
            {
                return ErrorCatalog.InvalidParameter.With("Invalid fields parameter: ask for the image as qr_image_url.format(PNG) or qr_image_url.format(SVG).");
            }
            else
            {
                return ErrorCatalog.InvalidParameter.With($"Tried accessing nonexisting field ({name}) on node type ({NodeType})");
            }
        }
        return selection;
    }

    public JsonObject Render(HttpRequest request, QrCodeImages images, QrCode code)
    {
        var view = new JsonObject
        {
            ["code"] = code.Code,
            ["prefilled_message"] = code.PrefilledMessage,
            ["deep_link_url"] = QrCodeImages.DeepLink(request, code.Code),
        };
        if (CreationTime)
        {
            view["creation_time"] = code.CreatedAt.ToUnixTimeSeconds();
        }
        if (ImageFormat is not null)
        {
            view["qr_image_url"] = images.ImageUrl(request, code.Code, ImageFormat);
        }
        return view;
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Parley.Server.Tests.QrCodes;

/// <summary>
/// <c>/{phone-number-id}/message_qrdls</c>: a number's message QR codes through their life, Meta's errors, the images
/// and the deep link served by Parley, and a simulated user scanning a code.
/// </summary>
public sealed class QrCodeStoryTests : SubscribedParleyTest
{
    private const string CodesPath = $"/v23.0/{ParleyFactory.PhoneNumberId}/message_qrdls";

    [Fact]
    public async Task ACodeIsCreatedWithARealImageListedNewestFirstChangedAndDeletedAfterWhichNothingOfItWorks()
    {
        var (status, svg) = await Tenants.PostAsync(Client, CodesPath, new { prefilled_message = "Show me Cyber Monday deals!", generate_qr_image = "SVG" });
        var (_, png) = await Tenants.PostAsync(Client, CodesPath, new { prefilled_message = "Hi! 👋 Tell me more", generate_qr_image = "png" });
        var (_, plain) = await Tenants.PostAsync(Client, CodesPath, new { prefilled_message = new string('x', 140) });

        status.ShouldBe(HttpStatusCode.OK, svg.ToJsonString());
        var code = svg["code"]!.GetValue<string>();
        code.ShouldMatch("^[A-Z2-7]{14}$");
        svg["prefilled_message"]!.GetValue<string>().ShouldBe("Show me Cyber Monday deals!");
        var deepLink = svg["deep_link_url"]!.GetValue<string>();
        deepLink.ShouldEndWith("/qr/" + code);
        plain.Keys().ShouldBe(["code", "prefilled_message", "deep_link_url"]);

        var svgImage = await GetAsync(svg["qr_image_url"]!.GetValue<string>());
        svgImage.Status.ShouldBe(HttpStatusCode.OK);
        svgImage.ContentType.ShouldStartWith("image/svg+xml");
        Encoding.UTF8.GetString(svgImage.Body).ShouldContain("<svg");
        var pngImage = await GetAsync(png["qr_image_url"]!.GetValue<string>());
        pngImage.ContentType.ShouldBe("image/png");
        pngImage.Body.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        Decode(pngImage.Body).ShouldBe(png["deep_link_url"]!.GetValue<string>());
        (await GetAsync(svg["qr_image_url"]!.GetValue<string>().Replace("signature=", "signature=0", StringComparison.Ordinal))).Status.ShouldBe(HttpStatusCode.NotFound);

        var resolved = await Tenants.GetAsync(Client, new Uri(deepLink).PathAndQuery);
        resolved.Status.ShouldBe(HttpStatusCode.OK);
        resolved.Body["display_phone_number"]!.GetValue<string>().ShouldBe(ParleyFactory.DisplayPhoneNumber);
        resolved.Body["prefilled_message"]!.GetValue<string>().ShouldBe("Show me Cyber Monday deals!");
        resolved.Body["chat_url"]!.GetValue<string>().ShouldBe($"https://wa.me/{ParleyFactory.DisplayPhoneNumber}?text=Show%20me%20Cyber%20Monday%20deals%21");

        var (_, list) = await Tenants.GetAsync(Client, CodesPath);
        list["data"]!.AsArray().Select(c => c!["code"]!.GetValue<string>())
            .ShouldBe([plain["code"]!.GetValue<string>(), png["code"]!.GetValue<string>(), code], ignoreOrder: true);
        var (_, page) = await Tenants.GetAsync(Client, CodesPath + "?limit=2");
        var (_, rest) = await Tenants.GetAsync(Client, CodesPath + "?limit=2&after=" + Uri.EscapeDataString(page["paging"]!["cursors"]!["after"]!.GetValue<string>()));
        page["data"]!.AsArray().Count.ShouldBe(2);
        page["paging"]!["next"].ShouldNotBeNull();
        rest["data"]!.AsArray().Count.ShouldBe(1);
        rest["paging"]!["next"].ShouldBeNull();
        var (_, filtered) = await Tenants.GetAsync(Client, $"{CodesPath}?code={code}&fields=code,prefilled_message,qr_image_url.format(PNG),creation_time");
        var only = filtered["data"]!.AsArray().Single()!;
        only["creation_time"]!.GetValue<long>().ShouldBeGreaterThan(0);
        (await GetAsync(only["qr_image_url"]!.GetValue<string>())).ContentType.ShouldBe("image/png");

        var (updateStatus, updated) = await Tenants.PostAsync(Client, CodesPath, new { code, prefilled_message = "Show me Cyber Tuesday deals!" });
        updateStatus.ShouldBe(HttpStatusCode.OK, updated.ToJsonString());
        updated["code"]!.GetValue<string>().ShouldBe(code);
        var (_, one) = await Tenants.GetAsync(Client, $"{CodesPath}/{code}");
        one["data"]!.AsArray().Single()!["prefilled_message"]!.GetValue<string>().ShouldBe("Show me Cyber Tuesday deals!");

        using (var deleted = await Client.DeleteAsync($"{CodesPath}/{code}"))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
            JsonNode.Parse(await deleted.Content.ReadAsStringAsync())!["success"]!.GetValue<bool>().ShouldBeTrue();
        }
        var (goneStatus, gone) = await Tenants.GetAsync(Client, $"{CodesPath}/{code}");
        goneStatus.ShouldBe(HttpStatusCode.NotFound);
        gone["error"]!["code"]!.GetValue<int>().ShouldBe(803);
        gone["error"]!["type"]!.GetValue<string>().ShouldBe("GraphMethodException");
        (await Tenants.DeleteAsync(Client, $"{CodesPath}/{code}")).ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync(svg["qr_image_url"]!.GetValue<string>())).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Tenants.GetAsync(Client, new Uri(deepLink).PathAndQuery)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Tenants.GetAsync(Client, $"{CodesPath}?code={code}")).Body["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ABadCreateOrUpdateIsRefusedWithMetasErrorAndStoresNothing()
    {
        (string Json, int Status, int Code)[] cases =
        [
            ("""{"generate_qr_image":"SVG"}""", 400, 100),
            ("""{"prefilled_message":"   "}""", 400, 100),
            ("""{"prefilled_message":7}""", 400, 100),
            ("""{"prefilled_message":"Hello","generate_qr_image":"JPG"}""", 400, 100),
            ("""{"code":"ANED2T5QRU7HG1","prefilled_message":"Hello"}""", 404, 803),
            ("""{"code":"not-a-code","prefilled_message":"Hello"}""", 400, 100),
        ];
        foreach (var (json, status, code) in cases)
        {
            var (answered, body) = await Tenants.PostAsync(Client, CodesPath, JsonNode.Parse(json)!);

            ((int)answered).ShouldBe(status, json + " → " + body.ToJsonString());
            body["error"]!["code"]!.GetValue<int>().ShouldBe(code, json);
        }
        (await Tenants.GetAsync(Client, CodesPath)).Body["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task AMessageLongerThan140CharactersAndBadReadsAreRefusedWithMetasErrors()
    {
        var (tooLong, body) = await Tenants.PostAsync(Client, CodesPath, new { prefilled_message = new string('x', 141) });
        var (badCode, badCodeBody) = await Tenants.GetAsync(Client, CodesPath + "/abc");
        var (badField, badFieldBody) = await Tenants.GetAsync(Client, CodesPath + "?fields=code,colour");
        var (badFormat, _) = await Tenants.GetAsync(Client, CodesPath + "?fields=qr_image_url.format(GIF)");
        var (badLimit, _) = await Tenants.GetAsync(Client, CodesPath + "?limit=26");
        var (badCursor, _) = await Tenants.GetAsync(Client, CodesPath + "?after=garbage");
        var unknownDelete = await Tenants.DeleteAsync(Client, CodesPath + "/ANED2T5QRU7HG1");

        tooLong.ShouldBe(HttpStatusCode.BadRequest);
        body["error"]!["code"]!.GetValue<int>().ShouldBe(100);
        body["error"]!["error_data"]!["details"]!.GetValue<string>().ShouldContain("140");
        badCode.ShouldBe(HttpStatusCode.BadRequest);
        badCodeBody["error"]!["code"]!.GetValue<int>().ShouldBe(100);
        badField.ShouldBe(HttpStatusCode.BadRequest);
        badFieldBody["error"]!["code"]!.GetValue<int>().ShouldBe(100);
        badFormat.ShouldBe(HttpStatusCode.BadRequest);
        badLimit.ShouldBe(HttpStatusCode.BadRequest);
        badCursor.ShouldBe(HttpStatusCode.BadRequest);
        unknownDelete.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AScannedCodeArrivesAtTheWebhookAsThePrefilledTextAndADeletedCodeCannotBeScanned()
    {
        var (_, created) = await Tenants.PostAsync(Client, CodesPath, new { prefilled_message = "I'd like to book a table for two" });
        var code = created["code"]!.GetValue<string>();
        var scanPath = $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/qr/{code}/scan";

        var (status, scanned) = await Tenants.PostAsync(Client, scanPath, new { from = "15551234567", profile_name = "Ana" });

        status.ShouldBe(HttpStatusCode.OK, scanned.ToJsonString());
        var id = scanned["messages"]![0]!["id"]!.GetValue<string>();
        var messages = await Eventually.Get(() => Receiver.Messages(), m => m.Any(x => x["id"]!.GetValue<string>() == id));
        var inbound = messages.Single(m => m["id"]!.GetValue<string>() == id);
        inbound["from"]!.GetValue<string>().ShouldBe("15551234567");
        inbound["type"]!.GetValue<string>().ShouldBe("text");
        inbound["text"]!["body"]!.GetValue<string>().ShouldBe("I'd like to book a table for two");

        (await Tenants.DeleteAsync(Client, $"{CodesPath}/{code}")).ShouldBe(HttpStatusCode.OK);
        var (goneStatus, gone) = await Tenants.PostAsync(Client, scanPath, new { from = "15551234567" });
        goneStatus.ShouldBe(HttpStatusCode.NotFound);
        gone["error"]!["code"]!.GetValue<int>().ShouldBe(803);
        Receiver.Messages().Count(m => m["text"]?["body"]?.GetValue<string>() == "I'd like to book a table for two").ShouldBe(1);
    }

    private async Task<(HttpStatusCode Status, string ContentType, byte[] Body)> GetAsync(string url)
    {
        using var response = await Client.GetAsync(new Uri(url).PathAndQuery);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Reads the QR code in a PNG (ZXing), as a phone's camera would.</summary>
    private static string Decode(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var luminance = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                luminance[(y * bitmap.Width) + x] = (byte)(((pixel.Red * 299) + (pixel.Green * 587) + (pixel.Blue * 114)) / 1000);
            }
        }
        var source = new RGBLuminanceSource(luminance, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        return result?.Text ?? "";
    }
}

internal static class JsonObjectKeys
{
    public static string[] Keys(this JsonObject json) => [.. json.Select(p => p.Key)];
}

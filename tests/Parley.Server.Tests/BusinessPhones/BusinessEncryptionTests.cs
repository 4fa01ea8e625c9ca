using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.BusinessPhones;

/// <summary>
/// <c>/{phone-number-id}/whatsapp_business_encryption</c> (Meta, "WhatsApp Business Encryption"): a 2048-bit RSA public
/// key uploaded as form or JSON replaces the number's key and reads back with its signature status; a bad key is
/// Graph's error 100.
/// </summary>
public sealed class BusinessEncryptionTests : ParleyTest
{
    private const string Path = $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_encryption";

    private static string NewKey(int bits = 2048)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    [Fact]
    public async Task ANumberWithoutAKeyHasNoDataAndAnUploadedKeyReadsBackValid()
    {
        using var empty = await Client.GetAsync(Path);
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CloudApi.ReadAsync(empty)).ToJsonString().ShouldBe("""{"data":[]}""");

        var first = NewKey();
        using var form = await Client.PostAsync(Path, new FormUrlEncodedContent([new("business_public_key", first)]));
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CloudApi.ReadAsync(form)).ToJsonString().ShouldBe("""{"success":true}""");
        var second = NewKey();
        using var json = await Client.PostAsJsonAsync(Path, new { business_public_key = second });
        json.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var read = await Client.GetAsync(Path);
        var body = await CloudApi.ReadAsync(read);
        var item = body["data"]!.AsArray().ShouldHaveSingleItem()!;
        item["business_public_key"]!.GetValue<string>().Trim().ShouldBe(second.ReplaceLineEndings("\n").Trim());
        item["business_public_key_signature_status"]!.GetValue<string>().ShouldBe("VALID");
    }

    [Fact]
    public async Task AMissingOrInvalidKeyIsError100AndKeepsTheStoredKey()
    {
        var key = NewKey();
        using (var stored = await Client.PostAsJsonAsync(Path, new { business_public_key = key }))
        {
            stored.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var missing = await Client.PostAsJsonAsync(Path, new { });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var missingBody = await CloudApi.ReadAsync(missing);
        missingBody.Code().ShouldBe(100);
        missingBody.ToJsonString().ShouldContain("business_public_key");
        using var small = await Client.PostAsJsonAsync(Path, new { business_public_key = NewKey(1024) });
        small.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CloudApi.ReadAsync(small)).ToJsonString().ShouldContain("2048");
        using var garbage = await Client.PostAsJsonAsync(Path, new { business_public_key = "not a key" });
        garbage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var read = await Client.GetAsync(Path);
        (await CloudApi.ReadAsync(read))["data"]![0]!["business_public_key"]!.GetValue<string>().Trim().ShouldBe(key.ReplaceLineEndings("\n").Trim());
    }
}

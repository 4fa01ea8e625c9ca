using System.Security.Cryptography;
using System.Text;
using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.BusinessPhones;

/// <summary><c>GET|POST /{phone-number-id}/settings</c>: calling, user identity change, payload encryption and storage settings, kept per number.</summary>
public sealed class PhoneNumberSettingsTests : ParleyTest
{
    private const string SettingsPath = $"/v23.0/{ParleyFactory.PhoneNumberId}/settings";

    [Fact]
    public async Task ANumberThatWasNeverSetAnswersTheDefaults()
    {
        var (status, body) = await Tenants.GetAsync(Client, SettingsPath);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["calling"]!["status"]!.GetValue<string>().ShouldBe("disabled");
        body["calling"]!["call_icon_visibility"]!.GetValue<string>().ShouldBe("visible");
        body["calling"]!["callback_permission_status"]!.GetValue<string>().ShouldBe("disabled");
        body["calling"]!["ip_addresses"]!["default"]!.AsArray().ShouldBeEmpty();
        body["payload_encryption"]!["status"]!.GetValue<string>().ShouldBe("disabled");
        body["storage_configuration"]!["status"]!.GetValue<string>().ShouldBe("default");
    }

    [Fact]
    public async Task CallingIsMergedIntoWhatWasSetAndAnsweredBack()
    {
        (await Tenants.PostAsync(Client, SettingsPath, new { calling = new { status = "enabled", call_icon_visibility = "visible" } })).Status
            .ShouldBe(HttpStatusCode.OK);

        var (status, body) = await Tenants.PostAsync(Client, SettingsPath, new { calling = new { call_icon_visibility = "hidden", video = new { status = "enabled" } } });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        var calling = (await Tenants.GetAsync(Client, SettingsPath)).Body["calling"]!;
        calling["status"]!.GetValue<string>().ShouldBe("enabled");
        calling["call_icon_visibility"]!.GetValue<string>().ShouldBe("hidden");
        calling["video"]!["status"]!.GetValue<string>().ShouldBe("enabled");
    }

    [Fact]
    public async Task EncryptionStorageAndIdentityChangeAreKeptPerNumber()
    {
        using var rsa = RSA.Create(2048);
        var key = Convert.ToBase64String(Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()));
        (await Tenants.PostAsync(Client, SettingsPath, new { payload_encryption = new { status = "enabled", client_encryption_key = key } })).Status
            .ShouldBe(HttpStatusCode.OK);
        (await Tenants.PostAsync(Client, SettingsPath, new { user_identity_change = new { enabled = true } })).Status.ShouldBe(HttpStatusCode.OK);
        var (status, body) = await Tenants.PostAsync(Client, SettingsPath, new { storage_configuration = new { enabled = true, region = "de" } });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var (_, settings) = await Tenants.GetAsync(Client, SettingsPath);
        settings["payload_encryption"]!["status"]!.GetValue<string>().ShouldBe("enabled");
        settings["payload_encryption"]!["client_encryption_key_fingerprint"]!.GetValue<string>().ShouldStartWith("SHA256:");
        settings["storage_configuration"]!["status"]!.GetValue<string>().ShouldBe("in_country_storage_enabled");
        settings["storage_configuration"]!["data_localization_region"]!.GetValue<string>().ShouldBe("DE");
        settings["user_identity_change"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();

        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var otherClient = Parley.CreateChannelClient(other.Token);
        (await Tenants.GetAsync(otherClient, $"/v23.0/{other.PhoneNumberId}/settings")).Body["storage_configuration"]!["status"]!.GetValue<string>()
            .ShouldBe("default");
    }

    [Theory]
    [InlineData("""{"calling":{"status":"maybe"}}""", "Param calling.status must be one of {enabled, disabled} - got \"maybe\".")]
    [InlineData("""{"calling":{"call_icon_visibility":"visible"}}""", "Param calling.status is required.")]
    [InlineData("""{"calling":{"status":"enabled","ringtone":"loud"}}""", "Param calling.ringtone is not a calling setting.")]
    [InlineData("""{"calling":"on"}""", "Param calling must be a JSON object.")]
    [InlineData("""{"payload_encryption":{"status":"enabled"}}""", "Param payload_encryption.client_encryption_key is required when enabling payload encryption.")]
    [InlineData("""{"storage_configuration":{"enabled":"yes"}}""", "Param storage_configuration.enabled must be a boolean.")]
    [InlineData("""{"storage_configuration":{"enabled":true}}""", "Param storage_configuration.region is required when enabling local storage.")]
    [InlineData("""{"volume":11}""", "Param volume is not a setting of a phone number; use calling, user_identity_change, payload_encryption or storage_configuration.")]
    [InlineData("""{}""", "One of the parameters calling, user_identity_change, payload_encryption, storage_configuration is required.")]
    [InlineData("""{"calling":{"status":"enabled"},"user_identity_change":{"enabled":true}}""",
        "Only one of the parameters calling, user_identity_change, payload_encryption, storage_configuration can be set per request.")]
    [InlineData("""{"calling":{"status":"enabled","sip":{"status":"on"}}}""", "Param calling.sip.status must be one of {enabled, disabled}.")]
    [InlineData("""{"payload_encryption":{"status":"enabled","client_encryption_key":"bm90IGEga2V5"}}""",
        "Param payload_encryption.client_encryption_key must be a base64-encoded public key in PEM format.")]
    [InlineData("""{"storage_configuration":{"enabled":true,"region":"us"}}""",
        "Param storage_configuration.region must be one of {AU, ID, IN, JP, SG, KR, DE, CH, GB, BR, BH, ZA, AE, CA} - got \"us\".")]
    public async Task AnInvalidUpdateFailsWithCode100AndChangesNothing(string json, string details)
    {
        var (status, body) = await CloudApi.SendRawAsync(Client, json, SettingsPath);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe(details);
        (await Tenants.GetAsync(Client, SettingsPath)).Body["calling"]!["status"]!.GetValue<string>().ShouldBe("disabled");
    }

    [Fact]
    public async Task ASectionGivenAsAJsonStringOrAFormFieldIsReadAsTheObject()
    {
        var (status, body) = await CloudApi.SendRawAsync(Client, """{"calling":"{\"status\":\"enabled\"}"}""", SettingsPath);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user_identity_change"] = """{"enabled":true}""" });
        using var response = await Client.PostAsync(SettingsPath, form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var (_, settings) = await Tenants.GetAsync(Client, SettingsPath);
        settings["calling"]!["status"]!.GetValue<string>().ShouldBe("enabled");
        settings["user_identity_change"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
    }
}

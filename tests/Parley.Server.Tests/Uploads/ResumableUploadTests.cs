using System.Net;
using System.Text;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Uploads;

/// <summary>The Resumable Upload API: sessions, offsets, resuming, handles, and who may see a session.</summary>
public sealed class ResumableUploadTests : ParleyTest
{
    [Fact]
    public async Task AFileSentInOneRequestGetsAHandleAndTheSessionReportsItsFullOffset()
    {
        var bytes = UploadCalls.Png(1000);
        var session = await UploadCalls.OpenOkAsync(Client, bytes.Length, "image/png");
        session.ShouldStartWith("upload:");
        var (_, before) = await UploadCalls.GetAsync(Client, session);
        before["id"]!.GetValue<string>().ShouldBe(session);
        before["file_offset"]!.GetValue<long>().ShouldBe(0);

        var (status, body) = await UploadCalls.SendAsync(Client, session, bytes, "0");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var handle = body["h"]!.GetValue<string>();
        handle.ShouldStartWith("4::" + Convert.ToBase64String(Encoding.UTF8.GetBytes("image/png")) + ":");
        (await UploadCalls.GetAsync(Client, session)).Body["file_offset"]!.GetValue<long>().ShouldBe(1000);
        // Sending again to a complete session answers the same handle.
        (await UploadCalls.SendAsync(Client, session, [], "1000")).Body["h"]!.GetValue<string>().ShouldBe(handle);
    }

    [Fact]
    public async Task TheAppAliasOpensASessionOnTheTokensAppLikeAnAppId()
    {
        var bytes = UploadCalls.Png(500);
        using var opened = await Client.PostAsync($"/v23.0/app/uploads?file_length={bytes.Length}&file_type=image%2Fpng&file_name=logo.png", null);
        var body = await CloudApi.ReadAsync(opened);
        opened.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var session = body["id"]!.GetValue<string>();
        session.ShouldStartWith("upload:");

        var (status, sent) = await UploadCalls.SendAsync(Client, session, bytes, "0");

        status.ShouldBe(HttpStatusCode.OK, sent.ToJsonString());
        sent["h"]!.GetValue<string>().ShouldStartWith("4::");
        (await UploadCalls.GetAsync(Client, session)).Body["file_offset"]!.GetValue<long>().ShouldBe(bytes.Length);
    }

    [Fact]
    public async Task TheAppAliasNeedsAToken()
    {
        using var anonymous = Parley.CreateClient();
        using var opened = await anonymous.PostAsync("/v23.0/app/uploads?file_length=10&file_type=image%2Fpng", null);

        opened.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CloudApi.ReadAsync(opened)).Code().ShouldBe(104);
    }

    [Fact]
    public async Task AnUploadResumesFromTheOffsetTheSessionReportsAndAWrongOffsetIsRefused()
    {
        var bytes = UploadCalls.Png(900);
        var session = await UploadCalls.OpenOkAsync(Client, bytes.Length, "image/png");

        var (firstStatus, first) = await UploadCalls.SendAsync(Client, session, bytes[..400], "0");
        firstStatus.ShouldBe(HttpStatusCode.OK, first.ToJsonString());
        first["file_offset"]!.GetValue<long>().ShouldBe(400);
        first.ContainsKey("h").ShouldBeFalse();
        (await UploadCalls.GetAsync(Client, session)).Body["file_offset"]!.GetValue<long>().ShouldBe(400);

        var (wrongStatus, wrong) = await UploadCalls.SendAsync(Client, session, bytes[400..], "0");
        wrongStatus.ShouldBe(HttpStatusCode.BadRequest);
        wrong.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldContain("resume from file_offset 400");
        (await UploadCalls.SendAsync(Client, session, bytes[400..], null)).Status.ShouldBe(HttpStatusCode.BadRequest);

        var (status, body) = await UploadCalls.SendAsync(Client, session, bytes[400..], "400");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var handle = body["h"]!.GetValue<string>();

        // The joined chunks are the file: set it as the profile picture and read it back.
        (await Tenants.PostAsync(Client, $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_profile",
            new { messaging_product = "whatsapp", profile_picture_handle = handle })).Status.ShouldBe(HttpStatusCode.OK);
        var (_, profile) = await Tenants.GetAsync(Client, $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_profile?fields=profile_picture_url");
        var url = new Uri(profile["data"]![0]!["profile_picture_url"]!.GetValue<string>());
        (await Client.GetByteArrayAsync(url.PathAndQuery)).ShouldBe(bytes);
    }

    [Fact]
    public async Task MoreBytesThanFileLengthAreRefusedAndTheSessionStaysWhereItWas()
    {
        var session = await UploadCalls.OpenOkAsync(Client, 10, "application/pdf");

        var (status, body) = await UploadCalls.SendAsync(Client, session, new byte[11], "0");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldContain("file_length of 10 bytes");
        (await UploadCalls.GetAsync(Client, session)).Body["file_offset"]!.GetValue<long>().ShouldBe(0);
        (await UploadCalls.SendAsync(Client, session, new byte[10], "0")).Body["h"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData(null, "image/png", "The parameter file_length is required.")]
    [InlineData("0", "image/png", "Param file_length must be a positive integer - got \"0\".")]
    [InlineData("ten", "image/png", "Param file_length must be a positive integer - got \"ten\".")]
    [InlineData("104857601", "image/png", "Param file_length must be at most 104857600 bytes.")]
    [InlineData("10", null, "The parameter file_type is required.")]
    [InlineData("10", "image/gif", "Param file_type must be one of {application/pdf, image/jpeg, image/jpg, image/png, video/mp4} - got \"image/gif\".")]
    public async Task OpeningASessionChecksFileLengthAndFileTypeWithCode100(string? length, string? type, string details)
    {
        var (status, body) = await UploadCalls.OpenAsync(Client, length, type);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldBe(details);
    }

    [Fact]
    public async Task UploadCallsWithoutAValidTokenAre401()
    {
        using var anonymous = Parley.CreateClient();
        var (status, body) = await UploadCalls.OpenAsync(anonymous, "10", "image/png");
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body.Code().ShouldBe(104);

        var session = await UploadCalls.OpenOkAsync(Client, 10, "image/png");
        var (badStatus, bad) = await UploadCalls.SendAsync(Client, session, new byte[10], "0", token: "EAAnot-a-token");
        badStatus.ShouldBe(HttpStatusCode.Unauthorized);
        bad.Code().ShouldBe(190);
        (await UploadCalls.GetAsync(Client, session)).Body["file_offset"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task AnotherBusinessCannotSeeOrFillASession()
    {
        var session = await UploadCalls.OpenOkAsync(Client, 10, "image/png");
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var otherClient = Parley.CreateChannelClient(other.Token);

        var get = await UploadCalls.GetAsync(otherClient, session);
        get.Status.ShouldBe(HttpStatusCode.BadRequest);
        get.Body.ShouldBeGraphError(100, $"Unsupported get request. Object with ID '{session}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
            "GraphMethodException", subcode: 33);
        (await UploadCalls.SendAsync(otherClient, session, new byte[10], "0", other.Token)).ShouldBeUnknownObject(session);
        (await UploadCalls.GetAsync(Client, session)).Body["file_offset"]!.GetValue<long>().ShouldBe(0);
        (await UploadCalls.GetAsync(Client, "upload:nosuchsession")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }
}

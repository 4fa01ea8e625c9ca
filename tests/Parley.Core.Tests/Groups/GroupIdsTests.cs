using Parley.Core.Errors;
using Parley.Core.Groups;

namespace Parley.Core.Tests.Groups;

public sealed class GroupIdsTests
{
    [Theory]
    [InlineData("106540352242922")]
    [InlineData("1")]
    [InlineData("12345678901234567")]
    public void ANewGroupIdNamesItsPhoneNumberId(string phoneNumberId)
    {
        GroupIds.PhoneNumberIdOf(GroupIds.New(phoneNumberId)).ShouldBe(phoneNumberId);
    }

    [Fact]
    public void MetasExampleGroupIdDecodes()
    {
        GroupIds.PhoneNumberIdOf("Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD").ShouldBe("17055550139");
    }

    [Theory]
    [InlineData("106540352242922")]
    [InlineData("Y2FwaV9ncm91cD")]
    [InlineData("Y2FwaV9ncm91cDpub3QtZGlnaXRzOjE=")]
    [InlineData("Y2FwaV9ncm91cDoxMjM0NTY3ODkw")]
    [InlineData("Y2FwaV9ncm91cD!!")]
    [InlineData("")]
    public void WhatIsNotAGroupIdNamesNoPhoneNumber(string id)
    {
        GroupIds.PhoneNumberIdOf(id).ShouldBeNull();
    }
}

public sealed class GroupPictureRulesTests
{
    [Theory]
    [InlineData("image/jpeg", 1000L, 192, 192, null)]
    [InlineData("image/jpeg", 1000L, 640, 480, 131209)]
    [InlineData("image/jpeg", 1000L, 191, 191, 131210)]
    [InlineData("image/png", 1000L, 640, 640, 131053)]
    [InlineData("image/jpeg", GroupRules.PictureMaxBytes + 1, 640, 640, 131053)]
    public void APictureIsAJpegOfAtMost5MbSquareAndAtLeast192Pixels(string mimeType, long bytes, int width, int height, int? code)
    {
        GroupRules.CheckPicture(mimeType, bytes, width, height)?.Code.ShouldBe(code!.Value);
        if (code is null)
        {
            GroupRules.CheckPicture(mimeType, bytes, width, height).ShouldBeNull();
        }
    }

    [Fact]
    public void AJpegWhoseSizeCannotBeReadIsAnUploadError()
    {
        GroupRules.CheckPicture("image/jpeg", 1000, null, null)!.Definition.ShouldBe(ErrorCatalog.MediaUploadError);
    }
}

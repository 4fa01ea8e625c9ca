using Parley.Core.Versions;

namespace Parley.Core.Tests.Versions;

public class GraphVersionsTests
{
    [Theory]
    [InlineData("v21.0", 21, 0)]
    [InlineData("v26.0", 26, 0)]
    [InlineData("v99.12", 99, 12)]
    [InlineData("v1.0", 1, 0)]
    public void VersionShapedSegmentsParse(string text, int major, int minor)
    {
        GraphVersion.TryParse(text, out var version).ShouldBeTrue();
        version.ShouldBe(new GraphVersion(major, minor));
        version.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v")]
    [InlineData("latest")]
    [InlineData("23.0")]
    [InlineData("V23.0")]
    [InlineData("v23")]
    [InlineData("v23.")]
    [InlineData("v.0")]
    [InlineData("v23.0.1")]
    [InlineData("v+23.0")]
    [InlineData("v23.-1")]
    [InlineData("v99999999999.0")]
    public void OtherSegmentsDoNotParse(string? text) => GraphVersion.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void TheKnownVersionsRunFromV21ToTheNewestInOrder()
    {
        GraphVersions.Known.Select(v => v.ToString()).ShouldBe(["v21.0", "v22.0", "v23.0", "v24.0", "v25.0", "v26.0"]);
        GraphVersions.Known[^1].ShouldBe(GraphVersions.Newest);
        GraphVersions.Newest.ToString().ShouldBe(GraphVersions.NewestName);
        GraphVersions.Known.ShouldBe(GraphVersions.Known.Order());
    }

    [Theory]
    [InlineData("v99.0", "Unknown version 'v99.0'. Use one of v21.0, v22.0, v23.0, v24.0, v25.0, v26.0")]
    [InlineData("v20.0", "Unknown version 'v20.0'. Use one of v21.0, v22.0, v23.0, v24.0, v25.0, v26.0")]
    [InlineData("latest", "Invalid version format. Use format like 'v23.0'")]
    public void CheckRefusesWithCode100(string text, string details)
    {
        var checkedVersion = GraphVersions.Check(text);

        checkedVersion.Succeeded.ShouldBeFalse();
        checkedVersion.Error!.Code.ShouldBe(100);
        checkedVersion.Error.Details.ShouldBe(details);
    }

    [Theory]
    [InlineData("v23.0", false, false, false, true)]
    [InlineData("v24.0", true, true, false, true)]
    [InlineData("v25.0", true, true, true, false)]
    [InlineData("v26.0", true, true, true, false)]
    public void EachDifferenceStartsAtItsVersion(string text, bool messageStatus, bool flowName, bool unsupported, bool newWaId)
    {
        var version = GraphVersions.Check(text).Value;

        GraphVersions.HasSendMessageStatus(version).ShouldBe(messageStatus);
        GraphVersions.AcceptsFlowName(version).ShouldBe(flowName);
        GraphVersions.HasUnsupportedMessageType(version).ShouldBe(unsupported);
        GraphVersions.HasNewWaId(version).ShouldBe(newWaId);
        GraphVersions.RequiresSendWaId(version).ShouldBe(!unsupported);
    }
}

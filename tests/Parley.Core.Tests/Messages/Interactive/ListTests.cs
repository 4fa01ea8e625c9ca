using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages.Interactive;

public class ListTests
{
    private static string Rows(int count, string prefix) =>
        Array(count, i => $$"""{"id":"{{prefix}}-{{i}}","title":"Row {{i}}"}""");

    private static string WithRows(int first, int second) => Samples.List
        .With("interactive.action.sections[0].rows", Rows(first, "a"))
        .With("interactive.action.sections[1].rows", Rows(second, "b"));

    [Fact]
    public void TenRowsAcrossSectionsAreAccepted() => WithRows(6, 4).ShouldSend();

    [Fact]
    public void ElevenRowsAcrossSectionsFailWithCode131009() =>
        WithRows(6, 5).ShouldFailWith(131009, "Total row count exceed max allowed count: 10");

    [Fact]
    public void ElevenRowsInOneSectionFailWithCode131009() =>
        Samples.List.With("interactive.action.sections[0].rows", Rows(11, "a")).ShouldFailWith(131009);

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void SectionCountOutsideOneToTenFailsWithCode131009(int count) =>
        Samples.List.With("interactive.action.sections", Array(count, i => $$"""{"title":"S{{i}}","rows":[{"id":"r{{i}}","title":"R"}]}"""))
            .ShouldFailWith(131009, "Param interactive['action']['sections'] must contain between 1 and 10 items.");

    [Fact]
    public void ListBodyFollowsTheDocsLimitOf4096() => Samples.List.With("interactive.body.text", Str(4096)).ShouldSend();

    [Fact]
    public void ListBodyOver4096CharactersFailsWithCode100() =>
        Samples.List.With("interactive.body.text", Str(4097)).ShouldFailWith(100);

    [Theory]
    [InlineData("interactive.action.button", 21, 131009, "Button text length invalid. Min length: 1, Max length: 20")]
    [InlineData("interactive.action.button", 0, 131009, "Button text length invalid. Min length: 1, Max length: 20")]
    [InlineData("interactive.action.sections[0].title", 25, 131009, "Section title length invalid. Min length: 1, Max length: 24")]
    [InlineData("interactive.action.sections[0].rows[0].title", 25, 131009, "Row title length invalid. Min length: 1, Max length: 24")]
    [InlineData("interactive.action.sections[0].rows[0].id", 201, 100, "Param interactive['action']['sections'][0]['rows'][0]['id'] must be at most 200 characters long.")]
    [InlineData("interactive.action.sections[0].rows[0].description", 73, 100, "Param interactive['action']['sections'][0]['rows'][0]['description'] must be at most 72 characters long.")]
    public void OverLongListTextFails(string path, int length, int code, string details) =>
        Samples.List.With(path, Str(length)).ShouldFailWith(code, details);

    [Theory]
    [InlineData("interactive.action.sections[0].title", 24)]
    [InlineData("interactive.action.sections[0].rows[0].title", 24)]
    [InlineData("interactive.action.sections[0].rows[0].id", 200)]
    [InlineData("interactive.action.sections[0].rows[0].description", 72)]
    [InlineData("interactive.action.button", 20)]
    public void ListTextAtItsLimitIsAccepted(string path, int length) => Samples.List.With(path, Str(length)).ShouldSend();

    [Theory]
    [InlineData("interactive.action.sections[0].title", null, 131008)]
    [InlineData("interactive.action.button", null, 131008)]
    [InlineData("interactive.action.sections", null, 131008)]
    [InlineData("interactive.action.sections[0].rows", null, 131008)]
    [InlineData("interactive.action.sections[0].rows", "[]", 131009)]
    [InlineData("interactive.action.sections[0].rows[0].id", null, 131008)]
    [InlineData("interactive.action.sections[1].rows[0].id", "\"S1R1\"", 131009)]
    [InlineData("interactive.action.sections[0].product_items", "[]", 100)]
    [InlineData("interactive.header", """{"type":"image","image":{"id":"1"}}""", 131009)]
    public void InvalidListFails(string path, string? value, int code) => Samples.List.With(path, value).ShouldFailWith(code);

    [Fact]
    public void SingleSectionMayOmitItsTitle() =>
        Samples.List.With("interactive.action.sections", """[{"rows":[{"id":"1","title":"One"}]}]""").ShouldSend();

    [Fact]
    public void ListHeaderMustBeText() =>
        Samples.List.With("interactive.header", """{"type":"image","image":{"id":"1"}}""")
            .ShouldFailWith(131009, "Header type image is not supported for interactive type list. Allowed header types: text.");
}

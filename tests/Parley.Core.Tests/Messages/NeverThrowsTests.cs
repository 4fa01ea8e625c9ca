using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Messages;
using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages;

/// <summary>The parser answers every JSON value with a request or a catalog error, never an exception.</summary>
public class NeverThrowsTests
{
    private static readonly int[] ValidationCodes = [100, 131008, 131009, 131021, 131051];

    /// <summary>Replacement values tried at every position of every sample.</summary>
    private static readonly string[] OddValues =
    [
        "null", "0", "-1", "1e308", "-0.0", "123456789012345678901234567890", "true", "\"\"", "\" \"", "\"x\"", "\"😀\"",
        "[]", "[null]", "[[]]", "[{}]", "{}", """{"type":"text"}""", """{"id":"1","link":"x"}""", "\"\\u0000\"",
        "\"https://example.com/a\"", "\"+16505551234\"", "\"read\"", "\"whatsapp\"", Str(5000),
    ];

    public static TheoryData<string> MalformedBodies =>
    [
        "{}", "[]", "null", "0", "\"\"", "true", "[{}]",
        """{"messaging_product":null}""",
        """{"messaging_product":"whatsapp"}""",
        """{"messaging_product":"whatsapp","to":null,"type":null}""",
        """{"messaging_product":"whatsapp","status":null}""",
        """{"messaging_product":"whatsapp","status":{},"message_id":[]}""",
        """{"messaging_product":"whatsapp","to":"+16505551234","type":"interactive","interactive":{"type":"carousel","action":{"cards":[1,2]}}}""",
        """{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"a","language":{"code":"en"},"components":[{"type":"carousel","cards":[{"card_index":0,"components":[{"type":"carousel"}]}]}]}}""",
        """{"messaging_product":"whatsapp","to":"\uD800\uD800","text":{"body":"x"}}""",
        """{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"x"},"text":{"body":"y"}}""",
        """{"messaging_product":"whatsapp","to":"+16505551234","type":"reaction","reaction":{"message_id":"m","emoji":"\uDE00"}}""",
        """{"messaging_product":"whatsapp","to":"+16505551234","type":"location","location":{"latitude":1e400,"longitude":-1e400}}""",
        """{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"a","language":{"code":"en"},"components":[{"type":"button","sub_type":"url","index":99999999999999999999,"parameters":[{"type":"text","text":"x"}]}]}}""",
        new string('[', 1000) + new string(']', 1000),
        "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 999)) + "1" + new string('}', 1000),
        $$$"""{"messaging_product":"whatsapp","to":{{{Str(100_000, '1')}}},"text":{"body":{{{Str(1_000_000)}}}}}""",
        $$"""{"messaging_product":"whatsapp","to":"+16505551234","type":"contacts","contacts":{{Array(10_000, _ => "{}")}}}""",
    ];

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void MalformedBodyYieldsACatalogError(string body)
    {
        var outcome = Parse(body);

        outcome.Succeeded.ShouldBeFalse();
        ValidationCodes.ShouldContain(outcome.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Samples.SendNames), MemberType = typeof(Samples))]
    public void ReplacingOrRemovingAnyValueOfAValidMessageNeverThrows(string sample)
    {
        var json = Samples.Sends[sample];
        var paths = Paths(JsonNode.Parse(json)!, "").ToList();
        paths.Count.ShouldBeGreaterThan(3);
        foreach (var path in paths)
        {
            AssertParses(json.Without(path));
            foreach (var value in OddValues)
            {
                AssertParses(json.With(path, value));
            }
        }
    }

    [Fact]
    public void RandomDocumentsBuiltFromMessageVocabularyNeverThrow()
    {
        var random = new Random(20240611);
        for (var i = 0; i < 3000; i++)
        {
            var body = new StringBuilder("""{"messaging_product":"whatsapp","to":"+16505551234",""");
            body.Append(Key(random)).Append(':').Append(RandomValue(random, depth: 0)).Append('}');
            AssertParses(body.ToString());
        }
    }

    [Fact]
    public void MarkReadRequestsWithOddValuesNeverThrow()
    {
        foreach (var path in new[] { "status", "message_id", "typing_indicator", "typing_indicator.type" })
        {
            foreach (var value in OddValues)
            {
                AssertParses(Samples.MarkReadWithTyping.With(path, value));
            }
        }
    }

    private static void AssertParses(string json)
    {
        var outcome = Should.NotThrow(() => Parse(json), json.Length > 300 ? json[..300] : json);
        if (!outcome.Succeeded)
        {
            ValidationCodes.ShouldContain(outcome.Error.Code, outcome.Error.ToString());
            outcome.Error.Details.Length.ShouldBeLessThan(400, "error details must not echo huge values");
        }
        else
        {
            outcome.Value.ShouldBeAssignableTo<MessageRequest>();
        }
    }

    /// <summary>The path of every value inside a document, in the harness's <c>a.b[0].c</c> syntax.</summary>
    private static IEnumerable<string> Paths(JsonNode node, string prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    yield return path;
                    if (child is not null)
                    {
                        foreach (var inner in Paths(child, path))
                        {
                            yield return inner;
                        }
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var path = $"{prefix}[{i}]";
                    yield return path;
                    foreach (var inner in Paths(array[i]!, path))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    private static readonly string[] Vocabulary =
    [
        "type", "text", "body", "image", "id", "link", "caption", "interactive", "action", "buttons", "reply", "title",
        "sections", "rows", "header", "footer", "template", "name", "language", "code", "components", "parameters",
        "index", "sub_type", "cards", "card_index", "contacts", "phones", "location", "latitude", "reaction", "emoji",
        "message_id", "context", "recipient_type", "button", "product_items", "flow_id", "country", "values",
    ];

    private static string Key(Random random) => $"\"{Vocabulary[random.Next(Vocabulary.Length)]}\"";

    private static string RandomValue(Random random, int depth) => random.Next(depth > 6 ? 6 : 9) switch
    {
        0 => "null",
        1 => random.Next(-200, 200).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => random.Next(2) == 0 ? "true" : "false",
        3 => Key(random),
        4 => "\"https://example.com/x\"",
        5 => Str(random.Next(0, 30)),
        6 or 7 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 5)).Select(_ => Key(random)).Distinct()
            .Select(key => $"{key}:{RandomValue(random, depth + 1)}")) + "}",
        _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(random, depth + 1))) + "]",
    };
}

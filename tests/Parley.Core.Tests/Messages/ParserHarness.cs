using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Messages;

namespace Parley.Core.Tests.Messages;

/// <summary>Runs the parser on JSON text and edits sample payloads by path for compact theories.</summary>
internal static class ParserHarness
{
    /// <summary>A US channel whose own number is +1 555-000-1234.</summary>
    public static readonly SenderContext Sender = new("15550001234", "1");

    public static Outcome<MessageRequest> Parse(string json, SenderContext? sender = null)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4096 });
        return MessageRequestParser.Parse(document.RootElement, sender ?? Sender);
    }

    public static SendMessageRequest ShouldSend(this string json)
    {
        var outcome = Parse(json);
        outcome.Error.ShouldBeNull(outcome.Error?.ToString());
        return outcome.Value.ShouldBeOfType<SendMessageRequest>();
    }

    public static WhatsAppError ShouldFailWith(this string json, int code, string? details = null)
    {
        var outcome = Parse(json);
        outcome.Succeeded.ShouldBeFalse($"expected error {code}");
        outcome.Error.Code.ShouldBe(code, outcome.Error.ToString());
        if (details is not null)
        {
            outcome.Error.Details.ShouldBe(details);
        }
        return outcome.Error;
    }

    /// <summary>
    /// The JSON with the value at <paramref name="path"/> (e.g. <c>interactive.action.buttons[0].reply.title</c>)
    /// replaced by <paramref name="valueJson"/>, or removed when it is null.
    /// </summary>
    public static string With(this string json, string path, string? valueJson)
    {
        var root = JsonNode.Parse(json)!;
        var segments = Segments(path);
        var parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = segment is int index ? parent[index]! : parent[(string)segment]!;
        }
        var value = valueJson is null ? null : JsonNode.Parse(valueJson);
        switch (segments[^1])
        {
            case int index when valueJson is null:
                parent.AsArray().RemoveAt(index);
                break;
            case int index:
                parent[index] = value;
                break;
            case string key when valueJson is null:
                parent.AsObject().Remove(key);
                break;
            case string key:
                parent[key] = value;
                break;
        }
        return root.ToJsonString();
    }

    public static string Without(this string json, string path) => json.With(path, null);

    /// <summary>A JSON string literal of <paramref name="length"/> characters.</summary>
    public static string Str(int length, char c = 'a') => JsonSerializer.Serialize(new string(c, length));

    /// <summary>A JSON array of <paramref name="count"/> items made by <paramref name="item"/>.</summary>
    public static string Array(int count, Func<int, string> item) => $"[{string.Join(",", Enumerable.Range(0, count).Select(item))}]";

    private static object[] Segments(string path)
    {
        var segments = new List<object>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            segments.Add(bracket < 0 ? part : part[..bracket]);
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                segments.Add(int.Parse(part[(bracket + 1)..close], System.Globalization.CultureInfo.InvariantCulture));
                bracket = part.IndexOf('[', close);
            }
        }
        return [.. segments];
    }
}

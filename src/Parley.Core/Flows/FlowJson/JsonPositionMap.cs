using System.Text;
using System.Text.Json;

namespace Parley.Core.Flows.FlowJson;

/// <summary>A 1-based span of a Flow JSON document; the end column is inclusive, as in Meta's validation errors.</summary>
internal readonly record struct JsonSpan(int LineStart, int LineEnd, int ColumnStart, int ColumnEnd);

/// <summary>
/// Maps each JSON pointer of a document (<c>""</c> for the root, <c>/screens/0/id</c> below it) to the span of its
/// value and, for object members, the span of its property name. Built with <see cref="Utf8JsonReader"/> over the
/// document's UTF-8 bytes; columns count characters (UTF-16 units) from the start of the line.
/// </summary>
internal sealed class JsonPositionMap
{
    private readonly Dictionary<string, JsonSpan> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonSpan> _names = new(StringComparer.Ordinal);
    private readonly byte[] _bytes;
    private readonly List<int> _lineStarts = [0];

    private JsonPositionMap(byte[] bytes)
    {
        _bytes = bytes;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') _lineStarts.Add(i + 1);
        }
    }

    /// <summary>Maps a document that already parsed; the reader does not throw on it.</summary>
    public static JsonPositionMap Build(byte[] utf8)
    {
        var map = new JsonPositionMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = FlowComponents.MaxJsonDepth });
        var stack = new Stack<Frame>();
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var top = stack.Peek();
                    top.Pending = reader.GetString();
                    map._names[top.Path + "/" + top.Pending] = map.Span(start, start + reader.ValueSpan.Length + 2);
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    stack.Push(new Frame(ChildPath(stack), reader.TokenType == JsonTokenType.StartArray, start));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    var done = stack.Pop();
                    map._values[done.Path] = map.Span(done.Start, start + 1);
                    break;
                case JsonTokenType.String:
                    map._values[ChildPath(stack)] = map.Span(start, start + reader.ValueSpan.Length + 2);
                    break;
                case JsonTokenType.Comment:
                    break;
                default:
                    map._values[ChildPath(stack)] = map.Span(start, start + reader.ValueSpan.Length);
                    break;
            }
        }
        return map;
    }

    /// <summary>The span of the value at <paramref name="pointer"/>, or of its nearest mapped ancestor.</summary>
    public JsonSpan Value(string pointer)
    {
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (_values.TryGetValue(p, out var span)) return span;
            if (p.Length == 0) return new JsonSpan(1, 1, 1, 1);
        }
    }

    /// <summary>The span of the property name of the member at <paramref name="pointer"/>, else its value's span.</summary>
    public JsonSpan Name(string pointer) => _names.TryGetValue(pointer, out var span) ? span : Value(pointer);

    private static string ChildPath(Stack<Frame> stack)
    {
        if (stack.Count == 0) return "";
        var parent = stack.Peek();
        return parent.IsArray ? parent.Path + "/" + parent.Index++ : parent.Path + "/" + parent.Pending;
    }

    /// <summary>The span from byte <paramref name="start"/> to the byte before <paramref name="end"/>.</summary>
    private JsonSpan Span(int start, int end)
    {
        var (lineStart, columnStart) = Position(start);
        var (lineEnd, columnEnd) = Position(Math.Max(start, end - 1));
        return new JsonSpan(lineStart, lineEnd, columnStart, columnEnd);
    }

    private (int Line, int Column) Position(int offset)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0) line = ~line - 1;
        var lineStart = _lineStarts[line];
        var column = Encoding.UTF8.GetCharCount(_bytes, lineStart, offset - lineStart) + 1;
        return (line + 1, column);
    }

    private sealed class Frame(string path, bool isArray, int start)
    {
        public string Path { get; } = path;
        public bool IsArray { get; } = isArray;
        public int Start { get; } = start;
        public int Index { get; set; }
        public string? Pending { get; set; }
    }
}

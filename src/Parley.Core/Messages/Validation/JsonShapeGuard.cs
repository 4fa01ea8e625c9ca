using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using Parley.Core.Errors;

namespace Parley.Core.Messages.Validation;

/// <summary>
/// One pass over the whole body before validation, rejecting what System.Text.Json would throw on later:
/// nesting deeper than <see cref="Limits.MaxJsonDepth"/>, duplicate keys (a <c>JsonObject</c> cannot hold them)
/// and strings that are not valid UTF-16 (lone surrogates from <c>\uD800</c> escapes). All three are code 100.
/// </summary>
/// <remarks>
/// Every send passes here, so the walk reads raw UTF-8 and materializes no string unless it reports an error (or a key
/// is escaped): keys of an object are compared with each other's raw bytes, escapes are checked for lone surrogates
/// without decoding, and the path of a value is only spelled out for an error. Children are visited last first, depth
/// first, so a body with several problems reports the one it always has.
/// </remarks>
internal static class JsonShapeGuard
{
    /// <summary>Above this many keys an object's duplicates are found with a set instead of by comparing each pair.</summary>
    private const int PairwiseKeyLimit = 32;

    public static WhatsAppError? Check(JsonElement body)
    {
        var walk = new Walk { Children = ArrayPool<Child>.Shared.Rent(64) };
        Span<int> trail = stackalloc int[Limits.MaxJsonDepth + 2];
        try
        {
            return Visit(ref walk, trail, body, 1);
        }
        finally
        {
            ArrayPool<Child>.Shared.Return(walk.Children, clearArray: true);
        }
    }

    private static WhatsAppError? Visit(ref Walk walk, Span<int> trail, JsonElement element, int depth)
    {
        if (depth > Limits.MaxJsonDepth && element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            return Invalid($"Param {ParamPath.Display(PathOf(walk, trail, depth))} is nested more than {Limits.MaxJsonDepth} levels deep.");
        }
        var start = walk.Count;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? names = null;
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsValidText(JsonMarshal.GetRawUtf8PropertyName(property)))
                    {
                        return Invalid($"Param {ParamPath.Display(PathOf(walk, trail, depth))} has a key that is not valid UTF-16 text.");
                    }
                    if (IsDuplicate(ref walk, start, property, ref names))
                    {
                        return Invalid($"Duplicate key \"{ValidationState.Echo(property.Name)}\" on param \"{ParamPath.Display(PathOf(walk, trail, depth))}\".");
                    }
                    walk.Add(new Child(property, default, -1));
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    walk.Add(new Child(default, item, index++));
                }
                break;
            case JsonValueKind.String when !IsValidText(JsonMarshal.GetRawUtf8Value(element)):
                return Invalid($"Param {ParamPath.Display(PathOf(walk, trail, depth))} is not valid UTF-16 text.");
        }
        for (var i = walk.Count - 1; i >= start; i--)
        {
            trail[depth + 1] = i;
            if (Visit(ref walk, trail, walk.Children[i].Value, depth + 1) is { } error)
            {
                return error;
            }
        }
        walk.Count = start;
        return null;
    }

    /// <summary>
    /// Whether an earlier key of the object (the children from <paramref name="start"/>) has the same unescaped name.
    /// Small objects compare raw names pair by pair; a large one switches to a set once, so no body costs quadratic time.
    /// </summary>
    private static bool IsDuplicate(ref Walk walk, int start, JsonProperty property, ref HashSet<string>? names)
    {
        var count = walk.Count - start;
        if (names is null && count >= PairwiseKeyLimit)
        {
            names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = start; i < walk.Count; i++)
            {
                names.Add(walk.Children[i].Property.Name);
            }
        }
        if (names is not null)
        {
            return !names.Add(property.Name);
        }
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        var escaped = raw.IndexOf((byte)'\\') >= 0;
        var name = escaped ? property.Name : null;
        for (var i = start; i < walk.Count; i++)
        {
            var earlier = walk.Children[i].Property;
            if (escaped ? earlier.NameEquals(name) : earlier.NameEquals(raw))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether the raw text of a JSON string (a value or a key) decodes to valid UTF-16: its bytes must be
    /// valid UTF-8 (the reader does not check inside strings; decoding would throw), and no <c>\u</c> escape may make
    /// a lone surrogate.
    /// </summary>
    internal static bool IsValidText(ReadOnlySpan<byte> raw)
    {
        if (!Utf8.IsValid(raw))
        {
            return false;
        }
        var i = raw.IndexOf((byte)'\\');
        if (i < 0)
        {
            return true;
        }
        while (i < raw.Length)
        {
            if (raw[i] != '\\')
            {
                i++;
                continue;
            }
            if (raw[i + 1] != 'u')
            {
                i += 2;
                continue;
            }
            var unit = Hex4(raw.Slice(i + 2, 4));
            i += 6;
            if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                return false;
            }
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 6 > raw.Length || raw[i] != '\\' || raw[i + 1] != 'u' || Hex4(raw.Slice(i + 2, 4)) is < 0xDC00 or > 0xDFFF)
                {
                    return false;
                }
                i += 6;
            }
        }
        return true;
    }

    private static int Hex4(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value << 4) | (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10);
        }
        return value;
    }

    /// <summary>The parameter path of the value at <paramref name="depth"/>, spelled out from the trail of children walked to it.</summary>
    private static string PathOf(in Walk walk, ReadOnlySpan<int> trail, int depth)
    {
        var path = ParamPath.Root;
        for (var level = 2; level <= depth; level++)
        {
            var child = walk.Children[trail[level]];
            path = child.Index < 0 ? ParamPath.Child(path, child.Property.Name) : ParamPath.Item(path, child.Index);
        }
        return path;
    }

    private static WhatsAppError Invalid(string details) => ErrorCatalog.InvalidParameter.With(details);

    /// <summary>A key of an object (<see cref="Index"/> −1) or an item of an array.</summary>
    private readonly record struct Child(JsonProperty Property, JsonElement Item, int Index)
    {
        public JsonElement Value => Index < 0 ? Property.Value : Item;
    }

    /// <summary>The children of every object and array on the current path, in one pooled buffer used as a stack.</summary>
    private struct Walk
    {
        public Child[] Children;
        public int Count;

        public void Add(Child child)
        {
            if (Count == Children.Length)
            {
                var larger = ArrayPool<Child>.Shared.Rent(Children.Length * 2);
                Children.AsSpan(0, Count).CopyTo(larger);
                ArrayPool<Child>.Shared.Return(Children, clearArray: true);
                Children = larger;
            }
            Children[Count++] = child;
        }
    }
}

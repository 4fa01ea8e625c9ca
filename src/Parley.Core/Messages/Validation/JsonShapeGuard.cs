using System.Text.Json;
using Parley.Core.Errors;

namespace Parley.Core.Messages.Validation;

/// <summary>
/// One pass over the whole body before validation, rejecting what System.Text.Json would throw on later:
/// nesting deeper than <see cref="Limits.MaxJsonDepth"/>, duplicate keys (a <c>JsonObject</c> cannot hold them)
/// and strings that are not valid UTF-16 (lone surrogates from <c>\uD800</c> escapes). All three are code 100.
/// </summary>
internal static class JsonShapeGuard
{
    public static WhatsAppError? Check(JsonElement body)
    {
        var pending = new Stack<(JsonElement Element, string Path, int Depth)>();
        pending.Push((body, ParamPath.Root, 1));
        while (pending.Count > 0)
        {
            var (element, path, depth) = pending.Pop();
            if (depth > Limits.MaxJsonDepth && element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return Invalid($"Param {ParamPath.Display(path)} is nested more than {Limits.MaxJsonDepth} levels deep.");
            }
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var property in element.EnumerateObject())
                    {
                        if (!TryRead(() => property.Name, out var name))
                        {
                            return Invalid($"Param {ParamPath.Display(path)} has a key that is not valid UTF-16 text.");
                        }
                        if (!names.Add(name))
                        {
                            return Invalid($"Duplicate key \"{ValidationState.Echo(name)}\" on param \"{ParamPath.Display(path)}\".");
                        }
                        pending.Push((property.Value, ParamPath.Child(path, name), depth + 1));
                    }
                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        pending.Push((item, ParamPath.Item(path, index++), depth + 1));
                    }
                    break;
                case JsonValueKind.String when !TryRead(element.GetString, out _):
                    return Invalid($"Param {ParamPath.Display(path)} is not valid UTF-16 text.");
            }
        }
        return null;
    }

    private static WhatsAppError Invalid(string details) => ErrorCatalog.InvalidParameter.With(details);

    /// <summary>System.Text.Json offers no non-throwing way to decode an escaped string, so this is the one catch.</summary>
    private static bool TryRead(Func<string?> read, out string value)
    {
        try
        {
            value = read() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = string.Empty;
            return false;
        }
    }
}

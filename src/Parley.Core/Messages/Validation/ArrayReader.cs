using System.Text.Json;

namespace Parley.Core.Messages.Validation;

/// <summary>Reads a JSON array of objects found by <see cref="ObjectReader"/>; its count was already checked.</summary>
internal readonly struct ArrayReader(ValidationState state, JsonElement element, string path)
{
    public string Path { get; } = path;

    public bool IsPresent => element.ValueKind == JsonValueKind.Array;

    public int Count => IsPresent ? element.GetArrayLength() : 0;

    /// <summary>Each item as an object (100 for an item that is not one); stops at the first error.</summary>
    public IEnumerable<ObjectReader> Objects()
    {
        if (!IsPresent)
        {
            yield break;
        }
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (state.Failed)
            {
                yield break;
            }
            var itemPath = ParamPath.Item(Path, index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                state.WrongType(itemPath, "an object");
                yield break;
            }
            yield return new ObjectReader(state, item, itemPath);
        }
    }
}

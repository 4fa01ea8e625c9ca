namespace Parley.Core.Messages.Validation;

/// <summary>Builds parameter paths the way the Graph API names them: <c>interactive['action']['buttons'][0]</c>.</summary>
internal static class ParamPath
{
    public const string Root = "";

    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}['{key}']";

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The name used for a path in messages; the message object itself is called <c>message</c>.</summary>
    public static string Display(string path) => path.Length == 0 ? "message" : path;
}

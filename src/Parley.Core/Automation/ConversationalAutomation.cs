using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Errors;

namespace Parley.Core.Automation;

/// <summary>A command a WhatsApp user sees when typing <c>/</c> in the chat (S <c>BotCommand</c>): its name, without the slash, and its hint.</summary>
public sealed record AutomationCommand(string Name, string Description);

/// <summary>
/// A business number's conversational components (M:business-phone-numbers/conversational-components; S
/// <c>ConversationalAutomationRequest</c>): whether WhatsApp tells the business when a user opens the chat for the first
/// time (the <c>request_welcome</c> message), the ice breakers (<c>prompts</c>) a new chat shows, and the commands a user
/// sees after typing <c>/</c>. One value for every dialect.
/// </summary>
public sealed record ConversationalAutomation(bool EnableWelcomeMessage, IReadOnlyList<string> Prompts, IReadOnlyList<AutomationCommand> Commands)
{
    /// <summary>What a number has before anything is set: S defaults (<c>false</c>, <c>[]</c>, <c>[]</c>).</summary>
    public static readonly ConversationalAutomation None = new(false, [], []);

    /// <summary>The three parameters of the request, as Meta names them.</summary>
    public const string EnableWelcomeMessageName = "enable_welcome_message", PromptsName = "prompts", CommandsName = "commands";

    /// <summary>The request's JSON form, and the object <c>GET /{phone-number-id}?fields=conversational_automation</c> answers.</summary>
    public JsonObject ToJson() => new()
    {
        [EnableWelcomeMessageName] = EnableWelcomeMessage,
        [PromptsName] = new JsonArray([.. Prompts.Select(p => (JsonNode)p)]),
        [CommandsName] = new JsonArray([.. Commands.Select(c => (JsonNode)new JsonObject { ["command_name"] = c.Name, ["command_description"] = c.Description })]),
    };

    /// <summary>A stored value (<see cref="ToJson"/>) read back; <see cref="None"/> for nothing stored.</summary>
    public static ConversationalAutomation FromStored(string? json) =>
        json is null || JsonNode.Parse(json) is not JsonObject stored ? None : AutomationRules.Apply(None, stored).Value ?? None;

    /// <summary>The command a user's text types (<c>/help</c>, <c>/help me</c>), if it is one of these commands.</summary>
    public AutomationCommand? CommandOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith('/'))
        {
            return null;
        }
        var name = text[1..].Split(' ', 2)[0];
        return Commands.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// WhatsApp's limits on conversational components (M:business-phone-numbers/conversational-components, "Ice breakers"
/// and "Commands": at most 4 ice breakers of 80 characters, at most 30 commands with a name of 32 characters and a hint
/// of 256, no emojis), checked as Graph checks parameters: code 100, the cause in the details. Meta's OpenAPI file
/// (S <c>ConversationalAutomationRequest</c>) says 3 prompts and 30-character names; the product page and 1msg both say
/// 4 and 32, which Parley follows (docs/automation.md).
/// </summary>
public static class AutomationRules
{
    public const int MaxPrompts = 4;
    public const int MaxPromptLength = 80;
    public const int MaxCommands = 30;
    public const int MaxCommandNameLength = 32;
    public const int MaxCommandDescriptionLength = 256;

    /// <summary>
    /// <paramref name="current"/> with the parameters <paramref name="request"/> carries: each one given replaces the
    /// stored one (an empty array clears it), the others stay (UNCONFIRMED: Meta does not say whether an omitted
    /// parameter is kept or reset; keeping it is what a caller who sets one thing expects).
    /// </summary>
    public static Outcome<ConversationalAutomation> Apply(ConversationalAutomation current, JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(request);
        var result = current;
        if (request[ConversationalAutomation.EnableWelcomeMessageName] is { } enable)
        {
            if (enable is not JsonValue value || value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Invalid("Param enable_welcome_message must be a boolean.");
            }
            result = result with { EnableWelcomeMessage = value.GetValue<bool>() };
        }
        if (request[ConversationalAutomation.PromptsName] is { } promptsNode)
        {
            var prompts = Prompts(promptsNode);
            if (!prompts.Succeeded)
            {
                return prompts.Error;
            }
            result = result with { Prompts = prompts.Value };
        }
        if (request[ConversationalAutomation.CommandsName] is { } commandsNode)
        {
            var commands = Commands(commandsNode);
            if (!commands.Succeeded)
            {
                return commands.Error;
            }
            result = result with { Commands = commands.Value };
        }
        return result;
    }

    private static Outcome<IReadOnlyList<string>> Prompts(JsonNode node)
    {
        if (node is not JsonArray array)
        {
            return Invalid("Param prompts must be an array of strings.");
        }
        if (array.Count > MaxPrompts)
        {
            return Invalid($"Too many prompts provided. Maximum allowed is {MaxPrompts}.");
        }
        var prompts = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (Text(item) is not { } prompt || prompt.Trim().Length == 0)
            {
                return Invalid("Param prompts must be an array of non-empty strings.");
            }
            if (Length(prompt) > MaxPromptLength)
            {
                return Invalid($"Prompt text exceeds maximum length of {MaxPromptLength} characters.");
            }
            if (HasEmoji(prompt))
            {
                return Invalid("Emojis are not supported in prompts.");
            }
            prompts.Add(prompt);
        }
        return prompts;
    }

    private static Outcome<IReadOnlyList<AutomationCommand>> Commands(JsonNode node)
    {
        if (node is not JsonArray array)
        {
            return Invalid("Param commands must be an array of objects with command_name and command_description.");
        }
        if (array.Count > MaxCommands)
        {
            return Invalid($"Too many commands provided. Maximum allowed is {MaxCommands}.");
        }
        var commands = new List<AutomationCommand>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonObject command || Text(command["command_name"]) is not { Length: > 0 } name || Text(command["command_description"]) is not { } description)
            {
                return Invalid("Each command needs command_name and command_description (strings).");
            }
            if (Length(name) > MaxCommandNameLength)
            {
                return Invalid($"Command name exceeds maximum length of {MaxCommandNameLength} characters.");
            }
            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return Invalid("Invalid command name format. Command names must contain only alphanumeric characters and underscores (no leading slash).");
            }
            if (description.Trim().Length == 0 || Length(description) > MaxCommandDescriptionLength)
            {
                return Invalid($"Command description must be 1 to {MaxCommandDescriptionLength} characters.");
            }
            if (HasEmoji(description))
            {
                return Invalid("Emojis are not supported in command descriptions.");
            }
            if (commands.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return Invalid($"Command names must be unique: '{name}' is given twice.");
            }
            commands.Add(new AutomationCommand(name, description));
        }
        return commands;
    }

    /// <summary>Characters as a user counts them: one per Unicode scalar (an astral character is one).</summary>
    private static int Length(string text) => text.EnumerateRunes().Count();

    /// <summary>Pictographs and the emoji presentation selector: what WhatsApp shows as emoji.</summary>
    private static bool HasEmoji(string text) =>
        text.EnumerateRunes().Any(r => r.Value == 0xFE0F || (r.Value >= 0x1F000 && r.Value <= 0x1FAFF)
            || (r.Value >= 0x2600 && r.Value <= 0x27BF) || (Rune.GetUnicodeCategory(r) == UnicodeCategory.OtherSymbol && r.Value > 0xFFFF));

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static WhatsAppError Invalid(string details) => ErrorCatalog.InvalidParameter.With(details);
}

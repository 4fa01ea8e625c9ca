using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// A canonical group event (a Cloud API <c>groups[]</c> item, <see cref="Core.Groups.GroupEvents"/>) as an item of
/// the 1msg webhook's <c>groupEvents[]</c>. 1msg says its webhook carries "group events" (seed 000, Set webhook) but
/// documents no shape for them, so Parley's is the Cloud API item in 1msg's style: every key in camelCase
/// (<c>group_id</c> → <c>groupId</c>, <c>added_participants</c> → <c>addedParticipants</c>), <c>timestamp</c> as
/// <c>time</c> (unix seconds, a number, as in <c>messages[]</c> and <c>ack[]</c>), the group's 1msg <c>chatId</c>
/// (<c>…@g.us</c>), and each participant's <c>chatId</c> (<c>digits@c.us</c>, or <c>BSUID@bsuid</c>). A join request
/// names the user who asked as its <c>author</c>, as a 1msg message names who wrote it.
/// </summary>
internal static class OneMsgGroupEvents
{
    /// <summary>The arrays of participants in a group event.</summary>
    private static readonly HashSet<string> ParticipantLists = ["added_participants", "removed_participants", "failed_participants"];

    public static void Write(Utf8JsonWriter w, string payload)
    {
        ArgumentNullException.ThrowIfNull(w);
        using var document = JsonDocument.Parse(payload);
        var item = document.RootElement;
        w.WriteStartObject();
        if ((Text(item, "wa_id") ?? Text(item, "user_id")) is { } requester)
        {
            w.WriteString("author", OneMsgRecipient.ChatId(requester));
        }
        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name)
            {
                case "timestamp":
                    w.WriteNumber("time", long.TryParse(property.Value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0);
                    break;
                case "group_id":
                    w.WriteString("chatId", OneMsgRecipient.ChatId(property.Value.GetString() ?? "", isGroup: true));
                    w.WriteString("groupId", property.Value.GetString());
                    break;
                case var list when ParticipantLists.Contains(list) && property.Value.ValueKind == JsonValueKind.Array:
                    w.WriteStartArray(CamelCase(list));
                    foreach (var participant in property.Value.EnumerateArray())
                    {
                        WriteParticipant(w, participant);
                    }
                    w.WriteEndArray();
                    break;
                default:
                    w.WritePropertyName(CamelCase(property.Name));
                    WriteCamelCase(w, property.Value);
                    break;
            }
        }
        w.WriteEndObject();
    }

    /// <summary>A participant with its 1msg chat id (by phone number, else by BSUID; none when only the business's input is known).</summary>
    private static void WriteParticipant(Utf8JsonWriter w, JsonElement participant)
    {
        if (participant.ValueKind != JsonValueKind.Object)
        {
            WriteCamelCase(w, participant);
            return;
        }
        w.WriteStartObject();
        var identity = Text(participant, "wa_id") ?? Text(participant, "user_id");
        if (identity is not null)
        {
            w.WriteString("chatId", OneMsgRecipient.ChatId(identity));
        }
        foreach (var property in participant.EnumerateObject())
        {
            w.WritePropertyName(CamelCase(property.Name));
            WriteCamelCase(w, property.Value);
        }
        w.WriteEndObject();
    }

    private static void WriteCamelCase(Utf8JsonWriter w, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    w.WritePropertyName(CamelCase(property.Name));
                    WriteCamelCase(w, property.Value);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var element in value.EnumerateArray())
                {
                    WriteCamelCase(w, element);
                }
                w.WriteEndArray();
                break;
            default:
                value.WriteTo(w);
                break;
        }
    }

    /// <summary><c>snake_case</c> → <c>camelCase</c>: <c>update_successful</c> → <c>updateSuccessful</c>.</summary>
    public static string CamelCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.Contains('_', StringComparison.Ordinal))
        {
            return name;
        }
        var camel = new StringBuilder(name.Length);
        var upper = false;
        foreach (var c in name)
        {
            if (c == '_')
            {
                upper = camel.Length > 0;
                continue;
            }
            camel.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return camel.ToString();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

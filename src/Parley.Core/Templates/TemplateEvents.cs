using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Core.Templates;

/// <summary>
/// The <c>value</c> of a <c>message_template_status_update</c> webhook (digest §3.7):
/// <c>{event, message_template_id, message_template_name, message_template_language, reason, message_template_category, …}</c>.
/// </summary>
public static class TemplateEvents
{
    public static string StatusUpdate(MessageTemplate template, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(template);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("event", template.Status);
            w.WriteNumber("message_template_id", long.Parse(template.Id, CultureInfo.InvariantCulture));
            w.WriteString("message_template_name", template.Name);
            w.WriteString("message_template_language", template.Language);
            w.WriteString("reason", template.Status == TemplateStatuses.Rejected ? template.RejectedReason : TemplateRejectionReasons.None);
            w.WriteString("message_template_category", template.Category);
            if (template.Status == TemplateStatuses.Paused)
            {
                w.WriteStartObject("other_info");
                w.WriteString("title", "FIRST_PAUSE");
                w.WriteString("description", "Your message template has been paused because of low quality.");
                w.WriteEndObject();
            }
            if (template.Status == TemplateStatuses.Disabled)
            {
                w.WriteStartObject("disable_info");
                w.WriteNumber("disable_date", at.ToUnixTimeSeconds());
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

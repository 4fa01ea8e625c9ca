namespace Parley.Core.Tests.Flows;

/// <summary>Readable Flow JSON documents the tests start from, and a way to find where a piece of one sits.</summary>
internal static class FlowSamples
{
    /// <summary>A two-screen flow without an endpoint: a form, then a terminal screen that completes with its answers.</summary>
    public const string TableBooking = """
        {
          "version": "7.0",
          "screens": [
            {
              "id": "WELCOME",
              "title": "Welcome",
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  { "type": "TextHeading", "text": "Book a table" },
                  { "type": "TextInput", "name": "guest_name", "label": "Your name", "required": true },
                  {
                    "type": "Dropdown",
                    "name": "party_size",
                    "label": "Guests",
                    "data-source": [ { "id": "2", "title": "Two" }, { "id": "4", "title": "Four" } ]
                  },
                  {
                    "type": "Footer",
                    "label": "Continue",
                    "on-click-action": {
                      "name": "navigate",
                      "next": { "type": "screen", "name": "CONFIRM" },
                      "payload": { "guest_name": "${form.guest_name}", "party_size": "${form.party_size}" }
                    }
                  }
                ]
              }
            },
            {
              "id": "CONFIRM",
              "title": "Confirm",
              "terminal": true,
              "success": true,
              "data": {
                "guest_name": { "type": "string", "__example__": "Ada" },
                "party_size": { "type": "string", "__example__": "2" }
              },
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  { "type": "TextBody", "text": "${data.guest_name}, we hold a table for you." },
                  { "type": "OptIn", "name": "reminders", "label": "Send me a reminder" },
                  {
                    "type": "Footer",
                    "label": "Book",
                    "on-click-action": {
                      "name": "complete",
                      "payload": {
                        "guest_name": "${data.guest_name}",
                        "party_size": "${data.party_size}",
                        "reminders": "${form.reminders}",
                        "source": "flow"
                      }
                    }
                  }
                ]
              }
            }
          ]
        }
        """;

    /// <summary>A three-screen flow with an endpoint: data_exchange, then navigate, then complete, with its routing model.</summary>
    public const string Appointment = """
        {
          "version": "7.1",
          "data_api_version": "3.0",
          "routing_model": {
            "APPOINTMENT": ["DETAILS"],
            "DETAILS": ["SUMMARY"],
            "SUMMARY": []
          },
          "screens": [
            {
              "id": "APPOINTMENT",
              "title": "Appointment",
              "data": { "departments": { "type": "array", "items": { "type": "object" }, "__example__": [] } },
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  {
                    "type": "Form",
                    "name": "appointment_form",
                    "children": [
                      {
                        "type": "RadioButtonsGroup",
                        "name": "department",
                        "data-source": "${data.departments}",
                        "on-select-action": { "name": "data_exchange", "payload": { "department": "${form.department}" } }
                      },
                      { "type": "DatePicker", "name": "date", "label": "Date" },
                      {
                        "type": "Footer",
                        "label": "Continue",
                        "on-click-action": { "name": "data_exchange", "payload": { "department": "${form.department}", "date": "${form.date}" } }
                      }
                    ]
                  }
                ]
              }
            },
            {
              "id": "DETAILS",
              "title": "Your details",
              "refresh_on_back": true,
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  { "type": "TextInput", "name": "email", "label": "Email", "input-type": "email" },
                  {
                    "type": "Footer",
                    "label": "Review",
                    "on-click-action": { "name": "navigate", "next": { "type": "screen", "name": "SUMMARY" }, "payload": {} }
                  }
                ]
              }
            },
            {
              "id": "SUMMARY",
              "title": "Summary",
              "terminal": true,
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  { "type": "TextBody", "text": "All set." },
                  {
                    "type": "Footer",
                    "label": "Confirm",
                    "on-click-action": { "name": "complete", "payload": { "email": "${screen.DETAILS.form.email}", "confirmed": true } }
                  }
                ]
              }
            }
          ]
        }
        """;

    /// <summary>Replaces <paramref name="old"/>, which must occur, so a test never checks an edit that did not happen.</summary>
    public static string Edit(this string json, string old, string replacement) =>
        json.Contains(old, StringComparison.Ordinal) ? json.Replace(old, replacement, StringComparison.Ordinal) : throw new ArgumentException($"'{old}' is not in the document.", nameof(old));

    /// <summary>The 1-based line and column where <paramref name="needle"/> first occurs in <paramref name="json"/>.</summary>
    public static (int Line, int Column) Find(string json, string needle)
    {
        var offset = json.IndexOf(needle, StringComparison.Ordinal);
        if (offset < 0) throw new ArgumentException($"'{needle}' is not in the document.", nameof(needle));
        var before = json[..offset];
        var line = before.Count(c => c == '\n') + 1;
        var column = offset - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }
}

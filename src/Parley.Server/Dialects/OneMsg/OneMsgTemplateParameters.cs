using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// sendTemplate's <c>currency</c> and <c>date_time</c> parameters as seed 000 documents them ("Send Template Message"),
/// mapped onto the Cloud API's (cloud-api-digest §1.6):
/// <c>currency{currency_code, amount_1000, fallback_value}</c> → <c>currency{code, amount_1000, fallback_value}</c>;
/// <c>date_time{component{…} | unix_epoch{timestamp}, fallback_value}</c> → <c>date_time{fallback_value, …the component's
/// fields | timestamp}</c>. The Cloud API renders only <c>fallback_value</c> and requires it; 1msg calls it the "default text
/// if localization fails", so where it is left out Parley writes one from the value (UNCONFIRMED: 1msg's own behaviour is
/// not documented). Parameters in the Cloud API's own shape pass unchanged.
/// </summary>
internal static class OneMsgTemplateParameters
{
    /// <summary>The On-Premises date-time components and their ranges (1msg's <c>component</c> object).</summary>
    private static readonly (string Name, int Min, int Max)[] Components =
        [("year", 1, 9999), ("month", 1, 12), ("day_of_month", 1, 31), ("day_of_week", 1, 7), ("hour", 0, 23), ("minute", 0, 59)];

    private static readonly string[] Calendars = ["GREGORIAN", "SOLAR_HIJRI"];

    private static readonly string[] DateParts = ["year", "month", "day_of_month"];

    public static Outcome<JsonObject> Map(JsonObject parameter, string path)
    {
        var mapped = parameter.DeepClone().AsObject();
        var type = OneMsgFields.Text(parameter, "type");
        if (type == "currency" && parameter["currency"] is JsonObject currency)
        {
            var result = Currency(currency, path + ".currency");
            if (!result.Succeeded)
            {
                return result.Error;
            }
            mapped["currency"] = result.Value;
        }
        else if (type == "date_time" && parameter["date_time"] is JsonObject dateTime)
        {
            var result = DateTime(dateTime, path + ".date_time");
            if (!result.Succeeded)
            {
                return result.Error;
            }
            mapped["date_time"] = result.Value;
        }
        return mapped;
    }

    private static Outcome<JsonObject> Currency(JsonObject currency, string path)
    {
        var result = currency.DeepClone().AsObject();
        if (currency.ContainsKey("currency_code"))
        {
            if (currency.ContainsKey("code"))
            {
                return OneMsgMapper.Invalid($"{path}: give currency_code or code, not both.");
            }
            result.Remove("currency_code");
            if (OneMsgFields.Text(currency, "currency_code") is not { Length: 3 } code || !code.All(char.IsAsciiLetterUpper))
            {
                return OneMsgMapper.Invalid($"{path}.currency_code must be an ISO 4217 currency code such as USD.");
            }
            result["code"] = code;
        }
        if (!OneMsgFields.Has(result, "code"))
        {
            return OneMsgMapper.Missing(path + ".currency_code");
        }
        if (currency["amount_1000"] is not JsonValue amountValue || !TryInteger(amountValue, out var amount))
        {
            return OneMsgFields.Has(currency, "amount_1000")
                ? OneMsgMapper.Invalid($"{path}.amount_1000 must be an integer: the amount multiplied by 1000.")
                : OneMsgMapper.Missing(path + ".amount_1000");
        }
        result["amount_1000"] = amount;
        if (!OneMsgFields.Has(currency, "fallback_value") && OneMsgFields.Text(result, "code") is { } currencyCode)
        {
            result["fallback_value"] = string.Create(CultureInfo.InvariantCulture, $"{amount / 1000m:0.00} {currencyCode}");
        }
        return result;
    }

    private static Outcome<JsonObject> DateTime(JsonObject dateTime, string path)
    {
        var result = dateTime.DeepClone().AsObject();
        if (dateTime.ContainsKey("component") && dateTime.ContainsKey("unix_epoch"))
        {
            return OneMsgMapper.Invalid($"{path}: give component or unix_epoch, not both.");
        }
        string? fallback = null;
        if (dateTime.ContainsKey("component"))
        {
            result.Remove("component");
            if (dateTime["component"] is not JsonObject component)
            {
                return OneMsgMapper.Invalid($"{path}.component must be an object (year, month, day_of_month, day_of_week, hour, minute).");
            }
            var fields = new Dictionary<string, long>();
            foreach (var (name, min, max) in Components)
            {
                if (!component.ContainsKey(name))
                {
                    continue;
                }
                if (component[name] is not JsonValue value || !TryInteger(value, out var number) || number < min || number > max)
                {
                    return OneMsgMapper.Invalid($"{path}.component.{name} must be an integer from {min} to {max}.");
                }
                result[name] = number;
                fields[name] = number;
            }
            if (component["calendar"] is { } calendarNode)
            {
                if (OneMsgFields.Text(component, "calendar") is not { } calendar || !Calendars.Contains(calendar))
                {
                    return OneMsgMapper.Invalid($"{path}.component.calendar must be GREGORIAN or SOLAR_HIJRI.");
                }
                result["calendar"] = calendarNode.DeepClone();
            }
            if (component.Select(p => p.Key).FirstOrDefault(k => k != "calendar" && !Components.Any(c => c.Name == k)) is { } unknown)
            {
                return OneMsgMapper.Invalid($"{path}.component.{unknown} is not a date-time component.");
            }
            fallback = ComponentText(fields);
        }
        else if (dateTime.ContainsKey("unix_epoch"))
        {
            result.Remove("unix_epoch");
            if (dateTime["unix_epoch"] is not JsonObject epoch || epoch["timestamp"] is not JsonValue stamp || !TryInteger(stamp, out var seconds)
                || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return OneMsgMapper.Invalid($"{path}.unix_epoch must be {{\"timestamp\": <Unix time in seconds>}}.");
            }
            result["timestamp"] = seconds;
            fallback = DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        }
        if (!OneMsgFields.Has(dateTime, "fallback_value"))
        {
            if (fallback is not { Length: > 0 })
            {
                return OneMsgMapper.Missing(path + ".fallback_value (or component or unix_epoch)");
            }
            result["fallback_value"] = fallback;
        }
        return result;
    }

    /// <summary>The components given, as <c>2026-02-25 15:33</c> (or the part of it they name).</summary>
    private static string ComponentText(Dictionary<string, long> fields)
    {
        var date = string.Join('-', DateParts
            .Where(fields.ContainsKey)
            .Select(name => fields[name].ToString(name == "year" ? "0000" : "00", CultureInfo.InvariantCulture)));
        var time = fields.TryGetValue("hour", out var hour)
            ? string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{fields.GetValueOrDefault("minute"):00}")
            : "";
        return string.Join(' ', new[] { date, time }.Where(part => part.Length > 0));
    }

    /// <summary>A whole number given as a JSON number or as text (a form body).</summary>
    private static bool TryInteger(JsonValue value, out long number)
    {
        number = 0;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.TryGetValue(out number),
            JsonValueKind.String => long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }
}

using System.Text.RegularExpressions;

namespace Parley.Server.Admin;

/// <summary>Collects per-field problems of an admin request, answered as a validation problem (400).</summary>
internal sealed partial class AdminValidation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    [GeneratedRegex("^[0-9]{1,32}$")]
    public static partial Regex ObjectId();

    [GeneratedRegex("^[0-9]{7,15}$")]
    public static partial Regex PhoneDigits();

    [GeneratedRegex("^[1-9][0-9]{0,2}$")]
    public static partial Regex CountryCallingCode();

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors;

    public AdminValidation Require(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
        }
        return this;
    }

    public AdminValidation Match(string field, string? value, Regex pattern, string description)
    {
        if (value is not null && !pattern.IsMatch(value))
        {
            Add(field, description);
        }
        return this;
    }

    public AdminValidation MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"must be at most {max} characters long");
        }
        return this;
    }

    public AdminValidation Check(string field, bool ok, string problem)
    {
        if (!ok)
        {
            Add(field, problem);
        }
        return this;
    }

    public void Add(string field, string problem) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, problem] : [problem];
}

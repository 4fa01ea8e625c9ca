using System.Globalization;

namespace Parley.Bench;

/// <summary>The few <c>--name value</c> options of a command; unknown or malformed options are errors.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = [];

    private BenchArgs(Dictionary<string, string> values) => _values = values;

    public static BenchArgs Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
            {
                throw new ArgumentException($"Expected an option such as --duration, got '{name}'.");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }

            if (!values.TryAdd(name[2..], args[i + 1]))
            {
                throw new ArgumentException($"Option {name} is given twice.");
            }
        }

        return new BenchArgs(values);
    }

    public string Text(string name) =>
        Find(name) ?? throw new ArgumentException($"Option --{name} is required.");

    public string? OptionalText(string name) => Find(name);

    public Uri Url(string name)
    {
        var text = Text(name);
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp
            ? url
            : throw new ArgumentException($"Option --{name} must be an absolute http:// URL, got '{text}'.");
    }

    public int Int(string name, int fallback, int minimum = 1)
    {
        var text = Find(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException($"Option --{name} must be an integer ≥ {minimum}, got '{text}'.");
    }

    public int? OptionalInt(string name) => Find(name) is null ? null : Int(name, 0);

    /// <summary><c>--store sqlite|postgres</c> (default sqlite): which of issue 16's targets apply.</summary>
    public Store StoreOption() => Find("store") switch
    {
        null or "sqlite" => Store.Sqlite,
        "postgres" => Store.Postgres,
        var other => throw new ArgumentException($"Option --store must be sqlite or postgres, got '{other}'."),
    };

    public IReadOnlyList<string> Texts(string name) => Find(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];

    public IReadOnlyList<int> Ints(string name)
    {
        var text = Find(name);
        if (text is null)
        {
            return [];
        }

        return text.Split(',').Select(part =>
                int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                    ? value
                    : throw new ArgumentException($"Option --{name} must be comma-separated positive integers, got '{text}'."))
            .ToList();
    }

    public TimeSpan Seconds(string name, double fallback, bool allowZero = false)
    {
        var text = Find(name);
        if (text is null)
        {
            return TimeSpan.FromSeconds(fallback);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && (value > 0 || (allowZero && value == 0)) && value <= 3600
            ? TimeSpan.FromSeconds(value)
            : throw new ArgumentException($"Option --{name} must be a number of seconds ({(allowZero ? "0" : "> 0")} to 3600), got '{text}'.");
    }

    /// <summary>Fails on options that no one asked for, so a typo never silently falls back to a default.</summary>
    public void EnsureAllRead()
    {
        var unknown = _values.Keys.Where(name => !_read.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", unknown.Select(name => "--" + name))}.");
        }
    }

    private string? Find(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }
}

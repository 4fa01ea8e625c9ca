using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Parley.Core.Errors;

namespace Parley.Core.Versions;

/// <summary>A Graph API version, <c>vMAJOR.MINOR</c> (<c>v24.0</c>); ordered, so rules read as <c>version &gt;= GraphVersions.V24</c>.</summary>
public readonly record struct GraphVersion(int Major, int Minor) : IComparable<GraphVersion>
{
    public int CompareTo(GraphVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(GraphVersion left, GraphVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(GraphVersion left, GraphVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(GraphVersion left, GraphVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(GraphVersion left, GraphVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"v{Major}.{Minor}");

    /// <summary>A segment of the form <c>vNN.N</c> (digits only, lowercase <c>v</c>), known or not.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out GraphVersion version)
    {
        version = default;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (text is null || dot < 2 || text[0] != 'v' || !Digits(text.AsSpan(1, dot - 1)) || !Digits(text.AsSpan(dot + 1))
            || !int.TryParse(text.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }
        version = new GraphVersion(major, minor);
        return true;
    }

    private static readonly SearchValues<char> DigitChars = SearchValues.Create("0123456789");

    private static bool Digits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(DigitChars);
}

/// <summary>
/// The Graph API versions Parley speaks and what differs between them, in one place. Every version-dependent rule asks
/// one of these helpers; <c>docs/versions.md</c> is the same table for readers. Sources: Meta's WhatsApp Cloud API
/// changelog and versioning pages (v24.0: <c>message_status</c> in send responses, <c>flow_name</c> for flows; v25.0:
/// <c>unsupported</c> replaces <c>unknown</c> in messages webhooks, <c>wa_id</c> optional in send responses,
/// <c>system.new_wa_id</c> removed).
/// </summary>
public static class GraphVersions
{
    /// <summary>The newest version Parley knows: the default of unversioned calls and of new webhook subscriptions.</summary>
    public const string NewestName = "v26.0";

    public static readonly GraphVersion V24 = new(24, 0);
    public static readonly GraphVersion V25 = new(25, 0);
    public static readonly GraphVersion Newest = new(26, 0);

    /// <summary>The versions Parley accepts, oldest first: those Meta still serves.</summary>
    public static readonly IReadOnlyList<GraphVersion> Known = [new(21, 0), new(22, 0), new(23, 0), V24, V25, Newest];

    /// <summary>The version segment of a Graph path: malformed, or well-formed but not one Parley knows, is code 100.</summary>
    public static Outcome<GraphVersion> Check(string? text)
    {
        if (!GraphVersion.TryParse(text, out var version))
        {
            return ErrorCatalog.InvalidParameter.With("Invalid version format. Use format like 'v23.0'");
        }
        return Known.Contains(version)
            ? version
            : ErrorCatalog.InvalidParameter.With($"Unknown version '{version}'. Use one of {string.Join(", ", Known)}");
    }

    /// <summary>A known version by name, for settings; null when the name is not one.</summary>
    public static GraphVersion? Find(string? text) => GraphVersion.TryParse(text, out var version) && Known.Contains(version) ? version : null;

    /// <summary>v24.0+: each message of a send response carries <c>message_status</c>.</summary>
    public static bool HasSendMessageStatus(GraphVersion version) => version >= V24;

    /// <summary>v24.0+: a flow (interactive flow message, template FLOW button) may be named by <c>flow_name</c> instead of <c>flow_id</c>.</summary>
    public static bool AcceptsFlowName(GraphVersion version) => version >= V24;

    /// <summary>v25.0+: an inbound message Cloud API cannot represent has type <c>unsupported</c>; before, <c>unknown</c>.</summary>
    public static bool HasUnsupportedMessageType(GraphVersion version) => version >= V25;

    /// <summary>Before v25.0: a <c>user_changed_number</c> system message carries <c>system.new_wa_id</c>.</summary>
    public static bool HasNewWaId(GraphVersion version) => version < V25;

    /// <summary>Before v25.0: every contact of a send response has <c>wa_id</c>; from v25.0 it may be absent (a send to a BSUID).</summary>
    public static bool RequiresSendWaId(GraphVersion version) => version < V25;
}

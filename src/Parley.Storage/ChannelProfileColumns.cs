using System.Data.Common;
using System.Text.Json;
using Parley.Core.Profiles;

namespace Parley.Storage;

/// <summary>The <c>channel_profiles</c> columns in the order both stores select them, and the mapping of a row.</summary>
internal static class ChannelProfileColumns
{
    public const string List =
        "channel_id, about, address, description, email, vertical, websites, profile_picture_handle, registered, pin_hash, quality_rating, " +
        "throughput_level, messaging_limit_tier, name_status, code_verification_status, account_mode, status, updated_at, is_on_biz_app";

    public static string Websites(IReadOnlyList<string> websites) => JsonSerializer.Serialize(websites, StorageJson.Default.IReadOnlyListString);

    public static ChannelProfile Map(DbDataReader r) => new(
        r.GetString(0),
        new BusinessProfile(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            JsonSerializer.Deserialize(r.GetString(6), StorageJson.Default.IReadOnlyListString) ?? [], r.GetString(7)),
        new PhoneNumberState(
            r.GetBoolean(8),
            r.IsDBNull(9) ? null : r.GetString(9),
            r.GetString(10),
            r.IsDBNull(11) ? null : r.GetString(11),
            r.GetString(12), r.GetString(13), r.GetString(14), r.GetString(15), r.GetString(16), r.GetBoolean(18)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(17)));
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StorageJson : System.Text.Json.Serialization.JsonSerializerContext;

namespace Parley.Storage.Sql;

internal sealed class SqlChannelProfileStore(ISqlDatabase db) : IChannelProfileStore
{
    public Task<ChannelProfile?> GetAsync(string channelId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {ChannelProfileColumns.List} FROM channel_profiles WHERE channel_id = @id",
            ChannelProfileColumns.Map, [("id", channelId)], cancellationToken);

    public async Task<IReadOnlyList<ChannelProfile>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"""
            SELECT {ChannelProfileColumns.List} FROM channel_profiles
            WHERE channel_id IN (SELECT phone_number_id FROM channels WHERE account_id = @account)
            """,
            ChannelProfileColumns.Map, [("account", accountId)], cancellationToken);

    public Task<bool> SaveAsync(ChannelProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var (p, s) = (profile.Profile, profile.Phone);
        return db.ChangesAsync(
            $"""
            INSERT INTO channel_profiles ({ChannelProfileColumns.List})
            SELECT @id, @about, @address, @description, @email, @vertical, @websites, @handle, @registered, @pin, @quality,
                @throughput, @tier, @name_status, @code_status, @mode, @status, @at, @on_biz_app
            WHERE EXISTS (SELECT 1 FROM channels WHERE phone_number_id = @id)
            ON CONFLICT (channel_id) DO UPDATE SET
                about = excluded.about, address = excluded.address, description = excluded.description, email = excluded.email,
                vertical = excluded.vertical, websites = excluded.websites, profile_picture_handle = excluded.profile_picture_handle,
                registered = excluded.registered, pin_hash = excluded.pin_hash, quality_rating = excluded.quality_rating,
                throughput_level = excluded.throughput_level, messaging_limit_tier = excluded.messaging_limit_tier,
                name_status = excluded.name_status, code_verification_status = excluded.code_verification_status,
                account_mode = excluded.account_mode, status = excluded.status, updated_at = excluded.updated_at,
                is_on_biz_app = excluded.is_on_biz_app
            """,
            [("id", profile.ChannelId), ("about", p.About), ("address", p.Address), ("description", p.Description),
             ("email", p.Email), ("vertical", p.Vertical), ("websites", ChannelProfileColumns.Websites(p.Websites)),
             ("handle", p.ProfilePictureHandle), ("registered", s.Registered), ("pin", s.PinHash),
             ("quality", s.QualityRating), ("throughput", s.ThroughputLevel), ("tier", s.MessagingLimitTier),
             ("name_status", s.NameStatus), ("code_status", s.CodeVerificationStatus), ("mode", s.AccountMode),
             ("status", s.Status), ("at", profile.UpdatedAt), ("on_biz_app", s.OnBizApp)],
            cancellationToken);
    }
}

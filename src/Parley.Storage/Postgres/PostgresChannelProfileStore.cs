namespace Parley.Storage.Postgres;

internal sealed class PostgresChannelProfileStore(PostgresDatabase database) : IChannelProfileStore
{
    public Task<ChannelProfile?> GetAsync(string channelId, CancellationToken cancellationToken) =>
        database.Command($"SELECT {ChannelProfileColumns.List} FROM channel_profiles WHERE channel_id = @id")
            .With("id", channelId).FirstOrDefaultAsync(ChannelProfileColumns.Map, cancellationToken);

    public async Task<IReadOnlyList<ChannelProfile>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        await database.Command(
                $"""
                SELECT {ChannelProfileColumns.List} FROM channel_profiles
                WHERE channel_id IN (SELECT phone_number_id FROM channels WHERE account_id = @account)
                """)
            .With("account", accountId).ListAsync(ChannelProfileColumns.Map, cancellationToken);

    public async Task<bool> SaveAsync(ChannelProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var (p, s) = (profile.Profile, profile.Phone);
        return await database.Command(
                $"""
                INSERT INTO channel_profiles ({ChannelProfileColumns.List})
                SELECT @id, @about, @address, @description, @email, @vertical, @websites, @handle, @registered, @pin, @quality,
                    @throughput, @tier, @name_status, @code_status, @mode, @status, @at
                WHERE EXISTS (SELECT 1 FROM channels WHERE phone_number_id = @id)
                ON CONFLICT (channel_id) DO UPDATE SET
                    about = excluded.about, address = excluded.address, description = excluded.description, email = excluded.email,
                    vertical = excluded.vertical, websites = excluded.websites, profile_picture_handle = excluded.profile_picture_handle,
                    registered = excluded.registered, pin_hash = excluded.pin_hash, quality_rating = excluded.quality_rating,
                    throughput_level = excluded.throughput_level, messaging_limit_tier = excluded.messaging_limit_tier,
                    name_status = excluded.name_status, code_verification_status = excluded.code_verification_status,
                    account_mode = excluded.account_mode, status = excluded.status, updated_at = excluded.updated_at
                """)
            .With("id", profile.ChannelId).With("about", p.About).With("address", p.Address).With("description", p.Description)
            .With("email", p.Email).With("vertical", p.Vertical).With("websites", ChannelProfileColumns.Websites(p.Websites))
            .With("handle", p.ProfilePictureHandle).With("registered", s.Registered).With("pin", s.PinHash)
            .With("quality", s.QualityRating).With("throughput", s.ThroughputLevel).With("tier", s.MessagingLimitTier)
            .With("name_status", s.NameStatus).With("code_status", s.CodeVerificationStatus).With("mode", s.AccountMode)
            .With("status", s.Status).With("at", profile.UpdatedAt.Ms())
            .ExecuteAsync(cancellationToken) > 0;
    }
}

namespace Parley.Server.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Credentials: the admin key, tokens (random, stored hashed), the channel cache and what a token reaches.</summary>
    public static IServiceCollection AddParleyAuth(this IServiceCollection services)
    {
        services.AddSingleton<AdminKey>();
        services.AddSingleton<Tokens>();
        services.AddSingleton<ChannelDirectory>();
        services.AddSingleton<ChannelAccess>();
        return services;
    }
}

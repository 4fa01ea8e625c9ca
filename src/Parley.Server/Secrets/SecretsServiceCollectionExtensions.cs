using Parley.Storage;

namespace Parley.Server.Secrets;

internal static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// Wraps the registered <see cref="IAccountStore"/> in <see cref="ProtectedAccountStore"/>, so channel secrets are
    /// encrypted on their way into the database and decrypted on their way out. Call after <c>AddParleyStorage</c>.
    /// </summary>
    public static IServiceCollection AddChannelSecretProtection(this IServiceCollection services)
    {
        services.AddSingleton<ChannelSecretProtector>();
        var storage = services.Last(d => d.ServiceType == typeof(IAccountStore));
        var factory = storage.ImplementationFactory
            ?? throw new InvalidOperationException("The storage registers IAccountStore with a factory; channel secret protection wraps it.");
        services.Remove(storage);
        services.AddSingleton<IAccountStore>(sp => new ProtectedAccountStore(
            (IAccountStore)factory(sp), sp.GetRequiredService<ChannelSecretProtector>(), sp.GetRequiredService<ILogger<ProtectedAccountStore>>()));
        return services;
    }
}

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Waits for asynchronous outcomes (webhooks, dispatch) by polling a condition, bounded in time.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(20);
        }
    }

    public static Task<T> Get<T>(Func<T> probe, Func<T, bool> done, TimeSpan? timeout = null) =>
        Get(() => Task.FromResult(probe()), done, timeout);
}

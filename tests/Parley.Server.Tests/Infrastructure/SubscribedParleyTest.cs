namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A <see cref="ParleyTest"/> whose demo channel posts every event (Cloud API format) to a real local
/// <see cref="WebhookReceiver"/>, started before each test and stopped after it.
/// </summary>
public abstract class SubscribedParleyTest(IDictionary<string, string?>? settings = null) : ParleyTest(settings)
{
    /// <summary>The receiver the demo channel's webhooks go to.</summary>
    protected WebhookReceiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
        await Parley.SubscribeAsync(Receiver.Url);
    }

    public override async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await base.DisposeAsync();
    }
}

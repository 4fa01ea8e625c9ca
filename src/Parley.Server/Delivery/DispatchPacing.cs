using Parley.Core.Model;
using Parley.Storage;

using Parley.Server.Upstreams;

namespace Parley.Server.Delivery;

/// <summary>What pacing decided for a job: go now, or it was put back to the queue (until its slot, or at once when its wait overran the claim).</summary>
internal enum Pacing
{
    Go,
    Deferred,
    TooLate,
}

/// <summary>
/// Holds a claimed job until it may go: first its user's pair slot (when the upstream keeps a pair limit), then the
/// channel's slot. A job whose slot is too far off goes back to the queue until then, so a burst to one user or a slowed
/// channel neither blocks the channel's other users nor outlives the job's lease.
/// </summary>
internal sealed class DispatchPacing(ChannelPacer pacer, PairPacer pairs, IDispatchDeferral deferral, TimeProvider time)
{
    /// <summary>Longest wait for a user's pair slot held in memory; a message that must wait longer goes back to the queue until its slot.</summary>
    public static readonly TimeSpan PairWaitInMemory = TimeSpan.FromSeconds(1);

    /// <param name="sendBy">The job must go by then (see <see cref="ChannelClaim.SendBy"/>).</param>
    public async Task<Pacing> WaitAsync(DispatchJob job, Channel channel, PairLimit? pairLimit, DateTimeOffset sendBy, CancellationToken cancellationToken)
    {
        var message = job.Message;
        if (pairLimit is not null && message.RecipientType != "group")
        {
            var pairWait = pairs.Reserve(channel.PhoneNumberId, message.To, message.Id, pairLimit);
            if (pairWait > PairWaitInMemory)
            {
                pairs.Hold(message.Id, pairWait);
                await deferral.DeferAsync(job, time.GetUtcNow() + pairWait, cancellationToken);
                return Pacing.Deferred;
            }
            if (pairWait > TimeSpan.Zero)
            {
                await Task.Delay(pairWait, time, cancellationToken);
            }
        }
        if (!await WaitForSlotAsync(job, channel, sendBy, cancellationToken))
        {
            return Pacing.Deferred;
        }
        if (time.GetUtcNow() > sendBy)
        {
            await deferral.DeferAsync(job, time.GetUtcNow(), cancellationToken);
            return Pacing.TooLate;
        }
        return Pacing.Go;
    }

    /// <summary>
    /// Waits for the channel's next slot; reserves again if the upstream slowed the channel down meanwhile. When the next
    /// slot is past <paramref name="sendBy"/> (a slowed channel), the job goes back to the queue until then, its slot
    /// untaken, and false is returned.
    /// </summary>
    private async Task<bool> WaitForSlotAsync(DispatchJob job, Channel channel, DateTimeOffset sendBy, CancellationToken cancellationToken)
    {
        var generation = pacer.Generation(channel.PhoneNumberId);
        while (true)
        {
            var next = pacer.NextSlot(channel.PhoneNumberId);
            if (next > sendBy)
            {
                await deferral.DeferAsync(job, next, cancellationToken);
                return false;
            }
            var delay = pacer.Reserve(channel.PhoneNumberId, channel.MessagesPerSecond);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            var current = pacer.Generation(channel.PhoneNumberId);
            if (current == generation)
            {
                return true;
            }
            generation = current;
        }
    }
}

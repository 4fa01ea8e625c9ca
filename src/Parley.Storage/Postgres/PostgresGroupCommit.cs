using System.Collections.Concurrent;

namespace Parley.Storage.Postgres;

/// <summary>
/// Group commit: concurrent writes (accepted messages, completed jobs) queue here and up to <see cref="MaxWriters"/>
/// writers each take every queued write (up to <see cref="MaxBatch"/>) and store them in one transaction
/// (<c>writeMany</c>: one multi-row statement or a few round trips, and one commit), then complete their callers. A
/// caller is completed only after that transaction committed, so a 200 still means committed. When a batch fails, each
/// of its writes runs again on its own (<c>writeOne</c>), so that one bad row fails only its own caller. A write that
/// waits alone runs at once: a batch is whatever queued while the previous ones were under way, so there is no timer
/// and no added latency.
/// </summary>
internal sealed class PostgresGroupCommit<T>(Func<IReadOnlyList<T>, Task> writeMany, Func<T, Task> writeOne)
{
    /// <summary>Batches in flight at once: enough to overlap one batch's commit with the next one's statement, few of the pool's connections.</summary>
    public const int MaxWriters = 4;

    /// <summary>Writes in one transaction at most.</summary>
    public const int MaxBatch = 500;

    private readonly ConcurrentQueue<Pending> _queue = new();
    private int _writers;

    /// <summary>Completes when <paramref name="item"/> is committed; faults with the error of its own write.</summary>
    public Task WriteAsync(T item)
    {
        var pending = new Pending(item);
        _queue.Enqueue(pending);
        if (TryBecomeWriter())
        {
            _ = WriteQueuedAsync();
        }
        return pending.Done.Task;
    }

    private bool TryBecomeWriter()
    {
        if (Interlocked.Increment(ref _writers) <= MaxWriters)
        {
            return true;
        }
        Interlocked.Decrement(ref _writers);
        return false;
    }

    /// <summary>
    /// Writes batches while writes are queued. A writer that finds the queue empty leaves, then looks once more: a
    /// write queued in between, whose caller found every writer busy, is never left behind.
    /// </summary>
    private async Task WriteQueuedAsync()
    {
        var batch = new List<Pending>();
        do
        {
            while (Take(batch))
            {
                await WriteBatchAsync(batch);
                batch.Clear();
            }
            Interlocked.Decrement(ref _writers);
        }
        while (!_queue.IsEmpty && TryBecomeWriter());
    }

    private bool Take(List<Pending> batch)
    {
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var pending))
        {
            batch.Add(pending);
        }
        return batch.Count > 0;
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            if (batch.Count == 1)
            {
                await writeOne(batch[0].Item);
            }
            else
            {
                await writeMany(batch.Select(p => p.Item).ToList());
            }
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Nothing of the batch was stored (one transaction): each write again on its own, each with its own outcome.
            await Task.WhenAll(batch.Select(WriteAloneAsync));
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await writeOne(pending.Item);
            pending.Done.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    private sealed class Pending(T item)
    {
        public T Item { get; } = item;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

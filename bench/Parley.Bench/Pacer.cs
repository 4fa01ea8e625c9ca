using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Parley.Bench;

/// <summary>
/// Sleeps a thread until a Stopwatch timestamp with microsecond precision. Thread.Sleep and timers have
/// millisecond granularity, which would add up to a millisecond of the generator's own lateness to every
/// open-loop latency; spinning instead would take a core away from the server under test.
/// </summary>
internal static partial class Pacer
{
    public static void WaitUntil(long timestamp)
    {
        while (true)
        {
            var remaining = timestamp - Stopwatch.GetTimestamp();
            var microseconds = remaining * 1_000_000 / Stopwatch.Frequency;
            if (microseconds <= 0)
            {
                return;
            }

            if (OperatingSystem.IsLinux())
            {
                _ = NativeMethods.usleep((uint)Math.Min(microseconds, 500_000));
            }
            else
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Max(1, microseconds / 1000)));
            }
        }
    }

    /// <summary>Waits asynchronously (millisecond precision) until a Stopwatch timestamp; at once when it has passed.</summary>
    public static Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, cancellationToken) : Task.CompletedTask;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for one blittable call.
        public static extern int usleep(uint microseconds);
#pragma warning restore SYSLIB1054
    }
}

#pragma warning disable CA1050 // The runtime looks a startup hook up by this exact name, outside any namespace.

/// <summary>
/// Loaded into a server under test by <c>DOTNET_STARTUP_HOOKS=…/Parley.Bench.dll</c> (run.sh does this for Parley),
/// so the bench can read the server's <see cref="GC.GetTotalAllocatedBytes(bool)"/> without any switch in the
/// server: exact allocated bytes, where EventPipe counters would give rates sampled per interval.
/// </summary>
public static class StartupHook
{
    /// <summary>Called by the runtime before the server's <c>Main</c>.</summary>
    public static void Initialize() => Parley.Bench.AllocationProbe.Start();
}

#pragma warning restore CA1050

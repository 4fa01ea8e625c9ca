namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Tests that measure rates or intervals at an upstream. They run alone, after the parallel part of the suite: in one test
/// process, other classes' Parley hosts share the thread pool, and their load delays timer continuations enough to skew a
/// measured rate, though the pacer's slots are exact.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A measurement on the real clock, run by a script in <c>bench/</c> that sets an environment variable (the constructor's <c>variable</c>); skipped in the
/// suite, whose tests must not depend on wall-clock durations.
/// </summary>
public sealed class BenchFactAttribute : FactAttribute
{
    public BenchFactAttribute(string variable)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            Skip = $"a benchmark: set {variable} (bench/)";
        }
    }
}

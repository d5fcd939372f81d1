namespace SampleMind.Api.Tests.Metrics;

/// <summary>
/// Meters are process-wide, so tests that count exact metric deltas run alone, after the parallel
/// test classes, where no other host in the process adds to the same instruments.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialMetricsCollection
{
    public const string Name = "serial metrics";
}

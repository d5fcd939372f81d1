namespace SampleMind.GpuWorker.Tests.Support;

/// <summary>Tests that measure this process's memory run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "memory measurements";
}

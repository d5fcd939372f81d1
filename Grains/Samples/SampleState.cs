using SampleMind.Grains.Abstractions.Samples;

namespace SampleMind.Grains.Samples;

/// <summary>A sample's persisted state.</summary>
public sealed class SampleState
{
    public SampleRecord? Record { get; set; }
}

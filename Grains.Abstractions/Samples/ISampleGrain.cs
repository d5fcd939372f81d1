using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Samples;

/// <summary>One sample's analysis, fingerprint and embedding. Key: sample id.</summary>
public interface ISampleGrain : IGrainWithStringKey
{
    /// <summary>Stores the record; storing the same record again changes nothing.</summary>
    Task Record(SampleRecord record);

    /// <summary>The record, or null for an unknown sample.</summary>
    Task<SampleRecord?> Get();
}

using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Samples;

/// <summary>One sample's analysis, fingerprint and embedding. Key: sample id.</summary>
public interface ISampleGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores <paramref name="record"/> and returns what is kept: the record, except that a record of the same bytes
    /// (content hash) analysed at a higher level keeps that analysis (an ingest at <c>fast</c> over one at
    /// <c>standard</c> would erase the key, tempo and embedding); its path, labels and job are the new record's. Storing
    /// the same record again changes nothing.
    /// </summary>
    Task<SampleRecord> Record(SampleRecord record);

    /// <summary>The record, or null for an unknown sample.</summary>
    Task<SampleRecord?> Get();

    /// <summary>
    /// Deletes the record (the last step of <see cref="Search.ILibraryGrain.RemoveSample"/>, which removes the sample
    /// from its library first); nothing happens for an unknown sample.
    /// </summary>
    Task Delete();
}

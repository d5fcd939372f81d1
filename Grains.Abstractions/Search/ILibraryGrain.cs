using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime;
using SampleMind.Search;
using SampleMind.Search.Recommendations;

namespace SampleMind.Grains.Abstractions.Search;

/// <summary>
/// One library's search shard: the vector index of its samples' embeddings, their features for filters and
/// ranking, their fingerprints for duplicates and the pitch contours of melodic samples for query by humming. Key: "{tenantId}/{libraryId}".
/// </summary>
public interface ILibraryGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a sample (idempotent by sample id); records without an embedding are skipped.</summary>
    Task AddSample(SampleRecord record);

    /// <summary>
    /// Removes a sample of this library: its catalogue row, its shard row and index entries, then its record. The copies
    /// of an original (samples whose <see cref="SampleRecord.DuplicateOf"/> names it) are linked to the first of them by
    /// id, which becomes the original and takes over the content. Returns false when the library holds no such sample.
    /// Interrupted (a crash, a storage failure), a second call finishes the removal.
    /// </summary>
    Task<bool> RemoveSample(string sampleId);

    /// <summary>
    /// Removes up to <paramref name="max"/> of the library's samples (catalogue rows, shard rows, index entries, records)
    /// and returns how many; 0 once the library holds none. Deleting a library is calls of this until it returns 0.
    /// </summary>
    Task<int> RemoveSamples(int max);

    /// <summary>How many samples the shard holds.</summary>
    Task<int> Count();

    /// <summary>Text and filter search, ranked and explained.</summary>
    Task<IReadOnlyList<SearchHit>> Search(LibrarySearchQuery query);

    /// <summary>Samples that sound like <see cref="SimilarQuery.SampleId"/> (the sample itself left out); empty when unknown.</summary>
    Task<IReadOnlyList<SearchHit>> Similar(SimilarQuery query);

    /// <summary>
    /// Melodic samples whose stored pitch contour matches a hum, key-invariant and tempo-tolerant, closest first;
    /// empty when the hum carries too little pitch.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> Hum(HumQuery query);

    /// <summary>Samples whose fingerprints match the sample's (the sample itself left out).</summary>
    Task<IReadOnlyList<SearchHit>> Duplicates(string sampleId);

    /// <summary>Samples that would fit a project (roles it lacks, compatible key and tempo), each with why.</summary>
    Task<IReadOnlyList<Recommendation>> Recommend(RecommendQuery query);

    /// <summary>True when the shard holds the sample.</summary>
    Task<bool> Contains(string sampleId);
}

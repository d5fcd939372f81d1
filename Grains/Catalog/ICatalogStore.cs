using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;

namespace SampleMind.Grains.Catalog;

/// <summary>
/// The libraries' catalogue: one indexed row per sample, and the content-hash claims that make
/// duplicate detection atomic. A million-sample library is a table, not a grain-state blob; the
/// library grain owns it and its vector shard.
/// </summary>
public interface ICatalogStore
{
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims <paramref name="contentSha256"/> for <paramref name="sampleId"/> in the library and returns
    /// the sample that owns that content: <paramref name="sampleId"/> itself when it is the first.
    /// </summary>
    Task<string> ClaimContentAsync(string tenantId, string libraryId, string contentSha256, string sampleId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the row of a sample (idempotent).</summary>
    Task UpsertAsync(string tenantId, SampleSummary summary, CancellationToken cancellationToken);

    Task<SamplePage> QueryAsync(string tenantId, string libraryId, SampleQuery query, IReadOnlyCollection<string>? camelotCodes, CancellationToken cancellationToken);

    Task<long> CountAsync(string tenantId, string libraryId, CancellationToken cancellationToken);

    /// <summary>The tenant's libraries that hold rows, by id (bytewise), with their counts; one pass over the tenant's entries in the overview index.</summary>
    Task<IReadOnlyList<LibrarySummary>> ListLibrariesAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>What one library holds, read in one snapshot; null when it has no rows.</summary>
    Task<LibraryOverview?> DescribeLibraryAsync(string tenantId, string libraryId, CancellationToken cancellationToken);

    /// <summary>
    /// The library's samples whose row names <paramref name="sampleId"/> as the original they copy
    /// (<see cref="SampleSummary.DuplicateOf"/>), by id (bytewise). Reads the partial index of copies.
    /// </summary>
    Task<IReadOnlyList<string>> ListCopiesOfAsync(string tenantId, string libraryId, string sampleId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a sample's catalogue row and shard row and, when it holds the claim on <paramref name="contentSha256"/>,
    /// hands that claim to <paramref name="successor"/> (drops it when null), all in one transaction. Removing a sample
    /// that is gone already changes nothing.
    /// </summary>
    Task RemoveSampleAsync(
        string tenantId, string libraryId, string sampleId, string contentSha256, string? successor, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the catalogue rows, shard rows and content claims of <paramref name="samples"/> (rows of one library: a
    /// library being deleted, so no copy outlives its original), in one transaction; a claim is found by its content hash.
    /// </summary>
    Task RemoveSamplesAsync(string tenantId, string libraryId, IReadOnlyCollection<SampleSummary> samples, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces rows of a library shard's table (<see cref="ShardEntry"/>), all in one transaction;
    /// idempotent, and the last of repeated sample ids wins.
    /// </summary>
    Task UpsertShardEntriesAsync(string tenantId, string libraryId, IReadOnlyCollection<ShardEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Streams one library's shard rows in bytewise sample id order, reading them a page at a time (never the
    /// whole library at once).
    /// </summary>
    IAsyncEnumerable<ShardEntry> ReadShardEntriesAsync(string tenantId, string libraryId, CancellationToken cancellationToken);
}

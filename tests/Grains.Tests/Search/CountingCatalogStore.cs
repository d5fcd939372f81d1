using System.Collections.Concurrent;
using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Catalog;

namespace SampleMind.Grains.Tests.Search;

/// <summary>
/// A real catalogue store that notes each shard-row batch written and each catalogue page read, and whose catalogue-row
/// upserts can be made to fail (<see cref="FailUpserts"/>).
/// </summary>
internal sealed class CountingCatalogStore(ICatalogStore inner) : ICatalogStore, IAsyncDisposable
{
    /// <summary>The sizes of the shard-row batches written, in order.</summary>
    public ConcurrentQueue<int> ShardBatches { get; } = new();

    /// <summary>Catalogue pages read.</summary>
    public int Queries => Volatile.Read(ref _queries);

    /// <summary>Shard rows written so far, over every batch.</summary>
    public int ShardRowsWritten => ShardBatches.Sum();

    /// <summary>Reads of a library's rows for the copies of a sample.</summary>
    public int CopyLookups => Volatile.Read(ref _copyLookups);

    /// <summary>While true, <see cref="UpsertAsync"/> throws as a storage outage would.</summary>
    public bool FailUpserts { get; set; }

    private int _queries;
    private int _copyLookups;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => inner.EnsureSchemaAsync(cancellationToken);

    public Task<string> ClaimContentAsync(string tenantId, string libraryId, string contentSha256, string sampleId, CancellationToken cancellationToken) =>
        inner.ClaimContentAsync(tenantId, libraryId, contentSha256, sampleId, cancellationToken);

    public Task UpsertAsync(string tenantId, SampleSummary summary, CancellationToken cancellationToken) =>
        FailUpserts ? throw new IOException("The catalogue is unavailable (test).") : inner.UpsertAsync(tenantId, summary, cancellationToken);

    public Task<SamplePage> QueryAsync(
        string tenantId, string libraryId, SampleQuery query, IReadOnlyCollection<string>? camelotCodes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _queries);
        return inner.QueryAsync(tenantId, libraryId, query, camelotCodes, cancellationToken);
    }

    public Task<long> CountAsync(string tenantId, string libraryId, CancellationToken cancellationToken) =>
        inner.CountAsync(tenantId, libraryId, cancellationToken);

    public Task<IReadOnlyList<LibrarySummary>> ListLibrariesAsync(string tenantId, CancellationToken cancellationToken) =>
        inner.ListLibrariesAsync(tenantId, cancellationToken);

    public Task<LibraryOverview?> DescribeLibraryAsync(string tenantId, string libraryId, CancellationToken cancellationToken) =>
        inner.DescribeLibraryAsync(tenantId, libraryId, cancellationToken);

    public Task<IReadOnlyList<string>> ListCopiesOfAsync(string tenantId, string libraryId, string sampleId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _copyLookups);
        return inner.ListCopiesOfAsync(tenantId, libraryId, sampleId, cancellationToken);
    }

    public Task RemoveSampleAsync(
        string tenantId, string libraryId, string sampleId, string contentSha256, string? successor, CancellationToken cancellationToken) =>
        inner.RemoveSampleAsync(tenantId, libraryId, sampleId, contentSha256, successor, cancellationToken);

    public Task RemoveSamplesAsync(string tenantId, string libraryId, IReadOnlyCollection<SampleSummary> samples, CancellationToken cancellationToken) =>
        inner.RemoveSamplesAsync(tenantId, libraryId, samples, cancellationToken);

    public async Task UpsertShardEntriesAsync(string tenantId, string libraryId, IReadOnlyCollection<ShardEntry> entries, CancellationToken cancellationToken)
    {
        await inner.UpsertShardEntriesAsync(tenantId, libraryId, entries, cancellationToken);
        ShardBatches.Enqueue(entries.Count);
    }

    public IAsyncEnumerable<ShardEntry> ReadShardEntriesAsync(string tenantId, string libraryId, CancellationToken cancellationToken) =>
        inner.ReadShardEntriesAsync(tenantId, libraryId, cancellationToken);

    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}

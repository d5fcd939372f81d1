using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SampleMind.Audio;
using SampleMind.Audio.Errors;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Search;
using SampleMind.Grains.Catalog;
using SampleMind.Runtime;

namespace SampleMind.Grains.Ingest;

/// <summary>
/// Analyses one file of an ingest job and records it idempotently: the sample id is derived from
/// (tenant, library, path), so doing an item twice after a crash writes the same record. A file whose
/// bytes equal a file already in the library is linked to it (<see cref="SampleRecord.DuplicateOf"/>) and takes
/// its analysis; when that sample's analysis is not recorded yet (it is in flight on another slot or silo, or
/// failed), the file is analysed itself rather than holding a worker slot idle while it waits: identical
/// bytes give the same analysis. The tenant's ingest quota was counted when the job listed the file; a file
/// listed past it fails at once with the reason.
/// </summary>
public sealed class IngestItemProcessor(
    IGrainFactory grains, ICatalogStore catalog, AudioAnalyzer analyzer, IOptions<IngestOptions> options, TimeProvider time)
{
    /// <summary>Processes the item; the outcome says whether it succeeded and, if not, whether to retry.</summary>
    public async Task<IngestItemOutcome> ProcessAsync(IngestItemPayload item, CancellationToken cancellationToken)
    {
        if (item.QuotaRefusal is { } refusal)
        {
            return IngestItemOutcome.Failed(refusal, retryable: false);
        }

        var path = Path.GetFullPath(Path.Combine(item.Root, item.RelativePath));
        if (!IngestRoots.IsInside(path, item.Root) || !File.Exists(path))
        {
            return IngestItemOutcome.Failed("The file does not exist (or left the job's folder).", retryable: false);
        }

        var size = new FileInfo(path).Length;
        if (size > options.Value.MaxFileBytes)
        {
            return IngestItemOutcome.Failed($"The file is {size} bytes; the limit is {options.Value.MaxFileBytes}.", retryable: false);
        }

        var sampleId = SampleIdFor(item.TenantId, item.LibraryId, item.RelativePath);
        var hash = Hash(path);
        var owner = await catalog.ClaimContentAsync(item.TenantId, item.LibraryId, hash, sampleId, cancellationToken);
        var duplicateOf = owner == sampleId ? null : owner;
        var original = duplicateOf is null ? null : await grains.GetGrain<ISampleGrain>(duplicateOf).Get();

        SampleAnalysis analysis;
        using (var span = original is null ? IngestTracing.StartAnalysis(item, sampleId) : null)
        {
            try
            {
                analysis = original?.Analysis
                    ?? await analyzer.AnalyzeFileAsync(path, ParseLevel(item.Level), cancellationToken);
            }
            catch (AudioException e)
            {
                IngestTracing.Failed(span, e.Message);
                return IngestItemOutcome.Failed(e.Message, retryable: false);
            }
        }

        var record = new SampleRecord(sampleId, item.TenantId, item.LibraryId, item.RelativePath, path, hash, size,
            duplicateOf, item.Labels, item.JobId, time.GetUtcNow(), analysis);
        await grains.GetGrain<ISampleGrain>(sampleId).Record(record);
        var summary = SampleSummaries.From(record);
        await catalog.UpsertAsync(item.TenantId, summary, cancellationToken);
        await grains.GetGrain<ILibraryGrain>($"{item.TenantId}/{item.LibraryId}").AddSample(record);
        var row = new JobResultRow(item.RelativePath, duplicateOf is null ? "analysed" : "duplicate", summary, null);
        return new IngestItemOutcome(true, false, null, row, duplicateOf is not null, analysis.Format.DurationSeconds);
    }

    /// <summary>A stable sample id: "s" and 24 hex digits of SHA-256(tenant, library, path).</summary>
    public static string SampleIdFor(string tenantId, string libraryId, string relativePath)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}\n{libraryId}\n{relativePath}"));
        return "s" + Convert.ToHexStringLower(digest.AsSpan(0, 12));
    }

    private static AnalysisLevel ParseLevel(string level) => level switch
    {
        "fast" => AnalysisLevel.Fast,
        "full" => AnalysisLevel.Full,
        _ => AnalysisLevel.Standard,
    };

    /// <summary>SHA-256 of the file, read synchronously (the worker slot runs the analysis synchronously right after).</summary>
    private static string Hash(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}

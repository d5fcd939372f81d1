using System.Buffers;
using System.Collections.Concurrent;
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
/// its analysis instead of being analysed again. When that analysis is still running on this silo, the duplicate
/// is handed it the moment it is done; otherwise (on another silo, or queued behind) it polls the original's
/// record for a while and, if that never appears (the original failed), analyses the file itself. The tenant's
/// ingest quota was counted when the job listed the file; a file listed past it fails at once with the reason.
/// Hashing and analysis take one of <see cref="IngestOptions.AnalysisConcurrency"/> slots; the rest of a file's work
/// (claiming its content, recording it) does not, so the files in hand beyond those slots wait for writers without
/// holding a core.
/// </summary>
public sealed class IngestItemProcessor(
    IGrainFactory grains, ICatalogStore catalog, AudioAnalyzer analyzer, IOptions<IngestOptions> options, TimeProvider time)
{
    private static readonly TimeSpan s_originalWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _analysisSlots = new(options.Value.AnalysisConcurrency, options.Value.AnalysisConcurrency);

    /// <summary>Analyses running on this silo by sample id, for duplicates of those samples to wait on.</summary>
    private readonly ConcurrentDictionary<string, TaskCompletionSource<SampleAnalysis?>> _analysing = new(StringComparer.Ordinal);

    /// <summary>Processes the item; the outcome says whether it succeeded and, if not, whether to retry.</summary>
    public async Task<IngestItemOutcome> ProcessAsync(IngestItemPayload item, CancellationToken cancellationToken)
    {
        if (item.Refusal is { } refusal)
        {
            return IngestItemOutcome.Failed(refusal, retryable: false);
        }

        var path = Path.GetFullPath(Path.Combine(item.Root, item.RelativePath));
        if (!IngestRoots.IsInside(path, item.Root) || !File.Exists(path))
        {
            return IngestItemOutcome.Failed(MissingReason(item, path), retryable: false);
        }

        if (IngestRoots.LinkBelow(path, item.Root) is { } link)
        {
            return IngestItemOutcome.Failed($"'{link}' is a symbolic link: an ingest does not follow links out of its folder.", retryable: false);
        }

        var size = new FileInfo(path).Length;
        if (size == 0 && FileKind.NotRegular(path) is { } kind)
        {
            return IngestItemOutcome.Failed($"'{item.RelativePath}' is {kind}, not a regular file: an ingest reads regular files only.", retryable: false);
        }

        if (size > options.Value.MaxFileBytes)
        {
            return IngestItemOutcome.Failed($"The file is {size} bytes; the limit is {options.Value.MaxFileBytes} (Ingest:MaxFileBytes).", retryable: false);
        }

        var buffer = size < options.Value.ReadOnceMaxBytes ? ArrayPool<byte>.Shared.Rent((int)size + 1) : null;
        try
        {
            return await ProcessAsync(item, path, size, buffer, cancellationToken);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task<IngestItemOutcome> ProcessAsync(IngestItemPayload item, string path, long size, byte[]? buffer, CancellationToken cancellationToken)
    {
        var sampleId = SampleIdFor(item.TenantId, item.LibraryId, item.RelativePath);
        var (hash, contents) = await InAnalysisSlotAsync(() => Task.FromResult(SampleFiles.ReadAndHash(path, buffer)), cancellationToken);
        var owner = await catalog.ClaimContentAsync(item.TenantId, item.LibraryId, hash, sampleId, cancellationToken);
        var duplicateOf = owner == sampleId ? null : owner;
        var level = ParseLevel(item.Level);
        // A copy takes its original's analysis when that is at the job's level or richer; below it (the original was
        // ingested at `fast`), the copy's own bytes are analysed at the job's level.
        var original = duplicateOf is null ? null : await OriginalAnalysisAsync(duplicateOf, cancellationToken) is { } found && found.Level >= level
            ? found
            : null;
        var analysing = duplicateOf is null ? _analysing.GetOrAdd(sampleId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)) : null;
        SampleAnalysis analysis;
        try
        {
            using var span = original is null ? IngestTracing.StartAnalysis(item, sampleId) : null;
            try
            {
                analysis = original ?? await InAnalysisSlotAsync(
                    () => contents is { } bytes
                        ? analyzer.AnalyzeFileAsync(path, bytes, level, cancellationToken)
                        : analyzer.AnalyzeFileAsync(path, level, cancellationToken),
                    cancellationToken);
            }
            catch (AudioException e)
            {
                var reason = FailureReason(item, e);
                IngestTracing.Failed(span, reason);
                return IngestItemOutcome.Failed(reason, retryable: false);
            }

            analysing?.TrySetResult(analysis);
        }
        finally
        {
            if (analysing is not null)
            {
                analysing.TrySetResult(null);
                _analysing.TryRemove(KeyValuePair.Create(sampleId, analysing));
            }
        }

        // What the sample grain keeps: a richer analysis of the same bytes stays (a re-ingest at a lower level).
        var record = await grains.GetGrain<ISampleGrain>(sampleId).Record(new SampleRecord(sampleId, item.TenantId, item.LibraryId,
            item.RelativePath, path, hash, size, duplicateOf, item.Labels, item.JobId, time.GetUtcNow(), analysis));
        var summary = SampleSummaries.From(record);
        await catalog.UpsertAsync(item.TenantId, summary, cancellationToken);
        await grains.GetGrain<ILibraryGrain>($"{item.TenantId}/{item.LibraryId}").AddSample(record);
        var row = new JobResultRow(item.RelativePath, duplicateOf is null ? "analysed" : "duplicate", summary, null);
        return new IngestItemOutcome(true, false, null, row, duplicateOf is not null, record.Analysis.Format.DurationSeconds);
    }

    /// <summary>
    /// Why a file could not be analysed, naming it by its path in the job (as the job's results do), not by where the
    /// server keeps it: an upload's files live in the server's spool folder, which is none of the client's business.
    /// </summary>
    private static string FailureReason(IngestItemPayload item, AudioException e) =>
        e is AudioDecodeException { Input: not null } decode ? $"Cannot decode '{item.RelativePath}': {decode.Reason}" : e.Message;

    /// <summary>Why a listed path names no file to read.</summary>
    private static string MissingReason(IngestItemPayload item, string path)
    {
        if (IngestRoots.IsInside(path, item.Root) && Directory.Exists(path))
        {
            return $"'{item.RelativePath}' is a folder, not a file.";
        }

        // .NET reads a name that is not UTF-8 with U+FFFD in place of its odd bytes, and that name opens nothing.
        return item.RelativePath.Contains('\uFFFD', StringComparison.Ordinal)
            ? $"'{item.RelativePath}': the name is not valid UTF-8, and this server opens files by UTF-8 names only; rename the file."
            : "The file does not exist (or left the job's folder).";
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

    /// <summary>Runs <paramref name="work"/> (hashing or analysing a file) in one of the silo's analysis slots.</summary>
    private async Task<T> InAnalysisSlotAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _analysisSlots.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _analysisSlots.Release();
        }
    }

    /// <summary>
    /// The analysis of the sample whose bytes this file repeats: recorded already, or handed over by the analysis
    /// running on this silo, or (running elsewhere or queued behind this file) polled for up to 30 s. Null when it
    /// does not come (the original failed): this file is then analysed itself.
    /// </summary>
    private async Task<SampleAnalysis?> OriginalAnalysisAsync(string ownerId, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ISampleGrain>(ownerId).Get() is { } recorded)
        {
            return recorded.Analysis;
        }

        if (_analysing.TryGetValue(ownerId, out var inFlight))
        {
            try
            {
                return await inFlight.Task.WaitAsync(s_originalWait, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }

        var deadline = time.GetUtcNow() + s_originalWait;
        var delay = TimeSpan.FromMilliseconds(20);
        while (time.GetUtcNow() <= deadline)
        {
            await Task.Delay(delay, time, cancellationToken);
            if (await grains.GetGrain<ISampleGrain>(ownerId).Get() is { } record)
            {
                return record.Analysis;
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }

        return null;
    }
}

using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Runtime;

namespace SampleMind.Api.Uploads;

/// <summary>
/// Deletes what uploads left behind without a job: a host killed while it received an upload (or a text manifest)
/// never got to the catch that cleans up, and the spooled part stayed on disk for ever. At start and then every hour, a
/// job's upload folder or manifest under <see cref="ApiOptions.UploadDirectory"/> goes when no job of that id exists and
/// nothing in it was written for <see cref="OrphanAge"/>: an upload still arriving (on this silo or another one sharing
/// the folder) writes all the time, and a job's own files are kept as long as the job is known.
/// </summary>
internal sealed partial class UploadSweeper(IOptions<ApiOptions> options, IGrainFactory grains, TimeProvider time, ILogger<UploadSweeper> logger)
    : BackgroundService
{
    /// <summary>How long an upload's folder must have been left alone before it can be an orphan.</summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan s_period = TimeSpan.FromHours(1);

    private readonly TaskCompletionSource<int> _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The number of orphans the first pass deleted, once it is done.</summary>
    public Task<int> FirstPass => _firstPass.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_period, time);
        do
        {
            int deleted;
            try
            {
                deleted = await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SweepFailed(logger, e);
                deleted = 0;
            }

            _firstPass.TrySetResult(deleted);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var root = options.Value.UploadDirectory;
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var deleted = 0;
        var before = time.GetUtcNow().UtcDateTime - OrphanAge;
        foreach (var tenant in Directory.EnumerateDirectories(root))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(tenant))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var isFolder = Directory.Exists(entry);
                var jobId = isFolder ? Path.GetFileName(entry) : Path.GetFileNameWithoutExtension(entry);
                // The job first: a job's folder (a large upload's may hold a million files) is not walked for its age.
                if ((!isFolder && !entry.EndsWith(".manifest", StringComparison.Ordinal))
                    || await grains.GetGrain<IIngestJobGrain>(jobId).GetStatus() is not null || LastWrite(entry, isFolder) > before)
                {
                    continue;
                }

                if (isFolder)
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }

                OrphanDeleted(logger, Path.GetFileName(tenant), jobId);
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>The latest write to the entry or anything in it.</summary>
    private static DateTime LastWrite(string entry, bool isFolder)
    {
        var latest = isFolder ? Directory.GetLastWriteTimeUtc(entry) : File.GetLastWriteTimeUtc(entry);
        if (isFolder)
        {
            foreach (var file in new DirectoryInfo(entry).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
            {
                latest = file.LastWriteTimeUtc > latest ? file.LastWriteTimeUtc : latest;
            }
        }

        return latest;
    }

    [LoggerMessage(EventId = 7300, Level = LogLevel.Warning,
        Message = "Deleted the upload of tenant {TenantId} for job {JobId}: no such job exists (a host stopped while it received it)")]
    private static partial void OrphanDeleted(ILogger logger, string tenantId, string jobId);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Sweeping the upload folder for orphans failed; the next pass tries again")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}

using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// The ingest quota counted per listing batch, on an embedded silo (SQLite state and queue, real analysis)
/// ingesting real samples from ../shared/data; listing batches of 4 files, so grants split across batches.
/// </summary>
public sealed class IngestQuotaTests : IAsyncLifetime
{
    private const string Folder = "msg";
    private static readonly int s_freeFiles = TenantPlan.Free.MonthlyIngestedFiles!.Value;
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromSeconds(120);
    private IngestSilo? _silo;

    private IGrainFactory Grains => _silo!.Grains;

    private string Scratch => _silo!.Directory;

    public async Task InitializeAsync() => _silo = await IngestSilo.StartAsync(new Dictionary<string, string?>
    {
        ["Ingest:ListBatchSize"] = "4",
        ["Ingest:Concurrency"] = "2",
        ["WorkQueue:RetryBackoff"] = "00:00:00.100",
    });

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [SharedDataFact]
    public async Task A_job_past_the_quota_analyses_what_the_plan_has_left_and_fails_the_rest_with_the_reason()
    {
        var files = FolderFiles();
        const int left = 5;
        var tenant = await CreateFreeTenantAsync("small", alreadyUsed: s_freeFiles - left);

        var status = await RunJobAsync(DirectoryJob("small", "job-quota-partial"));

        var usage = await tenant.GetUsage();
        Assert.True(files.Count > left, $"the folder has more than {left} files");
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(files.Count, status.Listed);
        Assert.Equal(left, status.Succeeded);
        Assert.Equal(files.Count - left, status.Failed);
        Assert.Equal(files.Skip(left), status.RecentFailures.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.All(status.RecentFailures, f => Assert.Equal(UsedUp(usage.Period), f.Reason));
        // Set aside when listed: no worker was handed them.
        Assert.All(status.RecentFailures, f => Assert.Equal(0, f.Attempts));
        Assert.Equal(s_freeFiles, usage.Used[UsageMeter.IngestedFiles]);
    }

    [SharedDataFact]
    public async Task A_job_after_the_quota_is_used_up_fails_every_item_with_the_reason_without_reading_its_file()
    {
        var files = FolderFiles();
        var tenant = await CreateFreeTenantAsync("spent", alreadyUsed: s_freeFiles);
        var manifest = Path.Combine(Scratch, "manifest.txt");
        await File.WriteAllLinesAsync(manifest, [.. files, "no-such-file.wav"]);

        var spec = DirectoryJob("spent", "job-quota-spent") with { SourceKind = IngestSourceKind.Manifest, ManifestPath = manifest };
        var status = await RunJobAsync(spec);

        var usage = await tenant.GetUsage();
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(files.Count + 1, status.Listed);
        Assert.Equal(0, status.Succeeded);
        Assert.Equal(files.Count + 1, status.Failed);
        Assert.All(status.RecentFailures, f => Assert.Equal(UsedUp(usage.Period), f.Reason));
        Assert.Contains(status.RecentFailures, f => f.Path == "no-such-file.wav");
        Assert.All(status.RecentFailures, f => Assert.Equal(0, f.Attempts));
        Assert.Equal(s_freeFiles, usage.Used[UsageMeter.IngestedFiles]);
    }

    [SharedDataFact]
    public async Task Every_listed_file_counts_once_including_a_missing_one_and_a_repeated_manifest_line()
    {
        var files = FolderFiles();
        var tenant = await CreateFreeTenantAsync("plenty", alreadyUsed: 0);
        var manifest = Path.Combine(Scratch, "plenty.txt");
        await File.WriteAllLinesAsync(manifest, ["no-such-file.wav", files[0], files[0], .. files.Skip(1)]);

        var spec = DirectoryJob("plenty", "job-quota-plenty") with { SourceKind = IngestSourceKind.Manifest, ManifestPath = manifest };
        var status = await RunJobAsync(spec);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(files.Count, status.Succeeded);
        var missing = Assert.Single(status.RecentFailures);
        Assert.Equal("no-such-file.wav", missing.Path);
        Assert.StartsWith("The file does not exist", missing.Reason, StringComparison.Ordinal);
        Assert.Equal(files.Count + 1, (await tenant.GetUsage()).Used[UsageMeter.IngestedFiles]);
    }

    private static List<string> FolderFiles() =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.SamplesDev, Folder)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static string UsedUp(string period) => $"The plan's quota of {s_freeFiles} ingested files in {period} is used up.";

    private static IngestJobSpec DirectoryJob(string tenantId, string jobId) => new(
        jobId, tenantId, "lib", IngestSourceKind.Directory, Path.Combine(RepoPaths.SamplesDev, Folder), null, "fast", 5, null, [],
        DateTimeOffset.UtcNow);

    private async Task<ITenantGrain> CreateFreeTenantAsync(string tenantId, int alreadyUsed)
    {
        var tenant = Grains.GetGrain<ITenantGrain>(tenantId);
        await tenant.Create(tenantId, "free");
        if (alreadyUsed > 0)
        {
            Assert.Equal(alreadyUsed, (await tenant.Reserve(UsageMeter.IngestedFiles, alreadyUsed, "earlier-use")).Granted);
        }

        return tenant;
    }

    private Task<JobStatus> RunJobAsync(IngestJobSpec spec) => _silo!.RunJobAsync(spec, s_jobTimeout);
}

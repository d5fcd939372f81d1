using System.Text.Json.Nodes;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The dashboard's jobs: every running or paused job is listed however many newer jobs have ended, and the totals
/// (running, paused, files set aside) are every job's, not the listed rows'.
/// </summary>
public sealed class DashboardJobsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int EndedJobsListed = 50;

    [Fact]
    public async Task A_paused_job_older_than_fifty_ended_ones_is_listed_and_the_totals_count_every_job()
    {
        var admin = factory.CreateAdminClient();
        admin.Timeout = TimeSpan.FromMinutes(2);
        var busy = Path.Combine(factory.IngestRoot, "busy");
        for (var i = 0; i < 200; i++)
        {
            WavWriter.Sine(Path.Combine(busy, $"tone-{i:000}.wav"), 200 + i, 0.2);
        }

        var broken = Directory.CreateDirectory(Path.Combine(factory.IngestRoot, "broken")).FullName;
        await File.WriteAllTextAsync(Path.Combine(broken, "not-audio.wav"), "this is no audio file");
        var single = Path.Combine(factory.IngestRoot, "single");
        WavWriter.Sine(Path.Combine(single, "tone.wav"), 440, 0.2);

        var paused = await ApiJson.StartDirectoryIngestAsync(admin, "busy", busy);
        Assert.Equal("Paused", await ApiJson.SteerAsync(admin, paused, "pause"));
        var failing = await ApiJson.StartDirectoryIngestAsync(admin, "broken", broken);
        Assert.Equal(1, (await ApiJson.WaitForJobAsync(admin, failing, TimeSpan.FromSeconds(60)))["failed"]!.GetValue<long>());
        var ended = new List<string>();
        for (var i = 0; i < EndedJobsListed; i++)
        {
            ended.Add(await ApiJson.StartDirectoryIngestAsync(admin, "single", single));
        }

        foreach (var jobId in ended)
        {
            await ApiJson.WaitForJobAsync(admin, jobId, TimeSpan.FromSeconds(60));
        }

        var snapshot = await ApiJson.ReadAsync(await admin.GetAsync("/v1/dashboard/snapshot"));
        var jobs = snapshot["jobs"]!.AsArray().Select(j => j!).ToList();
        var listed = jobs.ToDictionary(j => j["jobId"]!.GetValue<string>(), j => j["state"]!.GetValue<string>());
        // Before, the newest 50 jobs only: the paused job had no row (no Resume, no Cancel) and counted nowhere.
        Assert.Equal("Paused", listed.GetValueOrDefault(paused));
        Assert.All(ended, jobId => Assert.Equal("Completed", listed.GetValueOrDefault(jobId)));
        Assert.False(listed.ContainsKey(failing), "the 51st newest ended job is not listed");
        Assert.Equal(EndedJobsListed + 1, jobs.Count);
        // Active jobs first, then the ended ones newest first, as docs/dashboard.md says; before, by time alone, the paused
        // job came after the fifty newer ones.
        Assert.Equal([paused, .. Enumerable.Reverse(ended)], jobs.Select(j => j["jobId"]!.GetValue<string>()));

        var totals = snapshot["jobTotals"] ?? throw new Xunit.Sdk.XunitException("the snapshot has no jobTotals");
        Assert.Equal(0, Number(totals, "running"));
        Assert.Equal(1, Number(totals, "paused"));
        Assert.Equal(0, Number(totals, "activeNotShown"));
        // The failing job's file is set aside though its row is not listed.
        Assert.Equal(0, jobs.Sum(j => j["failed"]!.GetValue<long>()));
        Assert.Equal(1, Number(totals, "failed"));
    }

    private static long Number(JsonNode totals, string name) =>
        totals[name]?.GetValue<long>() ?? throw new Xunit.Sdk.XunitException($"jobTotals has no {name}");
}

using Microsoft.Extensions.DependencyInjection;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Ingest;
using SampleMind.Runtime;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// An entry of the dashboard's job index whose job never stored itself (its start stopped between the two) is forgotten
/// by the next snapshot once it is a minute old, where it read as running for good and took one of the listed active
/// jobs' places; a younger one (a start still under way) is kept.
/// </summary>
public sealed class DashboardJobIndexOrphanTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_job_index_entry_without_a_job_is_forgotten_by_the_snapshot_a_minute_on()
    {
        var index = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IJobIndexGrain>(JobIndexGrain.AllKey);
        await index.Add("job-orphan-old", DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5));
        await index.Add("job-orphan-new", DateTimeOffset.UtcNow);

        using var admin = factory.CreateAdminClient();
        var snapshot = await ApiJson.ReadAsync(await admin.GetAsync("/v1/dashboard/snapshot"));

        var listed = (await index.View(200, 50)).Listed.Select(j => j.JobId).ToList();
        Assert.DoesNotContain("job-orphan-old", listed);
        Assert.Contains("job-orphan-new", listed);
        Assert.DoesNotContain(snapshot["jobs"]!.AsArray(), j => j!["jobId"]!.GetValue<string>().StartsWith("job-orphan-", StringComparison.Ordinal));
        Assert.Equal(0, snapshot["jobTotals"]!["running"]!.GetValue<int>());
    }
}

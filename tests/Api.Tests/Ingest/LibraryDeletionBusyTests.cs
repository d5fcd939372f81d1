using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Ingest;
using SampleMind.Scheduling;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Ingest;

/// <summary>
/// A library that an ingest is running into, or that a cancelled ingest still has files in flight into, is not deleted
/// (hosts of their own: their silo runs no ingest work, so a job's items wait for the test to take them).
/// </summary>
public sealed class LibraryDeletionBusyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_library_an_ingest_is_running_into_is_not_deleted()
    {
        // A host without the cpu role runs no ingest work: its job stays running.
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Silo:Roles:0", "api"));
        using var client = factory.CreateAdminClient(host);
        var folder = Path.Combine(factory.IngestRoot, "busy");
        WavWriter.Sine(Path.Combine(folder, "tone.wav"), 500, 0.5);
        var jobId = await ApiJson.StartDirectoryIngestAsync(client, "busy", folder, "fast");

        var refused = await ApiJson.AssertProblemAsync(await client.DeleteAsync("/v1/libraries/busy"), 409);

        Assert.Contains(jobId, refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ApiJson.AssertProblemAsync(await client.DeleteAsync("/v1/libraries/Not%20an%20id"), 400);
        Assert.Equal(200, (int)(await client.PostAsync($"/v1/jobs/{jobId}/cancel", null)).StatusCode);
        await ApiJson.AssertProblemAsync(await client.DeleteAsync("/v1/libraries/busy"), 404);
    }

    [Fact]
    public async Task A_library_is_not_deleted_while_a_cancelled_job_still_has_a_file_in_flight_into_it()
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Silo:Roles:0", "api"));
        using var client = factory.CreateAdminClient(host);
        var folder = Path.Combine(factory.IngestRoot, "settling");
        WavWriter.Sine(Path.Combine(folder, "a.wav"), 500, 0.5);
        WavWriter.Sine(Path.Combine(folder, "b.wav"), 600, 0.5);
        var jobId = await ApiJson.StartDirectoryIngestAsync(client, "settling", folder, "fast");
        // The test is the worker (of any silo) that holds a file of the job when it is cancelled.
        var queue = host.Services.GetRequiredService<IWorkQueue>();
        IReadOnlyList<WorkItem> held = [];
        await Eventually.HoldsAsync(async () => (held = await queue.ClaimAsync("settling-worker", [WorkRoles.Cpu], 1, TimeSpan.FromMinutes(5))).Count == 1,
            s_timeout, "a file of the job to be listed and claimed");
        var cancelled = await ApiJson.ReadAsync(await client.PostAsync($"/v1/jobs/{jobId}/cancel", null));
        Assert.Equal(("Cancelled", 1), (cancelled["state"]!.GetValue<string>(), cancelled["inFlight"]!.GetValue<int>()));

        var response = await client.DeleteAsync("/v1/libraries/settling");
        var refused = await ApiJson.AssertProblemAsync(response, 409);

        Assert.Contains($"Job '{jobId}' has ended (Cancelled) but still has 1 file(s) in flight", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);

        // The file in hand is catalogued after the cancel, as a worker records it; then the deletion takes it.
        var outcome = await host.Services.GetRequiredService<IngestWorkHandler>().HandleAsync(held[0], CancellationToken.None);
        Assert.True(await queue.CompleteAsync(held[0].Id, held[0].LeaseToken, outcome.ResultJson, outcome.Tallies));
        Assert.Equal(1, (await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/settling")))["samples"]!.GetValue<int>());
        var deleted = await client.DeleteAsync("/v1/libraries/settling");
        Assert.Equal(200, (int)deleted.StatusCode);
        Assert.Equal(1, (await ApiJson.ReadAsync(deleted))["removed"]!.GetValue<int>());
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/libraries/settling"), 404);
    }
}

using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Ingest;

/// <summary>A library that an ingest is running into is not deleted (a host of its own: its silo runs no ingest work).</summary>
public sealed class LibraryDeletionBusyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
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
}

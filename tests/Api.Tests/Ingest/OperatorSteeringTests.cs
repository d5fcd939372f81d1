using System.Net.Http.Json;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Ingest;

/// <summary>
/// The operator steers every tenant's job, as the dashboard's buttons offer; another tenant's admin key does not
/// (a host of its own, whose silo runs no ingest work, so the job stays running).
/// </summary>
public sealed class OperatorSteeringTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_operator_pauses_resumes_and_cancels_a_tenants_job_and_another_tenant_cannot()
    {
        var folder = Path.Combine(factory.IngestRoot, "acme");
        WavWriter.Sine(Path.Combine(folder, "tone.wav"), 500, 0.5);
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Silo:Roles:0", "api").UseSetting("Ingest:Roots:acme:0", folder));
        using var operatorClient = factory.CreateAdminClient(host);
        using var acme = host.CreateClient();
        using var beta = host.CreateClient();
        acme.DefaultRequestHeaders.Authorization = new("Bearer", await TenantKeyAsync(operatorClient, "acme", "ingest,read"));
        beta.DefaultRequestHeaders.Authorization = new("Bearer", await TenantKeyAsync(operatorClient, "beta", "admin"));
        var jobId = await ApiJson.StartDirectoryIngestAsync(acme, "drums", folder, "fast");

        // Before, the operator got a 404 for every tenant's job but its own: the dashboard's buttons did nothing.
        Assert.Equal("Paused", await ApiJson.SteerAsync(operatorClient, jobId, "pause"));
        await ApiJson.AssertProblemAsync(await beta.PostAsync($"/v1/jobs/{jobId}/resume", null), 404);
        Assert.Equal("Running", await ApiJson.SteerAsync(operatorClient, jobId, "resume"));
        Assert.Equal("Cancelled", await ApiJson.SteerAsync(operatorClient, jobId, "cancel"));
        Assert.Equal("Cancelled", (await ApiJson.ReadAsync(await acme.GetAsync($"/v1/jobs/{jobId}")))["state"]!.GetValue<string>());
    }

    private static async Task<string> TenantKeyAsync(HttpClient operatorClient, string tenantId, string scopes)
    {
        Assert.Equal(201, (int)(await operatorClient.PostAsJsonAsync("/v1/tenants", new { id = tenantId })).StatusCode);
        var issued = await ApiJson.ReadAsync(await operatorClient.PostAsJsonAsync($"/v1/tenants/{tenantId}/keys", new { name = "key", scopes }));
        return issued["token"]!.GetValue<string>();
    }
}

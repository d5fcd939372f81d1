using System.Net.Http.Json;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Compute;

/// <summary>Api:MaxVariationLength, on a host of its own (the class's host never starts beside it).</summary>
public sealed class VariationLengthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_sample_longer_than_a_variation_may_last_is_refused_before_its_quota()
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Api:MaxVariationLength", "00:00:02"));
        var client = factory.CreateAdminClient(host);
        var folder = Directory.CreateDirectory(Path.Combine(factory.IngestRoot, "compute-long")).FullName;
        WavWriter.Sine(Path.Combine(folder, "three-seconds.wav"), 440, 3.0);
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "compute-long", folder), s_timeout);
        var sampleId = (await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/compute-long/samples")))["items"]![0]!["sampleId"]!.GetValue<string>();
        var used = await VariationsUsedAsync(client);

        var refused = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"/v1/samples/{sampleId}/variations", new { count = 1 }), 400);
        var shorter = await client.PostAsJsonAsync($"/v1/samples/{sampleId}/variations", new { count = 1, timeRatio = 0.5 });

        Assert.Contains("past the 2 s a variation may last", refused["errors"]!["sampleId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(202, (int)shorter.StatusCode);
        Assert.Equal(used + 1, await VariationsUsedAsync(client));
    }

    private static async Task<long> VariationsUsedAsync(HttpClient client) =>
        (await ApiJson.ReadAsync(await client.GetAsync("/v1/tenants/admin/usage")))["used"]!.AsObject()
            .TryGetPropertyValue("variations", out var used) && used is not null ? used.GetValue<long>() : 0;
}

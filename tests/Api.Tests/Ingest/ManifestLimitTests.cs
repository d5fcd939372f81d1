using System.Net.Http.Json;
using System.Text;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Ingest;

/// <summary>
/// A JSON manifest is held to <c>Ingest:MaxFilesPerJob</c> as a text manifest and an upload are (it was not: a JSON
/// manifest of 8 files was taken with the limit at 5), and a text manifest's 413 names the setting as the JSON one's does
/// (it did not). Hosts of their own, with the limit at 5 and at 2.
/// </summary>
public sealed class ManifestLimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_json_manifest_over_the_files_per_job_limit_is_a_413_naming_it_and_one_at_the_limit_is_taken()
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Ingest:MaxFilesPerJob", "5"));
        var client = factory.CreateAdminClient(host);
        object Manifest(int files) => new
        {
            source = new { kind = "manifest", root = factory.IngestRoot, files = Enumerable.Range(0, files).Select(i => $"f{i}.wav").ToArray() },
            level = "fast",
        };

        var problem = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/libraries/limited/ingests", Manifest(6)), 413);

        Assert.Equal("The manifest lists 6 files; a job takes at most 5 (Ingest:MaxFilesPerJob).", problem["detail"]!.GetValue<string>());
        Assert.Equal(202, (int)(await client.PostAsJsonAsync("/v1/libraries/limited/ingests", Manifest(5))).StatusCode);
    }

    [Fact]
    public async Task A_text_manifest_over_the_files_per_job_limit_is_a_413_naming_the_setting()
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Ingest:MaxFilesPerJob", "2"));
        var client = factory.CreateAdminClient(host);

        var problem = await ApiJson.AssertProblemAsync(await client.PostAsync($"/v1/libraries/limited/ingests?root={Uri.EscapeDataString(factory.IngestRoot)}",
            new StringContent("a.wav\nb.wav\nc.wav\n", Encoding.UTF8, "text/plain")), 413);

        Assert.Equal("The manifest lists more than 2 files; a job takes at most 2 (Ingest:MaxFilesPerJob).", problem["detail"]!.GetValue<string>());
    }
}

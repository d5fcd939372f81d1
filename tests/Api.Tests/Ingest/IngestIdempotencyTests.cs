using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Ingest;

public sealed class IngestIdempotencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Replayed = "Idempotent-Replayed";
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_json_ingest_sent_again_with_its_key_answers_the_same_job_marked_replayed_and_lists_one_job()
    {
        var client = factory.CreateAdminClient();
        var body = new { source = new { kind = "directory", path = OneToneFolder("idem-json") }, level = "fast" };

        var first = await client.SendAsync(Post("/v1/libraries/idem-json/ingests", "retry-me", JsonContent.Create(body)));
        var again = await client.SendAsync(Post("/v1/libraries/idem-json/ingests", "retry-me", JsonContent.Create(body)));

        Assert.Equal((202, 202), ((int)first.StatusCode, (int)again.StatusCode));
        var jobId = (await ApiJson.ReadAsync(first))["jobId"]!.GetValue<string>();
        Assert.Equal(jobId, (await ApiJson.ReadAsync(again))["jobId"]!.GetValue<string>());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.False(first.Headers.Contains(Replayed));
        Assert.Equal(["true"], again.Headers.GetValues(Replayed));
        Assert.Equal(1, await JobsOfAsync(client, "idem-json"));
        Assert.Equal(1, (await ApiJson.WaitForJobAsync(client, jobId, s_jobTimeout))["succeeded"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_key_sent_again_with_another_body_or_library_is_a_422_problem_and_starts_nothing()
    {
        var client = factory.CreateAdminClient();
        var folder = OneToneFolder("idem-other");
        var started = await client.SendAsync(Post("/v1/libraries/idem-other/ingests", "other",
            JsonContent.Create(new { source = new { kind = "directory", path = folder }, level = "fast" })));
        Assert.Equal(202, (int)started.StatusCode);

        var otherLevel = await client.SendAsync(Post("/v1/libraries/idem-other/ingests", "other",
            JsonContent.Create(new { source = new { kind = "directory", path = folder }, level = "full" })));
        var otherLibrary = await client.SendAsync(Post("/v1/libraries/idem-elsewhere/ingests", "other",
            JsonContent.Create(new { source = new { kind = "directory", path = folder }, level = "fast" })));

        foreach (var refused in new[] { otherLevel, otherLibrary })
        {
            var problem = await ApiJson.AssertProblemAsync(refused, 422);
            Assert.Equal("https://samplemind.dev/problems/idempotency-key-reused", problem["type"]!.GetValue<string>());
            Assert.Contains("used for a different request", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await JobsOfAsync(client, "idem-other"));
        Assert.Equal(0, await JobsOfAsync(client, "idem-elsewhere"));
    }

    [Fact]
    public async Task A_text_manifest_sent_again_with_its_key_is_replayed_and_the_job_reads_the_first_manifest()
    {
        var client = factory.CreateAdminClient();
        var folder = OneToneFolder("idem-text");
        var url = $"/v1/libraries/idem-text/ingests?root={Uri.EscapeDataString(folder)}&level=fast";

        var first = await client.SendAsync(Post(url, "manifest-1", new StringContent("tone.wav\n", Encoding.UTF8, "text/plain")));
        var again = await client.SendAsync(Post(url, "manifest-1", new StringContent("tone.wav\n", Encoding.UTF8, "text/plain")));
        var otherLines = await client.SendAsync(Post(url, "manifest-1", new StringContent("tone.wav\nmissing.wav\n", Encoding.UTF8, "text/plain")));
        var otherLevel = await client.SendAsync(Post(url.Replace("level=fast", "level=full", StringComparison.Ordinal), "manifest-1",
            new StringContent("tone.wav\n", Encoding.UTF8, "text/plain")));

        Assert.Equal((202, 202), ((int)first.StatusCode, (int)again.StatusCode));
        Assert.Equal(["true"], again.Headers.GetValues(Replayed));
        await ApiJson.AssertProblemAsync(otherLines, 422);
        await ApiJson.AssertProblemAsync(otherLevel, 422);
        var jobId = (await ApiJson.ReadAsync(first))["jobId"]!.GetValue<string>();
        Assert.Equal(jobId, (await ApiJson.ReadAsync(again))["jobId"]!.GetValue<string>());
        var status = await ApiJson.WaitForJobAsync(client, jobId, s_jobTimeout);
        Assert.Equal((1L, 1L, 0L), (status["listed"]!.GetValue<long>(), status["succeeded"]!.GetValue<long>(), status["failed"]!.GetValue<long>()));
        var manifests = Directory.GetFiles(Path.Combine(factory.Root, "data", "uploads", "admin", jobId), "*.manifest");
        Assert.Single(manifests);
    }

    [Fact]
    public async Task Two_json_ingests_with_one_key_at_once_start_one_job()
    {
        var client = factory.CreateAdminClient();
        var body = new { source = new { kind = "directory", path = OneToneFolder("idem-race") }, level = "fast" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => client.SendAsync(Post("/v1/libraries/idem-race/ingests", "at-once", JsonContent.Create(body)))));

        Assert.All(answers, a => Assert.Equal(202, (int)a.StatusCode));
        var jobIds = await Task.WhenAll(answers.Select(async a => (await ApiJson.ReadAsync(a))["jobId"]!.GetValue<string>()));
        Assert.Single(jobIds.Distinct());
        Assert.Equal(1, await JobsOfAsync(client, "idem-race"));
    }

    [Fact]
    public async Task An_upload_with_a_key_is_refused_and_stores_nothing()
    {
        var client = factory.CreateAdminClient();
        var zip = new ByteArrayContent(ZipOf("a.wav", File.ReadAllBytes(Path.Combine(OneToneFolder("idem-upload"), "tone.wav"))));
        zip.Headers.ContentType = new MediaTypeHeaderValue("application/zip");

        var refused = await client.SendAsync(Post("/v1/libraries/idem-upload/ingests?level=fast", "upload-1", zip));

        var problem = await ApiJson.AssertProblemAsync(refused, 400);
        Assert.Contains("Idempotency-Key applies to JSON and text manifest ingests", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await JobsOfAsync(client, "idem-upload"));
    }

    [Fact]
    public async Task A_malformed_or_repeated_key_is_a_400_naming_the_header()
    {
        var client = factory.CreateAdminClient();
        var body = new { source = new { kind = "directory", path = OneToneFolder("idem-malformed") } };

        foreach (var keys in new[] { [new string('k', 256)], ["two words"], ["caf\u00e9"], new[] { "one", "two" } })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/libraries/idem-malformed/ingests") { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", keys);
            var problem = await ApiJson.AssertProblemAsync(await client.SendAsync(request), 400);
            Assert.Contains("Idempotency-Key header", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await JobsOfAsync(client, "idem-malformed"));
        Assert.Equal(202, (int)(await client.SendAsync(Post("/v1/libraries/idem-malformed/ingests", new string('k', 255), JsonContent.Create(body)))).StatusCode);
    }

    [Fact]
    public void A_job_stored_before_request_fingerprints_loads_without_one()
    {
        const string Stored = """
            {"spec":{"jobId":"job-0123456789abcdef","tenantId":"admin","libraryId":"old","sourceKind":"Directory","root":"/srv",
            "manifestPath":null,"level":"fast","priority":5,"webhookUrl":null,"labels":[],"createdAt":"2025-01-02T03:04:05+00:00"},
            "state":"Completed","cursor":"a.wav","manifestOffset":0,"listingComplete":true,"finishedAt":null,"webhookEvents":1}
            """;

        var state = JsonSerializer.Deserialize(Stored, GrainStateJsonContext.Default.IngestJobState);

        Assert.Equal("job-0123456789abcdef", state!.Spec!.JobId);
        Assert.Null(state.Spec.RequestFingerprint);
    }

    private static HttpRequestMessage Post(string url, string key, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<int> JobsOfAsync(HttpClient client, string library)
    {
        var jobs = await ApiJson.ReadAsync(await client.GetAsync("/v1/jobs?limit=1000"));
        return jobs["items"]!.AsArray().Count(j => j!["libraryId"]!.GetValue<string>() == library);
    }

    private static byte[] ZipOf(string name, byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(bytes);
        }

        return memory.ToArray();
    }

    /// <summary>A folder under the ingest root holding one short tone, <c>tone.wav</c>.</summary>
    private string OneToneFolder(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(factory.IngestRoot, name)).FullName;
        WavWriter.Sine(Path.Combine(folder, "tone.wav"), 440, 0.5);
        return folder;
    }
}

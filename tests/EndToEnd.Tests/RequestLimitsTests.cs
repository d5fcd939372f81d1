using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SampleMind.TestSupport;

namespace SampleMind.EndToEnd.Tests;

/// <summary>
/// The request size limits on a real Kestrel (the API host as a process): each limit is answered with problem+json
/// naming it, and an upload may be as large as Ingest:MaxUploadBytes, past Kestrel's own 30 MB default, which refused
/// every larger upload (a 60 MB tar of samples-dev got a 413) while the docs promised 4 GiB.
/// </summary>
public sealed class RequestLimitsTests(RequestLimitsTests.Server server) : IClassFixture<RequestLimitsTests.Server>
{
    private string Dir => server.Dir;

    private HostProcess Host => server.Host;

    private HttpClient Admin => server.Admin;

    [Fact]
    public async Task An_upload_larger_than_kestrels_default_body_limit_is_ingested()
    {
        // 180 s of 44.1 kHz stereo 16-bit: 31.8 MB, over Kestrel's default limit of 30,000,000 bytes.
        var wav = Path.Combine(Dir, "long-pad.wav");
        const int rate = 44100;
        var frames = 180 * rate;
        var samples = new float[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            samples[2 * i] = samples[(2 * i) + 1] = (float)(0.4 * Math.Sin(2 * Math.PI * 220 * i / rate));
        }

        WavWriter.Write(wav, samples, rate, 2);
        var tar = Path.Combine(Dir, "upload.tar");
        await using (var output = File.Create(tar))
        await using (var writer = new TarWriter(output))
        {
            await writer.WriteEntryAsync(wav, "pads/long-pad.wav");
        }

        Assert.True(new FileInfo(tar).Length > 30_000_000);
        await using var body = File.OpenRead(tar);
        using var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        var response = await Admin.PostAsync("/v1/libraries/long/ingests", content);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var jobId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["jobId"]!.GetValue<string>();

        JsonNode status = new JsonObject();
        await Eventually.HoldsAsync(
            async () => (status = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/jobs/{jobId}"))!)["state"]!.GetValue<string>() == "Completed",
            TimeSpan.FromSeconds(60), "the upload's job to complete");
        Assert.Equal(1, status["succeeded"]!.GetValue<int>());
        Assert.Equal(0, status["failed"]!.GetValue<int>());
        Assert.InRange(status["audioSeconds"]!.GetValue<double>(), 179.9, 180.1);
    }

    [Fact]
    public async Task A_chunked_hum_over_its_limit_is_a_413_naming_the_hums_limit()
    {
        var tone = Path.Combine(Dir, "hum-tone.wav");
        WavWriter.Sine(tone, 440, 1.0);
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            await writer.WriteEntryAsync(tone, "tone.wav");
        }

        var upload = new ByteArrayContent(tar.ToArray());
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        var started = await Admin.PostAsync("/v1/libraries/humlib/ingests", upload);
        var jobId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["jobId"]!.GetValue<string>();
        await Eventually.HoldsAsync(
            async () => (await Admin.GetFromJsonAsync<JsonObject>($"/v1/jobs/{jobId}"))!["state"]!.GetValue<string>() == "Completed",
            TimeSpan.FromSeconds(60), "the hum library's job to complete");

        // No Content-Length (chunked), so the endpoint cannot refuse it before reading; 10 bytes over 8 MiB.
        using var hum = new StreamContent(new MemoryStream(new byte[(8 << 20) + 10]));
        hum.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/libraries/humlib/search/humming") { Content = hum };
        request.Headers.TransferEncodingChunked = true;
        var problem = await ProblemAsync(await Admin.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);

        // Before, the server's own limit answered first, naming Api:MaxJsonBodyBytes and Ingest:MaxUploadBytes.
        Assert.Equal("A hum is at most 8 MiB.", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/libraries/big/ingests")] // read by the endpoint
    [InlineData("/v1/tenants/admin/keys")] // bound to a parameter by the framework
    public async Task A_json_body_over_the_limit_is_a_413_naming_the_setting(string path)
    {
        var json = $$"""{"name":"{{new string('x', 1_100_000)}}","scopes":"read"}""";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await Admin.PostAsync(path, content);
        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("https://samplemind.dev/problems/payload-too-large", problem["type"]!.GetValue<string>());
        Assert.Contains("1048576 bytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Api:MaxJsonBodyBytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_and_query_over_the_limit_is_a_414_with_a_problem_body()
    {
        var response = await Admin.GetAsync($"/v1/jobs?state={new string('a', 9000)}");
        var problem = await ProblemAsync(response, HttpStatusCode.RequestUriTooLong);
        Assert.Equal("https://samplemind.dev/problems/uri-too-long", problem["type"]!.GetValue<string>());
        Assert.Contains("Api:MaxRequestTargetBytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Past four times the limit Kestrel refuses it itself, before the API sees it: still a 414, with no body.
        var far = await Admin.GetAsync($"/v1/jobs?state={new string('a', 40_000)}");
        Assert.Equal(HttpStatusCode.RequestUriTooLong, far.StatusCode);
    }

    [Fact]
    public async Task Headers_over_the_limits_are_a_431_with_a_problem_body()
    {
        using var large = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs");
        large.Headers.Add("X-Padding", new string('a', 33 * 1024));
        var problem = await ProblemAsync(await Admin.SendAsync(large), HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Equal("https://samplemind.dev/problems/headers-too-large", problem["type"]!.GetValue<string>());
        Assert.Contains("Api:MaxRequestHeadersBytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var many = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs");
        for (var i = 0; i < 120; i++)
        {
            many.Headers.Add($"X-Line-{i}", "1");
        }

        problem = await ProblemAsync(await Admin.SendAsync(many), HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Contains("Api:MaxRequestHeaderCount", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_within_the_limits_reach_their_endpoints()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs");
        request.Headers.Add("X-Padding", new string('a', 16 * 1024));
        var listed = await Admin.SendAsync(request);
        Assert.True(listed.IsSuccessStatusCode, $"{(int)listed.StatusCode}: {await listed.Content.ReadAsStringAsync()}");

        var problem = await ProblemAsync(await Admin.GetAsync($"/v1/jobs/job-{new string('a', 7000)}"), HttpStatusCode.NotFound);
        Assert.Contains("There is no job", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}; {Host.Describe()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>One host for the class: the tests only read and ingest into libraries of their own.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private HostProcess? _host;
        private HttpClient? _admin;

        public string Dir { get; } = Directory.CreateTempSubdirectory("samplemind-limits-").FullName;

        internal HostProcess Host => _host!;

        public HttpClient Admin => _admin!;

        public async Task InitializeAsync()
        {
            _host = await HostProcess.StartAsync(Dir, new Dictionary<string, string>());
            _admin = _host.CreateAdminClient(Dir);
        }

        public async Task DisposeAsync()
        {
            _admin?.Dispose();
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            Directory.Delete(Dir, recursive: true);
        }
    }
}

using System.Net.Http.Headers;
using System.Text;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Ingest;

/// <summary>How the library endpoints (and those of search under a library) answer ids, type filters and libraries that hold nothing.</summary>
public sealed class LibraryRequestTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Rule = "is not a library id: 1-64 of a-z, 0-9, '-' and '_'.";
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_endpoint_under_a_library_gives_the_id_rule_for_an_id_that_cannot_be_one()
    {
        using var client = factory.CreateAdminClient();
        var hum = new ByteArrayContent([0, 1]) { Headers = { ContentType = new MediaTypeHeaderValue("audio/wav") } };

        // Before, all but ingest and recommendations said only "'A' is not a library id." with no rule.
        var answers = new[]
        {
            await client.GetAsync("/v1/libraries/A"),
            await client.DeleteAsync("/v1/libraries/A"),
            await client.GetAsync("/v1/libraries/A/samples"),
            await client.PostAsync("/v1/libraries/A/search", Json("{}")),
            await client.PostAsync("/v1/libraries/A/search/humming", hum),
            await client.PostAsync("/v1/libraries/A/recommendations", Json("{}")),
            await client.PostAsync("/v1/libraries/A/ingests", Json("{}")),
        };

        foreach (var answer in answers)
        {
            var problem = await ApiJson.AssertProblemAsync(answer, 400);
            Assert.Equal($"'A' {Rule}", problem["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task An_id_with_an_escaped_slash_or_a_control_character_is_echoed_as_sent_with_the_character_as_its_code()
    {
        using var client = factory.CreateAdminClient();

        var job = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/jobs/a%2Fb"), 404);
        var cancel = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/jobs/a%2fb/cancel", null), 404);
        var sample = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/samples/a%2Fb"), 404);
        var library = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/libraries/a%2Fb%0A"), 400);

        Assert.Equal("There is no job 'a/b'.", job["detail"]!.GetValue<string>());
        Assert.Equal("There is no job 'a/b'.", cancel["detail"]!.GetValue<string>());
        Assert.Equal("There is no sample 'a/b'.", sample["detail"]!.GetValue<string>());
        Assert.Equal($"'a/bU+000A' {Rule}", library["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_id_that_ends_in_a_line_feed_is_refused_as_any_other_control_character_is()
    {
        using var client = factory.CreateAdminClient();
        var folder = Path.Combine(factory.IngestRoot, "line-feed");
        WavWriter.Sine(Path.Combine(folder, "tone.wav"), 330, 0.5);

        // Before, a regular expression's '$' matched before a final line feed: the library "nlib\n" was created, and a
        // tenant "tenc\n" was stored before its Location header failed the request with a 500.
        var ingest = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/libraries/nlib%0A/ingests", Json($$$"""{"source":{"kind":"directory","path":"{{{folder}}}"}}""")), 400);
        var tenant = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/tenants", Json("""{"id":"tenc\n"}""")), 400);
        var sample = await client.GetAsync("/v1/samples/s0123456789abcdef01234567%0A");

        Assert.Equal($"'nlibU+000A' {Rule}", ingest["detail"]!.GetValue<string>());
        Assert.NotNull(tenant["errors"]?["id"]);
        Assert.Equal(404, (int)sample.StatusCode);
        Assert.Equal(404, (int)(await client.GetAsync("/v1/tenants/tenc%0A")).StatusCode);
        var libraries = await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries"));
        Assert.DoesNotContain(libraries["items"]!.AsArray(), library => library!["libraryId"]!.GetValue<string>().StartsWith("nlib", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_listing_takes_the_type_in_any_case_and_is_a_404_for_a_library_that_holds_no_samples()
    {
        using var client = factory.CreateAdminClient();
        var folder = Path.Combine(factory.IngestRoot, "typed");
        WavWriter.Sine(Path.Combine(folder, "tone.wav"), 330, 0.5);
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "typed", folder, "fast"), s_jobTimeout);

        var unknown = await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/typed/samples?type=Unknown"));
        var loops = await client.GetAsync("/v1/libraries/typed/samples?type=LOOP");
        var notAType = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/libraries/typed/samples?type=Drum"), 400);
        var nowhere = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/libraries/nowhere/samples"), 404);
        var nowhereFiltered = await client.GetAsync("/v1/libraries/nowhere/samples?type=loop&key=C%20major&compatible=4A");

        Assert.Equal("unknown", Assert.Single(unknown["items"]!.AsArray())!["type"]!.GetValue<string>());
        // A library that holds samples, none of them matching: an empty page, not a 404.
        Assert.Equal(200, (int)loops.StatusCode);
        Assert.Empty((await ApiJson.ReadAsync(loops))["items"]!.AsArray());
        Assert.NotNull(notAType["errors"]?["type"]);
        Assert.Equal("The library 'nowhere' holds no samples.", nowhere["detail"]!.GetValue<string>());
        await ApiJson.AssertProblemAsync(nowhereFiltered, 404);
    }

    [Fact]
    public async Task A_search_filter_takes_the_type_in_any_case()
    {
        using var client = factory.CreateAdminClient();

        var search = await client.PostAsync("/v1/search", Json("""{"filters":{"type":"One-Shot"}}"""));
        var unknown = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("""{"filters":{"type":"UNKNOWN"}}""")), 400);
        var similar = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/samples/s000000000000000000000000/similar?type=Loop"), 404);

        Assert.Equal(200, (int)search.StatusCode);
        Assert.Contains("Search holds loops and one-shots only", unknown["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("There is no sample", similar["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

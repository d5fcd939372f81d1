using System.Net.Http.Json;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Compute;

public sealed class ComputeIdempotencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Replayed = "Idempotent-Replayed";

    [Fact]
    public async Task A_separation_sent_again_with_its_key_answers_the_same_request_marked_replayed_and_charges_once()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "idem-replay");
        var used = await UsedAsync(client, "admin", "stemSeparations");

        var first = await client.SendAsync(Post($"/v1/samples/{sampleId}/separate", "sep-1", new { stems = 2, quality = "high" }));
        var again = await client.SendAsync(Post($"/v1/samples/{sampleId}/separate", "sep-1", new { stems = 2, quality = "high" }));

        Assert.Equal((202, 202), ((int)first.StatusCode, (int)again.StatusCode));
        var requestId = await RequestIdAsync(first);
        Assert.Matches("^[0-9a-f]{32}$", requestId);
        Assert.Equal(requestId, await RequestIdAsync(again));
        Assert.Equal($"/v1/compute/{requestId}", again.Headers.Location?.ToString());
        Assert.False(first.Headers.Contains(Replayed));
        Assert.Equal(["true"], again.Headers.GetValues(Replayed));
        Assert.Equal(used + 1, await UsedAsync(client, "admin", "stemSeparations"));
    }

    [Fact]
    public async Task A_key_sent_again_with_other_parameters_or_another_sample_is_a_422_problem_and_charges_nothing()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "idem-mismatch");
        var otherSample = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "idem-mismatch-other");
        Assert.Equal(202, (int)(await client.SendAsync(Post($"/v1/samples/{sampleId}/variations", "vary-1", new { count = 2 }))).StatusCode);
        var used = await UsedAsync(client, "admin", "variations");

        var refused = new[]
        {
            await client.SendAsync(Post($"/v1/samples/{sampleId}/variations", "vary-1", new { count = 3 })),
            await client.SendAsync(Post($"/v1/samples/{sampleId}/variations", "vary-1", new { count = 2, variance = 0.3 })),
            await client.SendAsync(Post($"/v1/samples/{sampleId}/variations", "vary-1", new { count = 2, pitchSemitones = 2 })),
            await client.SendAsync(Post($"/v1/samples/{otherSample}/variations", "vary-1", new { count = 2 })),
        };

        foreach (var response in refused)
        {
            var problem = await ApiJson.AssertProblemAsync(response, 422);
            Assert.Equal("https://samplemind.dev/problems/idempotency-key-reused", problem["type"]!.GetValue<string>());
            Assert.Contains("This Idempotency-Key was used for a different request", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(used, await UsedAsync(client, "admin", "variations"));
    }

    [Fact]
    public async Task One_key_names_different_requests_at_the_separate_and_variations_endpoints()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "idem-scope");

        var separation = await client.SendAsync(Post($"/v1/samples/{sampleId}/separate", "shared", new { stems = 2 }));
        var variations = await client.SendAsync(Post($"/v1/samples/{sampleId}/variations", "shared", new { count = 1 }));
        var separationAgain = await client.SendAsync(Post($"/v1/samples/{sampleId}/separate", "shared", new { stems = 2 }));
        var variationsAgain = await client.SendAsync(Post($"/v1/samples/{sampleId}/variations", "shared", new { count = 1 }));

        Assert.Equal((202, 202), ((int)separation.StatusCode, (int)variations.StatusCode));
        Assert.NotEqual(await RequestIdAsync(separation), await RequestIdAsync(variations));
        Assert.False(variations.Headers.Contains(Replayed));
        Assert.Equal(await RequestIdAsync(separation), await RequestIdAsync(separationAgain));
        Assert.Equal(await RequestIdAsync(variations), await RequestIdAsync(variationsAgain));
        Assert.All(new[] { separationAgain, variationsAgain }, a => Assert.Equal(["true"], a.Headers.GetValues(Replayed)));
    }

    [Fact]
    public async Task A_malformed_or_repeated_key_is_a_400_naming_the_header()
    {
        var client = factory.CreateAdminClient();

        foreach (var keys in new[] { [new string('k', 256)], ["with space"], new[] { "one", "two" } })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/samples/sany/separate") { Content = JsonContent.Create(new { stems = 2 }) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", keys);
            var problem = await ApiJson.AssertProblemAsync(await client.SendAsync(request), 400);
            Assert.Contains("Idempotency-Key header", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_key_two_identical_posts_make_two_requests_and_two_charges()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "idem-unkeyed");
        var used = await UsedAsync(client, "admin", "stemSeparations");

        var first = await client.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2 });
        var second = await client.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2 });

        Assert.NotEqual(await RequestIdAsync(first), await RequestIdAsync(second));
        Assert.False(second.Headers.Contains(Replayed));
        Assert.Equal(used + 2, await UsedAsync(client, "admin", "stemSeparations"));
    }

    [Fact]
    public async Task Identical_keyed_posts_at_once_make_one_request_and_one_charge()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "idem-race");
        var used = await UsedAsync(client, "admin", "stemSeparations");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => client.SendAsync(Post($"/v1/samples/{sampleId}/separate", "race", new { stems = 2 }))));

        Assert.All(answers, a => Assert.Equal(202, (int)a.StatusCode));
        Assert.Single((await Task.WhenAll(answers.Select(RequestIdAsync))).Distinct());
        Assert.Equal(3, answers.Count(a => a.Headers.Contains(Replayed)));
        Assert.Equal(used + 1, await UsedAsync(client, "admin", "stemSeparations"));
        var listed = (await ApiJson.ReadAsync(await client.GetAsync("/v1/compute?limit=1000")))["items"]!.AsArray();
        Assert.Single(listed, s => s!["request"]!["sampleId"]!.GetValue<string>() == sampleId);
    }

    [Fact]
    public async Task A_keyed_request_refused_for_its_quota_is_asked_afresh_when_sent_again()
    {
        var admin = factory.CreateAdminClient();
        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "idem-free", plan = "free" })).StatusCode);
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/idem-free/keys", new { name = "k", scopes = "read,ingest" }));
        var client = factory.CreateClient(issued["token"]!.GetValue<string>());
        var sampleId = await ComputeFixtures.UploadMixtureAsync(client, factory.Root);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(202, (int)(await client.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2 })).StatusCode);
        }

        var refused = await client.SendAsync(Post($"/v1/samples/{sampleId}/separate", "after-upgrade", new { stems = 2 }));
        await ApiJson.AssertProblemAsync(refused, 429);
        Assert.Equal(200, (int)(await admin.PatchAsJsonAsync("/v1/tenants/idem-free", new { plan = "pro" })).StatusCode);
        var accepted = await client.SendAsync(Post($"/v1/samples/{sampleId}/separate", "after-upgrade", new { stems = 2 }));

        Assert.Equal(202, (int)accepted.StatusCode);
        Assert.False(accepted.Headers.Contains(Replayed));
        Assert.Equal(6, await UsedAsync(admin, "idem-free", "stemSeparations"));
    }

    private static HttpRequestMessage Post(string url, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<string> RequestIdAsync(HttpResponseMessage response) =>
        (await ApiJson.ReadAsync(response))["request"]!["requestId"]!.GetValue<string>();

    private static async Task<long> UsedAsync(HttpClient client, string tenant, string meter) =>
        (await ApiJson.ReadAsync(await client.GetAsync($"/v1/tenants/{tenant}/usage")))["used"]!.AsObject()
            .TryGetPropertyValue(meter, out var used) && used is not null ? used.GetValue<long>() : 0;
}

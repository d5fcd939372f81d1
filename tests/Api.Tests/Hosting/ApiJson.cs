using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>Small helpers for reading API answers in tests.</summary>
internal static class ApiJson
{
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? new JsonObject();

    /// <summary>Asserts a problem+json answer with the given status, and returns it.</summary>
    public static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(problem["type"]?.GetValue<string>()), "a problem has a type");
        Assert.False(string.IsNullOrWhiteSpace((problem["detail"] ?? problem["title"])?.GetValue<string>()), "a problem has a sentence");
        return problem;
    }

    /// <summary>Starts a directory ingest and returns the job id.</summary>
    public static async Task<string> StartDirectoryIngestAsync(HttpClient client, string library, string path, string level = "fast")
    {
        var response = await client.PostAsJsonAsync($"/v1/libraries/{library}/ingests",
            new { source = new { kind = "directory", path }, level });
        Assert.Equal(202, (int)response.StatusCode);
        return (await ReadAsync(response))["jobId"]!.GetValue<string>();
    }

    /// <summary>Polls the job until it completes or is cancelled; returns its final status.</summary>
    public static async Task<JsonNode> WaitForJobAsync(HttpClient client, string jobId, TimeSpan timeout)
    {
        JsonNode status = new JsonObject();
        await Eventually.HoldsAsync(async () =>
        {
            status = await ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}"));
            return status["state"]?.GetValue<string>() is "Completed" or "Cancelled";
        }, timeout, $"job {jobId} to end");
        return status;
    }

    /// <summary>
    /// Pauses, resumes or cancels a job that may end meanwhile: the state it answers with, or, when it had ended (409, which
    /// this checks), its final state.
    /// </summary>
    public static async Task<string> SteerAsync(HttpClient client, string jobId, string verb)
    {
        var response = await client.PostAsync($"/v1/jobs/{jobId}/{verb}", null);
        if ((int)response.StatusCode == 409)
        {
            var problem = await AssertProblemAsync(response, 409);
            var ended = (await ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}")))["state"]!.GetValue<string>();
            Assert.Contains($"has ended ({ended})", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            return ended;
        }

        Assert.Equal(200, (int)response.StatusCode);
        return (await ReadAsync(response))["state"]!.GetValue<string>();
    }

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Npgsql;
using SampleMind.TestSupport;

namespace SampleMind.EndToEnd.Tests;

/// <summary>
/// The real API host as a three-silo cluster on PostgreSQL: every silo answers with the one admin key,
/// a file uploaded to an api-only silo is analysed by the others' workers from the shared directory,
/// and the job, its results, the library's catalogue and the dashboard's job list read the same
/// through every silo.
/// </summary>
public sealed class ClusterHostTests
{
    private const int Files = 9;

    [Fact]
    public async Task Three_api_silos_serve_one_job_through_shared_state()
    {
        await using var cluster = await ApiClusterProcesses.StartAsync(new ApiClusterOptions
        {
            Silos = 3,
            Roles = i => i == 2 ? ["api"] : null,
            Settings = { ["Ingest:Concurrency"] = "1" },
        });
        try
        {
            await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT array_agg(silo_id ORDER BY silo_id) FROM silos WHERE status = 'active'", connection);
                Assert.Equal(["silo-0", "silo-1", "silo-2"], (string[])(await command.ExecuteScalarAsync())!);
            }

            using var upload = new MultipartFormDataContent();
            for (var i = 0; i < Files; i++)
            {
                var path = Path.Combine(cluster.Root, "upload", $"tone-{i}.wav");
                WavWriter.Sine(path, 220 + (55 * i), 1.0 + (0.1 * i));
                var part = new ByteArrayContent(await File.ReadAllBytesAsync(path));
                part.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
                upload.Add(part, "files", Path.GetFileName(path));
            }

            using var apiOnly = cluster.CreateAdminClient(2);
            var started = await apiOnly.PostAsync("/v1/libraries/tones/ingests?level=fast", upload);
            Assert.Equal(202, (int)started.StatusCode);
            var jobId = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["jobId"]!.GetValue<string>();

            using var first = cluster.CreateAdminClient(0);
            JsonNode status = new JsonObject();
            await Eventually.HoldsAsync(async () =>
                (status = JsonNode.Parse(await first.GetStringAsync($"/v1/jobs/{jobId}"))!)["state"]!.GetValue<string>() == "Completed",
                TimeSpan.FromMinutes(2), "the job to complete");
            Assert.Equal(Files, status["succeeded"]!.GetValue<long>());

            var rows = (await apiOnly.GetStringAsync($"/v1/jobs/{jobId}/results?format=json"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["path"]!.GetValue<string>()).Order().ToList();
            Assert.Equal(Enumerable.Range(0, Files).Select(i => $"tone-{i}.wav").Order(), rows);

            var page = JsonNode.Parse(await apiOnly.GetStringAsync("/v1/libraries/tones/samples?limit=100"))!;
            Assert.Equal(Files, page["items"]!.AsArray().Count);

            // Every silo's dashboard lists the job, wherever its grain runs.
            for (var i = 0; i < 3; i++)
            {
                using var client = cluster.CreateAdminClient(i);
                var jobs = JsonNode.Parse(await client.GetStringAsync("/v1/dashboard/snapshot"))!["jobs"]!.AsArray();
                Assert.Contains(jobs, j => j!["jobId"]!.GetValue<string>() == jobId);
            }

            // The api-only silo claimed nothing: the files it received were analysed by silo-0 and silo-1.
            var metrics = await apiOnly.GetStringAsync("/metrics");
            Assert.Equal(0, Claimed(metrics));
            var claimedElsewhere = 0.0;
            for (var i = 0; i < 2; i++)
            {
                using var client = cluster.CreateAdminClient(i);
                claimedElsewhere += Claimed(await client.GetStringAsync("/metrics"));
            }

            Assert.True(claimedElsewhere >= Files, $"silo-0 and silo-1 claimed {claimedElsewhere} items of {Files}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(e.Message + "\n" + cluster.Output(), e);
        }
    }

    /// <summary>The sum of the <c>samplemind_work_claimed_total</c> series in a Prometheus text page.</summary>
    internal static double Claimed(string metrics) => metrics.Split('\n')
        .Where(l => l.StartsWith("samplemind_work_claimed_total", StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}

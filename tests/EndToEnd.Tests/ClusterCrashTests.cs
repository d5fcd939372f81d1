using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SampleMind.TestSupport;

namespace SampleMind.EndToEnd.Tests;

/// <summary>
/// Issue #5's crash test in cluster mode: three API silos on PostgreSQL ingest half of the real
/// samples (every second file, as a manifest); the silo hosting the job's grain is killed with
/// kill -9 a quarter of the way in and is not restarted. The two survivors take over its partitions
/// and, once its work leases expire, its items: the job completes with every file in the results
/// exactly once, and no file handed out again beyond those in flight at the kill.
/// </summary>
public sealed class ClusterCrashTests
{
    private const int Concurrency = 2;
    private const int Silos = 3;

    [SharedDataFact]
    public async Task Killing_the_silo_that_hosts_the_job_loses_and_doubles_nothing()
    {
        var files = Directory.EnumerateFiles(RepoPaths.SamplesDev, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".wav" or ".flac" or ".ogg" or ".mp3" or ".aif" or ".aiff")
            .Select(f => Path.GetRelativePath(RepoPaths.SamplesDev, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Where((_, i) => i % 2 == 0)
            .ToList();
        await using var cluster = await ApiClusterProcesses.StartAsync(new ApiClusterOptions
        {
            Silos = Silos,
            Settings =
            {
                ["Ingest:Roots:admin:0"] = RepoPaths.SamplesDev,
                ["Ingest:Concurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture),
                // Renewed every 10 s: a loaded machine's late renewal does not expire a live lease,
                // and the dead silo's items come back within half a minute.
                ["WorkQueue:DefaultLease"] = "00:00:30",
            },
        });
        try
        {
            using var client = cluster.CreateAdminClient(0);
            var started = await client.PostAsJsonAsync("/v1/libraries/crash/ingests",
                new { source = new { kind = "manifest", root = RepoPaths.SamplesDev, files }, level = "fast" });
            Assert.Equal(202, (int)started.StatusCode);
            var jobId = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["jobId"]!.GetValue<string>();
            await Eventually.HoldsAsync(async () => Done(await StatusAsync(client, jobId)) >= files.Count / 4,
                TimeSpan.FromMinutes(3), "a quarter of the files to be done before the kill");

            var host = await JobHostAsync(cluster);
            cluster.Kill(host);

            using var survivor = cluster.CreateAdminClient(host == 0 ? 1 : 0);
            JsonNode status = new JsonObject();
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    status = await StatusAsync(survivor, jobId);
                }
                catch (HttpRequestException)
                {
                    return false; // the job's partition has no owner until the dead silo's lease expires
                }

                return status["state"]?.GetValue<string>() == "Completed";
            }, TimeSpan.FromMinutes(4), "the job to complete on the surviving silos");

            Assert.Equal(files.Count, status["listed"]!.GetValue<long>());
            Assert.Equal(files.Count, Done(status));
            var rows = (await survivor.GetStringAsync($"/v1/jobs/{jobId}/results?format=json"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Equal(files.Count, rows.Count);
            Assert.Equal(files, rows.Select(r => r["path"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            // Handed out again at most: the killed silo's leases (its items in flight and as many prefetched, not started)
            // and, on each surviving silo, the items in flight whose grain call to the killed silo broke (retried).
            var bound = (2 * Concurrency) + (Concurrency * (Silos - 1));
            var handedOutAgain = rows.Count(r => r["claims"]?.GetValue<int>() > 1);
            Assert.True(handedOutAgain <= bound,
                $"{handedOutAgain} files were handed out more than once; at most {bound} were leased by the killed silo or in flight elsewhere");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(e.Message + "\n" + cluster.Output(), e);
        }
    }

    /// <summary>The index of the silo with an activation of grain type "ingestjob" (the job is running, so one has it).</summary>
    private static async Task<int> JobHostAsync(ApiClusterProcesses cluster)
    {
        for (var i = 0; i < cluster.Silos.Count; i++)
        {
            using var client = cluster.CreateAdminClient(i);
            var local = JsonNode.Parse(await client.GetStringAsync("/v1/cluster"))!["silos"]!.AsArray()[0]!;
            var byType = local["activationsByGrainType"]!.AsObject();
            if (byType.Any(t => t.Key == "ingestjob" && t.Value!.GetValue<int>() > 0))
            {
                return i;
            }
        }

        throw new InvalidOperationException("No silo hosts the running job's grain.");
    }

    private static async Task<JsonNode> StatusAsync(HttpClient client, string jobId) =>
        JsonNode.Parse(await client.GetStringAsync($"/v1/jobs/{jobId}"))!;

    private static long Done(JsonNode status) => status["succeeded"]!.GetValue<long>() + status["failed"]!.GetValue<long>();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SampleMind.TestSupport;

namespace SampleMind.EndToEnd.Tests;

/// <summary>
/// Every request authenticates through its key's grain. When the silo that holds it is killed, calls to that grain wait
/// until the cluster declares the silo dead and moves its partitions; a key that verified a moment ago opens the API on
/// the other silo meanwhile, where every request of the keys whose grains the dead silo held used to wait with them.
/// </summary>
public sealed class ClusterKeyVerdictTests
{
    [Fact]
    public async Task Keys_whose_grains_were_on_a_killed_silo_still_open_the_api_on_the_other_before_it_is_declared_dead()
    {
        await using var cluster = await ApiClusterProcesses.StartAsync(new ApiClusterOptions
        {
            Silos = 2,
            // The dead silo stays a member, and its partitions stay where they were, for the whole test.
            Settings = { ["Cluster:SiloTimeout"] = "00:02:00", ["Cluster:LeaseDuration"] = "00:02:00" },
        });
        try
        {
            using var admin = cluster.CreateAdminClient(0);
            // Keys are placed by id: of eight, some are on silo-1 but in one run in 256.
            var tokens = new List<string>();
            for (var i = 0; i < 8; i++)
            {
                var issued = JsonNode.Parse(await (await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = $"k{i}", scopes = "read" }))
                    .Content.ReadAsStringAsync())!;
                tokens.Add(issued["token"]!.GetValue<string>());
            }

            foreach (var token in tokens)
            {
                Assert.Equal(HttpStatusCode.OK, (await GetClusterAsync(cluster, token)).StatusCode);
            }

            cluster.Kill(1);
            var answers = await Task.WhenAll(tokens.Select(token => GetClusterAsync(cluster, token)));

            Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
            // Answered while silo-1 is still a member: nothing waited for the cluster to give up on it.
            var silos = JsonNode.Parse(await answers[0].Content.ReadAsStringAsync())!["silos"]!.AsArray();
            Assert.Equal(2, silos.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(e.Message + "\n" + cluster.Output(), e);
        }
    }

    /// <summary><c>GET /v1/cluster</c> on silo-0 with <paramref name="token"/>: it reads no grain beyond the key's.</summary>
    private static async Task<HttpResponseMessage> GetClusterAsync(ApiClusterProcesses cluster, string token)
    {
        // Well inside the two minutes the dead silo's grains would take to move.
        using var client = new HttpClient { BaseAddress = cluster.Silos[0].Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.GetAsync("/v1/cluster");
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}

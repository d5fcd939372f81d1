using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Sessions;
using SampleMind.TestSupport;

namespace SampleMind.EndToEnd.Tests;

/// <summary>
/// The dashboard's live sessions in a real 2-silo cluster: a session with participants on both silos,
/// typing, is listed by the snapshot of either silo (cluster-wide, not only where the session grain
/// lives) with its participants, revision and a non-zero ops/s; once everyone leaves it drops out.
/// </summary>
public sealed class ClusterSessionsPanelTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Both_silos_list_a_typing_session_with_its_participants_and_ops_per_second()
    {
        await using var cluster = await ApiClusterProcesses.StartAsync(new ApiClusterOptions { Silos = 2 });
        try
        {
            using var admin0 = cluster.CreateAdminClient(0);
            using var admin1 = cluster.CreateAdminClient(1);
            var created = await admin0.PostAsJsonAsync("/v1/sessions", new { libraryId = "drums" });
            Assert.Equal(201, (int)created.StatusCode);
            var sessionId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>();

            var clients = Enumerable.Range(0, 3)
                .Select(i => new SessionSocketClient(() => cluster.Silos[i % 2].Address, sessionId, cluster.AdminKey, $"client-{i}"))
                .ToList();
            foreach (var client in clients)
            {
                await client.ConnectAsync();
            }

            using var typing = new CancellationTokenSource();
            var typists = Task.WhenAll(clients.Select((c, i) => TypeAsync(c, new Random(80 + i), typing.Token)));
            try
            {
                foreach (var admin in new[] { admin0, admin1 })
                {
                    await Eventually.HoldsAsync(async () => await SessionAsync(admin, sessionId) is { } s
                        && s["participants"]!.GetValue<int>() == 3 && s["opsPerSecond"]!.GetValue<double>() > 0
                        && s["revision"]!.GetValue<long>() > 0 && s["libraryId"]!.GetValue<string>() == "drums",
                        s_timeout, $"{admin.BaseAddress}'s snapshot to list the session with 3 participants typing");
                }
            }
            finally
            {
                await typing.CancelAsync();
                await typists;
            }

            foreach (var client in clients)
            {
                await client.CloseAsync();
            }

            foreach (var admin in new[] { admin0, admin1 })
            {
                await Eventually.HoldsAsync(async () => await SessionAsync(admin, sessionId) is null,
                    s_timeout, $"{admin.BaseAddress}'s snapshot to drop the session everyone left");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(e.Message + "\n" + cluster.Output(), e);
        }
    }

    /// <summary>Edits one op at a time, each after the previous one is acknowledged, until canceled.</summary>
    private static async Task TypeAsync(SessionSocketClient client, Random random, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await client.EditAsync(ProjectEdits.Random, random);
            await Eventually.HoldsAsync(() => client.IsSynchronized || cancellationToken.IsCancellationRequested, s_timeout,
                $"{client.ClientId}'s op to be acknowledged");
        }
    }

    private static async Task<JsonNode?> SessionAsync(HttpClient admin, string sessionId)
    {
        var snapshot = JsonNode.Parse(await admin.GetStringAsync("/v1/dashboard/snapshot"))!;
        return snapshot["sessions"]!.AsArray().FirstOrDefault(s => s!["sessionId"]!.GetValue<string>() == sessionId);
    }
}

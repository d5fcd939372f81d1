using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Sessions;
using SampleMind.TestSupport;

namespace SampleMind.EndToEnd.Tests;

/// <summary>
/// Issue #6 over real WebSockets and real host processes: 20 participants of one session, 10 per silo
/// of a two-silo cluster on PostgreSQL, typing concurrently with random pauses; one of them drops its
/// connection, types offline and reconnects; the silo that hosts the session grain is stopped (SIGTERM)
/// or killed (kill -9) mid-way and started again. Its participants reconnect to the other silo and
/// resend; the grain is reactivated from its persisted snapshot and log. In the end every participant
/// holds the server's document, the revision is the number of ops made, and each (client, seq) was
/// committed exactly once.
/// </summary>
public sealed class SessionClusterTests
{
    private const int Clients = 20;
    private const int OpsPerClient = 30;

    /// <summary>Ops each participant types before it waits for the restarted silo (so some typing follows the restart).</summary>
    private const int OpsBeforeRestart = 20;

    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Twenty_clients_on_two_silos_converge_through_a_reconnect_and_a_silo_restart(bool kill)
    {
        await using var cluster = await ApiClusterProcesses.StartAsync(new ApiClusterOptions { Silos = 2 });
        try
        {
            using var admin = cluster.CreateAdminClient(0);
            var created = await admin.PostAsJsonAsync("/v1/sessions", new { libraryId = "drums" });
            Assert.Equal(201, (int)created.StatusCode);
            var sessionId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>();

            var participants = Enumerable.Range(0, Clients).Select(i => new Participant(cluster, i % 2, sessionId, $"client-{i}")).ToList();
            await Task.WhenAll(participants.Select(p => p.ConnectAsync()));
            Assert.All(participants, p => Assert.Equal(0, p.Client.Revision));

            var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var typing = Task.WhenAll(participants.Select((p, i) => TypeAsync(p, new Random(600 + i), wander: i == 3, restarted.Task)));

            // Mid-way: stop or kill the silo the session grain lives on, so the grain must be reactivated from storage.
            await Eventually.HoldsAsync(() => participants.Sum(p => p.Client.LocalOps) >= Clients * OpsPerClient / 3, Settle, "a third of the ops typed");
            var host = await SiloHostingTheSessionAsync(cluster);
            if (kill)
            {
                cluster.Kill(host);
            }
            else
            {
                await cluster.StopAsync(host);
            }

            await cluster.RestartAsync(host);
            restarted.SetResult();
            await typing;

            var total = participants.Sum(p => p.Client.LocalOps);
            Assert.Equal(Clients * OpsPerClient, total);
            Assert.True(participants.Count(p => p.Reconnects > 0) >= Clients / 2, "the restarted silo's participants reconnected");

            // Participants the session dropped (an op sent to a grain that was moving) reconnect here too.
            await Eventually.HoldsAsync(async () =>
            {
                foreach (var p in participants.Where(p => !p.Client.IsConnected))
                {
                    await p.ConnectAsync();
                }

                return participants.All(p => p.Client.IsSynchronized && p.Client.Revision == total);
            }, Settle, () => $"every client synchronized at revision {total} (at the deadline: {string.Join(", ", participants.Select(Describe))})");

            // The server's document, through both silos: the revision is one per op made, every client holds it.
            foreach (var silo in new[] { 0, 1 })
            {
                using var client = cluster.CreateAdminClient(silo);
                var snapshot = JsonNode.Parse(await client.GetStringAsync($"/v1/sessions/{sessionId}/snapshot"))!;
                Assert.Equal(total, snapshot["revision"]!.GetValue<long>());
                Assert.All(participants, p => Assert.True(
                    JsonNode.DeepEquals(snapshot["document"], JsonNode.Parse(p.Client.DocumentJson)), $"{p.Client.ClientId}'s document differs from the server's"));
            }

            Assert.All(participants, p => Assert.DoesNotContain(p.Client.Errors, e => e["clientSeq"] is not null));
            Assert.All(participants, p => Assert.True(p.Client.Faults.IsEmpty, $"{p.Client.ClientId} stopped reading: {string.Join("; ", p.Client.Faults)}"));

            // Every client took in the same committed sequence, revisions 1..total, each (client, seq) once,
            // each client's seqs 1..its op count: nothing lost, nothing applied twice.
            Assert.All(participants, p => Assert.Equal(1, p.Client.Snapshots));
            var log = participants[0].Client.Committed.ToList();
            Assert.Equal(Enumerable.Range(1, total).Select(r => (long)r), log.Select(c => c.Revision));
            Assert.All(participants, p => Assert.Equal(log, p.Client.Committed.ToList()));
            Assert.Equal(total, log.Select(c => (c.ClientId, c.ClientSeq)).Distinct().Count());
            Assert.All(participants, p => Assert.Equal(
                Enumerable.Range(1, OpsPerClient).Select(s => (long)s),
                log.Where(c => c.ClientId == p.Client.ClientId).Select(c => c.ClientSeq).Order()));

            // The history the reactivated grain restored from its persisted snapshot and log is that same sequence.
            var info = JsonNode.Parse(await admin.GetStringAsync($"/v1/sessions/{sessionId}"))!;
            var oldest = info["oldestRevision"]!.GetValue<long>();
            Assert.True(oldest < total, $"the persisted history reaches back before revision {total}");
            var history = JsonNode.Parse(await admin.GetStringAsync($"/v1/sessions/{sessionId}/history?from={oldest}&to={total}"))!["ops"]!.AsArray();
            Assert.Equal(
                log.Where(c => c.Revision > oldest),
                history.Select(o => (o!["revision"]!.GetValue<long>(), o["clientId"]!.GetValue<string>(), o["clientSeq"]!.GetValue<long>())));

            await Task.WhenAll(participants.Select(p => p.Client.CloseAsync()));
        }
        catch
        {
            Console.WriteLine(cluster.Output());
            throw;
        }
    }

    /// <summary>
    /// Types <see cref="OpsPerClient"/> random edits with random pauses (pacing, not synchronisation),
    /// reconnecting whenever the connection was dropped; ops made while disconnected are buffered and sent
    /// after the reconnect. The wanderer drops its connection on purpose, types offline and reconnects.
    /// </summary>
    private static async Task TypeAsync(Participant participant, Random random, bool wander, Task restarted)
    {
        var client = participant.Client;
        for (var op = 0; op < OpsPerClient; op++)
        {
            if (op == OpsBeforeRestart)
            {
                await restarted;
            }

            if (wander && op == 5)
            {
                await client.DisconnectAsync();
            }
            else if (!client.IsConnected)
            {
                await participant.ConnectAsync();
            }

            await client.EditAsync(ProjectEdits.Random, random);
            await Task.Delay(random.Next(20, 200));
        }
    }

    /// <summary>
    /// A participant's state for a failure message: revision, snapshots taken in, reconnects, and whether it is connected,
    /// has ops unacknowledged, stopped reading, its last error.
    /// </summary>
    private static string Describe(Participant participant)
    {
        var client = participant.Client;
        var state = $"{client.ClientId} r{client.Revision} s{client.Snapshots} c{participant.Reconnects}{(client.IsConnected ? "" : " disconnected")}"
            + (client.IsSynchronized ? "" : $" {client.PendingCount} unacknowledged ops")
            + (client.Faults.LastOrDefault() is { } fault ? $" (stopped reading: {fault})" : "");
        return client.Errors.LastOrDefault() is { } error ? $"{state} (last error: {error.ToJsonString()})" : state;
    }

    /// <summary>The silo whose <c>GET /v1/cluster</c> lists the session grain's activation.</summary>
    private static async Task<int> SiloHostingTheSessionAsync(ApiClusterProcesses cluster)
    {
        var host = -1;
        await Eventually.HoldsAsync(async () =>
        {
            for (var i = 0; i < cluster.Silos.Count; i++)
            {
                using var client = cluster.CreateAdminClient(i);
                var silo = JsonNode.Parse(await client.GetStringAsync("/v1/cluster"))!["silos"]![0]!;
                var types = silo["activationsByGrainType"]!.AsObject();
                if (types.Any(t => t.Key.Contains("session", StringComparison.OrdinalIgnoreCase) && t.Value!.GetValue<int>() > 0))
                {
                    host = i;
                    return true;
                }
            }

            return false;
        }, Settle, "a silo listing the session grain");
        return host;
    }

    /// <summary>A session participant whose home is one silo; while that silo is down it connects to the other.</summary>
    private sealed class Participant
    {
        private readonly ApiClusterProcesses _cluster;
        private readonly int _home;
        private int _target;

        public Participant(ApiClusterProcesses cluster, int home, string sessionId, string clientId)
        {
            _cluster = cluster;
            _home = home;
            _target = home;
            Client = new SessionSocketClient(() => _cluster.Silos[_target].Address, sessionId, cluster.AdminKey, clientId);
        }

        public SessionSocketClient Client { get; }

        public int Reconnects { get; private set; }

        /// <summary>Connects, trying the home silo and the other one in turn until one welcomes it.</summary>
        public async Task ConnectAsync()
        {
            var deadline = DateTime.UtcNow + Settle;
            for (var attempt = 0; ; attempt++)
            {
                _target = attempt % 2 == 0 && _cluster.Silos[_home].IsRunning ? _home : 1 - _home;
                try
                {
                    await Client.ReconnectAsync();
                    if (Client.Revision > 0)
                    {
                        Reconnects++;
                    }

                    return;
                }
                catch (Exception e) when (e is WebSocketException or TimeoutException or IOException or HttpRequestException && DateTime.UtcNow < deadline)
                {
                    // A reconnecting client's backoff (pacing between attempts; the next attempt decides).
                    await Task.Delay(100 * Math.Min(attempt + 1, 10));
                }
            }
        }
    }
}

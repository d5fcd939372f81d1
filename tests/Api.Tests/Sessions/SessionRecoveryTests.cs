using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Sessions;

namespace SampleMind.Api.Tests.Sessions;

public sealed class SessionRecoveryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("samplemind-sessions-").FullName;

    [Fact]
    public async Task A_restarted_host_restores_the_document_and_revision_from_the_snapshot_and_tail()
    {
        // Three snapshots (0, 100, 200): the restored session restores from the one before the latest.
        var ops = (2 * SessionGrain.SnapshotInterval) + 37;
        string sessionId;
        string before;
        JsonNode atFive;
        using (var first = new SessionHostFactory(_root))
        {
            var admin = first.CreateAdminClient();
            sessionId = await SessionFixture.CreateSessionAsync(admin);
            var client = new SessionSocketClient(first.Server, sessionId, first.AdminToken, "writer");
            await client.ConnectAsync();
            var random = new Random(7);
            for (var i = 0; i < ops; i++)
            {
                await client.EditAsync(ProjectEdits.Random, random);
            }

            await SessionFixture.AllAtAsync([client], ops);
            before = client.DocumentJson;
            atFive = (await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{sessionId}/snapshot?revision=5")))["document"]!;
            await client.CloseAsync();
        }

        using var second = new SessionHostFactory(_root);
        var restarted = second.CreateAdminClient();
        var (revision, document) = await SessionFixture.SnapshotAsync(restarted, sessionId);
        Assert.Equal(ops, revision);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(before), document), "the restored document differs");

        var tail = await ApiJson.ReadAsync(await restarted.GetAsync($"/v1/sessions/{sessionId}/history?from={SessionGrain.SnapshotInterval}"));
        Assert.Equal(ops - SessionGrain.SnapshotInterval, tail["ops"]!.AsArray().Count);

        // Ops reach back before that snapshot, through the archive of the ops cut from the log; as it reaches revision 0,
        // so do the documents, rebuilt from the empty project.
        var restoredAtFive = (await ApiJson.ReadAsync(await restarted.GetAsync($"/v1/sessions/{sessionId}/snapshot?revision=5")))["document"];
        Assert.True(JsonNode.DeepEquals(atFive, restoredAtFive), "the document at revision 5 differs after the restart");
        var archived = await ApiJson.ReadAsync(await restarted.GetAsync($"/v1/sessions/{sessionId}/history?from=5"));
        Assert.Equal(ops - 5, archived["ops"]!.AsArray().Count);

        var rejoined = new SessionSocketClient(second.Server, sessionId, second.AdminToken, "writer-2");
        await rejoined.ConnectAsync();
        await rejoined.EditAsync((doc, _) => ProjectEdits.SetTempo(doc, 133), new Random(1));
        await SessionFixture.AllAtAsync([rejoined], ops + 1);
        Assert.Equal(ops + 1, (await SessionFixture.SnapshotAsync(restarted, sessionId)).Revision);
        await rejoined.CloseAsync();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing handle; the OS temp cleaner takes it.
        }
    }
}

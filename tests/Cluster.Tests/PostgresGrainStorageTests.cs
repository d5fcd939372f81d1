using System.Text;
using SampleMind.Cluster.Tests.Support;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Cluster.Storage;

namespace SampleMind.Cluster.Tests;

public sealed class PostgresGrainStorageTests
{
    private static ReadOnlyMemory<byte> Json(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Write_then_read_returns_the_payload_and_etag()
    {
        await using var storage = new PostgresGrainStorage(await TestCluster.NewSchemaAsync());
        var etag = await storage.WriteAsync("t", "k", "s", Json("{\"a\":1}"), null, CancellationToken.None);
        var record = await storage.ReadAsync("t", "k", "s", CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal(etag, record.Etag);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(record.Payload.Span));
    }

    [Fact]
    public async Task Write_with_stale_etag_throws_and_keeps_the_stored_state()
    {
        await using var storage = new PostgresGrainStorage(await TestCluster.NewSchemaAsync());
        var first = await storage.WriteAsync("t", "k", "s", Json("1"), null, CancellationToken.None);
        await storage.WriteAsync("t", "k", "s", Json("2"), first, CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("t", "k", "s", Json("3"), first, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("t", "k", "s", Json("3"), null, CancellationToken.None));
        var record = await storage.ReadAsync("t", "k", "s", CancellationToken.None);
        Assert.Equal("2", Encoding.UTF8.GetString(record!.Payload.Span));
    }

    [Fact]
    public async Task Clear_with_current_etag_deletes_and_with_stale_etag_throws()
    {
        await using var storage = new PostgresGrainStorage(await TestCluster.NewSchemaAsync());
        var first = await storage.WriteAsync("t", "k", "s", Json("1"), null, CancellationToken.None);
        var second = await storage.WriteAsync("t", "k", "s", Json("2"), first, CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("t", "k", "s", first, CancellationToken.None));
        await storage.ClearAsync("t", "k", "s", second, CancellationToken.None);
        Assert.Null(await storage.ReadAsync("t", "k", "s", CancellationToken.None));
    }

    [Fact]
    public async Task Write_under_a_lease_whose_epoch_moved_on_is_fenced_off()
    {
        await using var storage = new PostgresGrainStorage(await TestCluster.NewSchemaAsync());
        await storage.EnsureSchemaAsync();
        var fence = new FixedFence();
        storage.UseFence(fence);
        await using (var command = storage.DataSource.CreateCommand(
            "INSERT INTO partition_leases (ring, partition, owner, epoch, expires_at) VALUES ('any', 0, 'a@1', 5, now() + interval '1 minute')"))
        {
            await command.ExecuteNonQueryAsync();
        }

        fence.Lease = new LeaseToken("any", 0, "a@1", 5);
        var etag = await storage.WriteAsync("t", "k", "s", Json("1"), null, CancellationToken.None);
        await using (var command = storage.DataSource.CreateCommand("UPDATE partition_leases SET owner = 'b@1', epoch = 6"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<StaleLeaseException>(() => storage.WriteAsync("t", "k", "s", Json("2"), etag, CancellationToken.None));
        fence.Lease = null;
        await Assert.ThrowsAsync<StaleLeaseException>(() => storage.WriteAsync("t", "k", "s", Json("2"), etag, CancellationToken.None));
        Assert.Equal(etag, (await storage.ReadAsync("t", "k", "s", CancellationToken.None))!.Etag);
    }

    private sealed class FixedFence : IGrainWriteFence
    {
        public LeaseToken? Lease { get; set; }

        public LeaseToken? CurrentLease(string grainType, string grainKey) => Lease;
    }
}

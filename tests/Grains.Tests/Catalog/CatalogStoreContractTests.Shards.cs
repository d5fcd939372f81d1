using SampleMind.Grains.Catalog;
using SampleMind.Grains.Tests.Search;

namespace SampleMind.Grains.Tests.Catalog;

/// <summary>The shard table's part of the <see cref="ICatalogStore"/> contract (<c>shard_entries</c>).</summary>
public abstract partial class CatalogStoreContractTests
{
    [Fact]
    public async Task A_batch_upsert_is_idempotent_and_a_later_batch_replaces_rows()
    {
        ShardEntry[] batch = [new("a", ShardRecords.Entry("a", 1, melodic: true)), new("b", ShardRecords.Entry("b", 2)), new("c", null)];
        await _store.UpsertShardEntriesAsync("t", "lib", batch, default);
        await _store.UpsertShardEntriesAsync("t", "lib", batch, default);
        await _store.UpsertShardEntriesAsync("t", "lib", [new("b", ShardRecords.Entry("b", 7)), new("c", ShardRecords.Entry("c", 3))], default);

        var rows = await ReadAsync("t", "lib");
        Assert.Equal(["a", "b", "c"], rows.Select(r => r.SampleId));
        Assert.Equivalent(ShardRecords.Entry("a", 1, melodic: true), rows[0].Entry, strict: true);
        Assert.Equivalent(ShardRecords.Entry("b", 7), rows[1].Entry, strict: true);
        Assert.Equal(107, rows[1].Entry!.Features.Bpm);
        Assert.NotNull(rows[2].Entry);
    }

    [Fact]
    public async Task A_row_without_an_entry_reads_back_as_null()
    {
        await _store.UpsertShardEntriesAsync("t", "lib", [new("fast", null)], default);
        var row = Assert.Single(await ReadAsync("t", "lib"));
        Assert.Equal("fast", row.SampleId);
        Assert.Null(row.Entry);
    }

    [Fact]
    public async Task Streaming_reads_every_row_of_only_that_library_in_bytewise_order_across_pages()
    {
        var ids = Enumerable.Range(0, 1203).Select(i => "s" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        ids.AddRange(["B", "_x", "a"]);
        var random = new Random(5);
        var shuffled = ids.OrderBy(_ => random.Next()).ToArray();
        foreach (var chunk in shuffled.Chunk(400))
        {
            await _store.UpsertShardEntriesAsync("t", "lib", [.. chunk.Select((id, i) => new ShardEntry(id, ShardRecords.Entry(id, i)))], default);
        }

        await _store.UpsertShardEntriesAsync("t", "other", [new("s00001", null), new("zz", null)], default);
        await _store.UpsertShardEntriesAsync("u", "lib", [new("s00002", null), new("zz", null)], default);

        var rows = await ReadAsync("t", "lib");
        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Select(r => r.SampleId));
        Assert.All(rows, r => Assert.Equal(r.SampleId, r.Entry!.Features.SampleId));
        Assert.Equal(["s00001", "zz"], (await ReadAsync("t", "other")).Select(r => r.SampleId));
        Assert.Empty(await ReadAsync("v", "lib"));
    }

    [Fact]
    public async Task An_empty_batch_writes_nothing_and_an_empty_sample_id_is_refused()
    {
        await _store.UpsertShardEntriesAsync("t", "lib", [], default);
        await Assert.ThrowsAsync<ArgumentException>(() => _store.UpsertShardEntriesAsync("t", "lib", [new("ok", null), new("", null)], default));
        Assert.Empty(await ReadAsync("t", "lib"));
    }

    private async Task<List<ShardEntry>> ReadAsync(string tenantId, string libraryId)
    {
        var rows = new List<ShardEntry>();
        await foreach (var row in _store.ReadShardEntriesAsync(tenantId, libraryId, default))
        {
            rows.Add(row);
        }

        return rows;
    }
}

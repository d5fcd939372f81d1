using Microsoft.Data.Sqlite;
using SampleMind.Runtime.Storage;
using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;

namespace SampleMind.Runtime.Tests;

public sealed class StorageTests : IDisposable
{
    private readonly string _directory = TestSilo.NewDataDirectory();
    private SqliteGrainStorage? _sqlite;

    public void Dispose()
    {
        _sqlite?.Dispose();
        TestSilo.DeleteDirectory(_directory);
    }

    private IGrainStorage Create(string provider) => provider == "sqlite"
        ? _sqlite = new SqliteGrainStorage(Path.Combine(_directory, "samplemind.db"), TimeProvider.System)
        : new MemoryGrainStorage();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("memory")]
    public async Task Write_with_stale_etag_throws(string provider)
    {
        var storage = Create(provider);
        var id = new GrainId("test-counter", "etag");
        var first = new PersistentState<CounterState>(storage, id.Type, id, "counter", () => new CounterState());
        var second = new PersistentState<CounterState>(storage, id.Type, id, "counter", () => new CounterState());
        await first.ReadStateAsync();
        await second.ReadStateAsync();

        first.State.Value = 1;
        await first.WriteStateAsync();
        second.State.Value = 2;
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => second.WriteStateAsync());

        Assert.Contains("test-counter/etag", error.Message, StringComparison.Ordinal);
        Assert.Equal(first.Etag, error.StoredEtag);
        Assert.Null(error.CurrentEtag);
        Assert.Contains(first.Etag!, error.Message, StringComparison.Ordinal);
        await second.ReadStateAsync();
        Assert.Equal(1, second.State.Value);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("memory")]
    public async Task A_failed_write_reads_the_stored_state_back_so_nothing_unstored_stays_in_memory(string provider)
    {
        var storage = Create(provider);
        var id = new GrainId("test-counter", "read-back");
        var first = new PersistentState<CounterState>(storage, id.Type, id, "counter", () => new CounterState());
        var second = new PersistentState<CounterState>(storage, id.Type, id, "counter", () => new CounterState());
        await second.ReadStateAsync();
        first.State.Value = 1;
        await first.WriteStateAsync();

        second.State.Value = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => second.WriteStateAsync());

        Assert.Equal(1, second.State.Value);
        Assert.Equal(first.Etag, second.Etag);
        second.State.Value = 3;
        await second.WriteStateAsync();
        await first.ReadStateAsync();
        Assert.Equal(3, first.State.Value);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("memory")]
    public async Task Clear_then_write_again_starts_a_new_record(string provider)
    {
        var storage = Create(provider);
        var id = new GrainId("test-counter", "clear");
        var state = new PersistentState<CounterState>(storage, id.Type, id, "counter", () => new CounterState());
        state.State.Value = 5;
        await state.WriteStateAsync();
        var stale = state.Etag;
        await state.ClearStateAsync();

        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State.Value);
        Assert.Null(await storage.ReadAsync(id.Type, id.Key, "counter", CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteAsync(id.Type, id.Key, "counter", new byte[] { 0x7b, 0x7d }, stale, CancellationToken.None));
    }

    [Fact]
    public async Task State_survives_a_host_restart_on_sqlite()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var silo = await TestSilo.StartAsync(dataDirectory: _directory, storage: "sqlite"))
        {
            await silo.Grains.GetGrain<ICounterGrain>(key).Add(3, "first");
            await silo.Grains.GetGrain<ICounterGrain>(key).Add(4, "second");
        }

        Assert.True(File.Exists(Path.Combine(_directory, "samplemind.db")));
        await using (var silo = await TestSilo.StartAsync(dataDirectory: _directory, storage: "sqlite"))
        {
            var state = await silo.Grains.GetGrain<ICounterGrain>(key).Get();
            Assert.Equal(7, state.Value);
            Assert.Equal(["first", "second"], state.History);
            Assert.NotNull(await silo.Grains.GetGrain<ICounterGrain>(key).Etag());
        }
    }

    [Fact]
    public async Task A_state_not_read_on_activation_is_read_when_asked_and_a_first_write_over_a_stored_one_is_refused()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var silo = await TestSilo.StartAsync(dataDirectory: _directory, storage: "sqlite"))
        {
            var note = silo.Grains.GetGrain<ILazyNoteGrain>(key);
            await note.Put("first");
            Assert.Equal("first", await note.Peek());
        }

        await using (var silo = await TestSilo.StartAsync(dataDirectory: _directory, storage: "sqlite"))
        {
            var note = silo.Grains.GetGrain<ILazyNoteGrain>(key);
            Assert.Null(await note.Peek());
            await Assert.ThrowsAsync<InconsistentStateException>(() => note.Put("blind"));
            Assert.Equal("first", await note.Read());
            await note.Put("second");
        }

        await using (var silo = await TestSilo.StartAsync(dataDirectory: _directory, storage: "sqlite"))
        {
            Assert.Equal("second", await silo.Grains.GetGrain<ILazyNoteGrain>(key).Read());
        }
    }

    [Fact]
    public async Task A_state_file_of_the_earlier_without_rowid_layout_is_migrated_with_its_states()
    {
        var path = Path.Combine(_directory, "samplemind.db");
        var payload = new byte[6000];
        Random.Shared.NextBytes(payload);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE grain_state (
                    grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL, etag TEXT NOT NULL,
                    payload BLOB NOT NULL, updated_at TEXT NOT NULL,
                    PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;
                INSERT INTO grain_state VALUES ('sample', 'big', 'sample', 'etag-1', $p, '2026-12-01T00:00:00Z');
                INSERT INTO grain_state VALUES ('counter', 'small', 'counter', 'etag-2', X'7B7D', '2026-12-01T00:00:00Z');
                """;
            command.Parameters.AddWithValue("$p", payload);
            await command.ExecuteNonQueryAsync();
        }

        var storage = Create("sqlite");
        var big = await storage.ReadAsync("sample", "big", "sample", CancellationToken.None);
        var small = await storage.ReadAsync("counter", "small", "counter", CancellationToken.None);

        Assert.NotNull(big);
        Assert.Equal(payload, big.Payload.ToArray());
        Assert.Equal("etag-1", big.Etag);
        Assert.Equal("{}"u8.ToArray(), small!.Payload.ToArray());
        var next = await storage.WriteAsync("sample", "big", "sample", new byte[] { 0x7b, 0x7d }, "etag-1", CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteAsync("sample", "big", "sample", new byte[] { 0x7b, 0x7d }, "etag-1", CancellationToken.None));
        Assert.Equal(next, (await storage.ReadAsync("sample", "big", "sample", CancellationToken.None))!.Etag);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'grain_state'";
            var sql = (string)(await command.ExecuteScalarAsync())!;
            Assert.DoesNotContain("WITHOUT ROWID", sql, StringComparison.OrdinalIgnoreCase);
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'grain_state_rowid'";
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
    }
}

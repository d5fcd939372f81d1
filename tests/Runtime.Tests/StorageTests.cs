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
}

using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Sessions;
using SampleMind.Grains.Tests.Storage;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>
/// A client naming a revision past the activation's makes it read storage (storage may be ahead of it), but at most
/// once per <see cref="SessionGrain.StorageCheckInterval"/>: a flood of such ops and hellos is answered from memory.
/// </summary>
public sealed class SessionStorageCheckTests : IAsyncLifetime
{
    private readonly FaultyGrainStorage _storage = new();
    private readonly ManualTimeProvider _time = new();
    private EmbeddedSilo? _silo;

    public async Task InitializeAsync() => _silo = await EmbeddedSilo.StartAsync(_storage, _time);

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Fact]
    public async Task Ops_and_hellos_from_the_future_read_storage_once_per_interval()
    {
        var grains = _silo!.Grains;
        var session = grains.GetGrain<ISessionGrain>("future");
        await session.Create("acme", "drums", "owner-key");
        var writer = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("writer", "key", SessionRole.Editor, writer, 0)).Joined);
        var reads = _storage.ReadsOf("sessionlog");

        for (var i = 0; i < 20; i++)
        {
            var refused = await session.Submit("writer", writer, 1, 99, SessionTestOps.Tempo(1));
            Assert.Equal(SessionSubmitStatus.Rejected, refused.Status);
            var joined = await session.Join("writer", "key", SessionRole.Editor, writer, 99);
            Assert.NotNull(joined.CatchUp!.Snapshot);
        }

        Assert.Equal(reads + 1, _storage.ReadsOf("sessionlog"));
        _time.Advance(SessionGrain.StorageCheckInterval);
        Assert.Equal(SessionSubmitStatus.Rejected, (await session.Submit("writer", writer, 1, 99, SessionTestOps.Tempo(1))).Status);
        Assert.Equal(reads + 2, _storage.ReadsOf("sessionlog"));
        Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("writer", writer, 1, 0, SessionTestOps.Tempo(1))).Status);
    }
}

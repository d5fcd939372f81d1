using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Tests.Storage;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>
/// A tenant's live sessions are counted in its sessions grain's turn: creations racing at the limit cannot all pass,
/// a closed session frees its slot once (closing it again frees nothing more), and the count and a session's closing
/// are stored, so a new activation (another silo, after a move) keeps them.
/// </summary>
public sealed class TenantLiveSessionsTests : TwoEmbeddedSilos
{
    private const int Limit = 3;

    [Fact]
    public async Task Sessions_opened_together_below_the_limit_pass_it_once_and_a_closed_one_frees_its_slot_once()
    {
        var tenant = First.Grains.GetGrain<ITenantSessionsGrain>("acme");
        for (var i = 0; i < Limit - 1; i++)
        {
            Assert.True(await OpenAsync(tenant, $"live-{i}"));
        }

        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => tenant.TryOpen($"racer-{i}", Limit)));
        Assert.Single(racing, opened => opened);
        Assert.Equal(Limit, await tenant.CountLive());
        Assert.True(await tenant.TryOpen("live-0", Limit), "a session already counted is counted once, not refused");
        Assert.False(await tenant.TryOpen("one-more", Limit));

        var closed = await First.Grains.GetGrain<ISessionGrain>("live-0").Close();
        Assert.NotNull(closed?.ClosedAt);
        Assert.Equal(Limit - 1, await tenant.CountLive());
        Assert.Equal(closed!.ClosedAt, (await tenant.List(10)).Single(s => s.SessionId == "live-0").ClosedAt);
        Assert.Null((await tenant.List(10)).Single(s => s.SessionId == "live-1").ClosedAt);

        // Closing again frees nothing more: the slot went to the next session.
        Assert.True(await tenant.TryOpen("one-more", Limit));
        Assert.Equal(closed.ClosedAt, (await First.Grains.GetGrain<ISessionGrain>("live-0").Close())!.ClosedAt);
        Assert.False(await tenant.TryOpen("yet-another", Limit));

        // Another silo's activations read the same from storage.
        Assert.Equal(Limit, await Second.Grains.GetGrain<ITenantSessionsGrain>("acme").CountLive());
        Assert.False(await Second.Grains.GetGrain<ITenantSessionsGrain>("acme").TryOpen("yet-another", Limit));
        Assert.Equal(closed.ClosedAt, (await Second.Grains.GetGrain<ISessionGrain>("live-0").GetInfo())!.ClosedAt);
    }

    [Fact]
    public async Task A_closed_session_drops_its_participants_and_refuses_joins_ops_and_undos_after_a_move_too()
    {
        var session = First.Grains.GetGrain<ISessionGrain>("closing");
        await session.Create("acme", "drums", "owner-key");
        var recorder = new RecordingSessionObserver();
        var writer = First.Grains.CreateObjectReference<ISessionObserver>(recorder);
        Assert.True((await session.Join("writer", "owner-key", SessionRole.Editor, writer, -1)).Joined);
        Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("writer", writer, 1, 0, SessionTestOps.Marker(0, 8))).Status);

        var closed = (await session.Close())!;

        Assert.Empty(closed.Participants);
        Assert.Contains("closed", Assert.Single(recorder.Closed), StringComparison.Ordinal);
        Assert.NotEqual(SessionSubmitStatus.Committed, (await session.Submit("writer", writer, 2, 1, SessionTestOps.Marker(1, 8))).Status);
        foreach (var grains in new[] { First.Grains, Second.Grains })
        {
            var copy = grains.GetGrain<ISessionGrain>("closing");
            var rejoin = await copy.Join("writer", "owner-key", SessionRole.Editor, grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), 1);
            Assert.False(rejoin.Joined);
            Assert.Contains("closed", rejoin.Reason, StringComparison.Ordinal);
            Assert.Equal(SessionSubmitStatus.Rejected, (await copy.UndoFor("writer", null, "owner-key")).Status);
            Assert.Equal(1, (await copy.GetSnapshot(null))!.Revision);
        }
    }

    private async Task<bool> OpenAsync(ITenantSessionsGrain tenant, string sessionId)
    {
        var opened = await tenant.TryOpen(sessionId, Limit);
        var info = await First.Grains.GetGrain<ISessionGrain>(sessionId).Create("acme", "drums", "owner-key");
        await tenant.Add(new SessionListing(sessionId, info.LibraryId, info.OwnerKeyId, info.CreatedAt));
        return opened;
    }
}

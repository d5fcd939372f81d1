using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Tests.Storage;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>
/// A client id belongs to the key that first joined with it, also in the next activation (two embedded silos over one
/// storage); the same key takes it over from an older connection, which is told and from then on refused.
/// </summary>
public sealed class SessionClientIdTests : TwoEmbeddedSilos
{
    [Fact]
    public async Task Another_key_is_refused_a_client_id_also_by_the_next_activation()
    {
        var grains = First.Grains;
        var session = grains.GetGrain<ISessionGrain>("bound");
        await session.Create("acme", "drums", "owner-key");
        var owner = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("me", "key-a", SessionRole.Editor, owner, -1)).Joined);
        Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("me", owner, 1, 0, SessionTestOps.Tempo(1))).Status);

        var intruder = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        var refused = await session.Join("me", "key-b", SessionRole.Viewer, intruder, -1);
        Assert.False(refused.Joined);
        Assert.Contains("another API key", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("me", owner, 2, 1, SessionTestOps.Tempo(2))).Status);

        // A fresh activation, restored from storage, knows whose id it is.
        var next = Second.Grains.GetGrain<ISessionGrain>("bound");
        var again = await next.Join("me", "key-b", SessionRole.Editor, Second.Grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), -1);
        Assert.False(again.Joined);
        Assert.True((await next.Join("me", "key-a", SessionRole.Editor, Second.Grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), 2)).Joined);
    }

    [Fact]
    public async Task The_same_key_takes_a_client_id_over_and_the_old_connection_is_told_and_refused()
    {
        var grains = First.Grains;
        var session = grains.GetGrain<ISessionGrain>("taken");
        await session.Create("acme", "drums", "owner-key");
        var old = new RecordingSessionObserver();
        var fresh = new RecordingSessionObserver();
        var oldReference = grains.CreateObjectReference<ISessionObserver>(old);
        var freshReference = grains.CreateObjectReference<ISessionObserver>(fresh);
        Assert.True((await session.Join("me", "key", SessionRole.Editor, oldReference, -1)).Joined);
        Assert.Equal(1, (await session.Submit("me", oldReference, 1, 0, SessionTestOps.Tempo(1))).Revision);

        Assert.True((await session.Join("me", "key", SessionRole.Editor, freshReference, 1)).Joined);
        await Eventually.HoldsAsync(() => !old.TakenOver.IsEmpty, TimeSpan.FromSeconds(10), "the old connection told");
        Assert.Contains("took over client id 'me'", Assert.Single(old.TakenOver), StringComparison.Ordinal);

        var late = await session.Submit("me", oldReference, 2, 1, SessionTestOps.Tempo(2));
        Assert.Equal((SessionSubmitStatus.TakenOver, 1L), (late.Status, late.Revision));
        Assert.Equal(SessionSubmitStatus.TakenOver, (await session.UndoFor("me", oldReference, null)).Status);
        var committed = await session.Submit("me", freshReference, 2, 1, SessionTestOps.Tempo(2));
        Assert.Equal((SessionSubmitStatus.Committed, 2L), (committed.Status, committed.Revision));
        await Eventually.HoldsAsync(() => fresh.Ops.Any(op => op.Revision == 2), TimeSpan.FromSeconds(10), "the ack pushed to the new connection");
        Assert.DoesNotContain(old.Ops, op => op.Revision == 2);
        Assert.Empty(fresh.TakenOver);
    }

    [Fact]
    public async Task A_join_past_the_participant_cap_is_refused_and_a_takeover_at_the_cap_is_not()
    {
        var grains = First.Grains;
        var session = grains.GetGrain<ISessionGrain>("crowded");
        await session.Create("acme", "drums", "owner-key");
        for (var i = 0; i < SessionLimits.MaxParticipants; i++)
        {
            Assert.True((await session.Join($"c{i}", "key", SessionRole.Editor, grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), -1)).Joined);
        }

        var full = await session.Join("one-more", "key", SessionRole.Viewer, grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), -1);
        Assert.False(full.Joined);
        Assert.Contains($"at most {SessionLimits.MaxParticipants} participants", full.Reason, StringComparison.Ordinal);
        Assert.True((await session.Join("c0", "key", SessionRole.Editor, grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), -1)).Joined);
        Assert.Equal(SessionLimits.MaxParticipants, (await session.GetInfo())!.Participants.Count);
    }

    [Fact]
    public async Task Past_the_remembered_ids_the_ids_of_clients_gone_are_forgotten_and_those_connected_kept()
    {
        var grains = First.Grains;
        var session = grains.GetGrain<ISessionGrain>("many-tabs");
        await session.Create("acme", "drums", "owner-key");
        var stays = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("stays", "key-a", SessionRole.Editor, stays, -1)).Joined);

        // A tab takes a new id at each load: every id the session saw was kept in its state, for ever.
        var tab = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        for (var i = 0; i < SessionLimits.MaxClientIds; i++)
        {
            Assert.True((await session.Join($"tab-{i}", "key-a", SessionRole.Editor, tab, -1)).Joined);
            await session.Leave($"tab-{i}", tab);
        }

        var intruder = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("tab-0", "key-b", SessionRole.Editor, intruder, -1)).Joined);
        Assert.False((await session.Join("stays", "key-b", SessionRole.Editor, intruder, -1)).Joined);
    }
}

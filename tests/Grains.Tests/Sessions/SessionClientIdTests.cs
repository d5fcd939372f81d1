using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Abstractions.Tenants;
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

    [Fact]
    public async Task An_id_the_recent_history_names_is_never_given_to_another_key_and_a_forgotten_one_starts_afresh()
    {
        var grains = First.Grains;
        var session = grains.GetGrain<ISessionGrain>("reused-ids");
        await session.Create("acme", "drums", "owner-key");
        var alice = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("alice", "key-a", SessionRole.Editor, alice, -1)).Joined);
        Assert.Equal(1, (await session.Submit("alice", alice, 1, 0, SessionTestOps.Tempo(101))).Revision);
        await session.Leave("alice", alice);
        var early = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("early", "key-a", SessionRole.Editor, early, 1)).Joined);
        Assert.Equal(2, (await session.Submit("early", early, 1, 1, SessionTestOps.Tempo(102))).Revision);
        Assert.Equal(3, (await session.Submit("early", early, 2, 2, SessionTestOps.Tempo(103))).Revision);
        await session.Leave("early", early);
        await FillClientIdsAsync(session, grains, "key-b");

        // alice's op is in the retained log: another key gets neither the id nor, through it, her undo.
        var intruder = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        var refused = await session.Join("alice", "key-b", SessionRole.Editor, intruder, -1);
        Assert.False(refused.Joined);
        Assert.Contains("another API key", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(SessionSubmitStatus.Rejected, (await session.UndoFor("alice", null, "key-b")).Status);

        // Once early's ops have left the retained log (it keeps 1,000 to 2,000 ops), its id is forgotten with its last op:
        // key-b's first op is new.
        var busy = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("busy", "key-a", SessionRole.Editor, busy, 3)).Joined);
        var revision = 3L;
        for (var seq = 1; seq <= 2_100; seq++)
        {
            revision = (await session.Submit("busy", busy, seq, revision, SessionTestOps.Tempo(60 + (seq % 100)))).Revision;
        }

        await session.Leave("busy", busy);
        await FillClientIdsAsync(session, grains, "key-c");
        var rejoined = await session.Join("early", "key-b", SessionRole.Editor, intruder, revision);
        Assert.True(rejoined.Joined, rejoined.Reason);
        var first = await session.Submit("early", intruder, 1, revision, SessionTestOps.Tempo(140));
        Assert.Equal((SessionSubmitStatus.Committed, revision + 1), (first.Status, first.Revision));

        // The next activation, restored from a snapshot taken before the id was forgotten, does not take it back.
        var next = Second.Grains.GetGrain<ISessionGrain>("reused-ids");
        var again = Second.Grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await next.Join("early", "key-b", SessionRole.Editor, again, revision + 1)).Joined);
        var second = await next.Submit("early", again, 2, revision + 1, SessionTestOps.Tempo(141));
        Assert.Equal((SessionSubmitStatus.Committed, revision + 2), (second.Status, second.Revision));
    }

    [Fact]
    public async Task A_rotated_key_keeps_its_client_ids_to_resume_and_undo_and_an_unrelated_key_does_not_get_them()
    {
        var grains = First.Grains;
        var tenant = grains.GetGrain<ITenantGrain>("rotating");
        await tenant.Create("Rotating", "pro");
        var desk = (await tenant.IssueKey("desk", ApiScope.Sessions))!.Key.KeyId;
        var other = (await tenant.IssueKey("other", ApiScope.Sessions))!.Key.KeyId;
        var session = grains.GetGrain<ISessionGrain>("rotated");
        await session.Create("rotating", "drums", desk);
        var before = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("desk-app", desk, SessionRole.Editor, before, -1)).Joined);
        Assert.Equal(1, (await session.Submit("desk-app", before, 1, 0, SessionTestOps.Tempo(1))).Revision);

        var once = (await tenant.RotateKey(desk))!.Key.KeyId;
        var twice = (await tenant.RotateKey(once))!.Key.KeyId;

        Assert.False((await session.Join("desk-app", other, SessionRole.Editor, grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), 1)).Joined);
        var after = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("desk-app", twice, SessionRole.Editor, after, 1)).Joined);
        var resent = await session.Submit("desk-app", after, 1, 0, SessionTestOps.Tempo(1));
        Assert.Equal((SessionSubmitStatus.Duplicate, 1L), (resent.Status, resent.Revision));
        Assert.Equal(SessionSubmitStatus.Rejected, (await session.UndoFor("desk-app", null, other)).Status);
        Assert.Equal(SessionSubmitStatus.Committed, (await session.UndoFor("desk-app", null, twice)).Status);

        // The id is the new key's now, also for the next activation.
        var next = Second.Grains.GetGrain<ISessionGrain>("rotated");
        Assert.True((await next.Join("desk-app", twice, SessionRole.Editor, Second.Grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), 2)).Joined);
    }

    /// <summary>Joins and leaves with as many new ids as the session remembers, all of <paramref name="keyId"/>.</summary>
    private static async Task FillClientIdsAsync(ISessionGrain session, SampleMind.Runtime.IGrainFactory grains, string keyId)
    {
        var tab = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        for (var i = 0; i < SessionLimits.MaxClientIds; i++)
        {
            Assert.True((await session.Join($"{keyId}-tab-{i}", keyId, SessionRole.Editor, tab, -1)).Joined);
            await session.Leave($"{keyId}-tab-{i}", tab);
        }
    }
}

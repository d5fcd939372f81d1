using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Tests.Storage;
using SampleMind.Runtime;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>
/// Two activations of one session over one storage (two embedded silos sharing it), as when the session moves between
/// silos and the old activation commits after the new one read storage: a client that saw the newer op and joins the
/// stale activation is refused (and reaches a fresh one on retry) instead of being sent a snapshot that would drop its
/// unacknowledged edits; an op made on that newer revision is refused the same way, not rejected as invalid.
/// </summary>
public sealed class SessionStaleActivationTests : TwoEmbeddedSilos
{
    [Fact]
    public async Task A_client_ahead_of_a_stale_activation_is_refused_and_then_caught_up_by_a_fresh_one()
    {
        var first = First.Grains;
        var second = Second.Grains;
        var current = first.GetGrain<ISessionGrain>("moving");
        await current.Create("acme", "drums", "owner-key");
        var writer = first.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await current.Join("writer", "key", SessionRole.Editor, writer, 0)).Joined);
        for (var seq = 1; seq <= 5; seq++)
        {
            Assert.Equal(SessionSubmitStatus.Committed, (await current.Submit("writer", writer, seq, seq - 1, SessionTestOps.Tempo(seq))).Status);
        }

        // The second silo's activation reads storage at revision 5; the first one then commits revision 6.
        var stale = second.GetGrain<ISessionGrain>("moving");
        Assert.Equal(5, (await stale.GetInfo())!.Revision);
        Assert.Equal(6, (await current.Submit("writer", writer, 6, 5, SessionTestOps.Tempo(6))).Revision);

        await Assert.ThrowsAsync<StaleActivationException>(() =>
            stale.Join("reader", "key", SessionRole.Editor, second.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), 6));

        // Retried, the join reaches the next activation, which read storage afresh.
        SessionJoinResult? joined = null;
        var reader = second.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                joined = await stale.Join("reader", "key", SessionRole.Editor, reader, 6);
                return true;
            }
            catch (StaleActivationException e) when (e.Message.Contains("restarting", StringComparison.Ordinal))
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), "a join served by a fresh activation");
        Assert.Null(joined!.CatchUp!.Snapshot);
        Assert.Equal(6, joined.CatchUp.Revision);
        Assert.Empty(joined.CatchUp.Ops);

        // The first activation is now the stale one: an op made on revision 7 is refused as such, not rejected.
        Assert.Equal(7, (await stale.Submit("reader", reader, 1, 6, SessionTestOps.Key())).Revision);
        await Assert.ThrowsAsync<StaleActivationException>(() => current.Submit("writer", writer, 7, 7, SessionTestOps.Tempo(7)));
    }
}

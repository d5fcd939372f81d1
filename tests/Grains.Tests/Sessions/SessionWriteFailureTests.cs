using System.Text.Json.Nodes;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Sessions;
using SampleMind.Grains.Tests.Storage;
using SampleMind.Runtime;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>
/// A session grain whose write of an op fails (storage refuses it) on an embedded silo: calls already queued behind
/// that op are refused instead of being served from memory that storage does not hold, and the next activation,
/// restored from storage, catches a client up with ops (not a snapshot that would drop its unacknowledged edits),
/// whichever of the two records failed at a snapshot.
/// </summary>
public sealed class SessionWriteFailureTests : IAsyncLifetime
{
    private readonly FaultyGrainStorage _storage = new();
    private EmbeddedSilo? _silo;

    public async Task InitializeAsync() => _silo = await EmbeddedSilo.StartAsync(_storage);

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    /// <summary>
    /// The op at a snapshot's revision writes the log and the snapshot, and at the second snapshot the archive of the ops
    /// cut from the log; any of these writes fails here.
    /// </summary>
    [Theory]
    [InlineData("sessionlog")]
    [InlineData("session")]
    [InlineData("sessionarchive")]
    public async Task A_failed_write_at_a_snapshot_refuses_the_queued_calls_and_the_next_activation_catches_up_with_ops(string failing)
    {
        var grains = _silo!.Grains;
        var session = grains.GetGrain<ISessionGrain>("s-" + failing);
        await session.Create("acme", "drums", "owner-key");
        var writer = new RecordingSessionObserver();
        var reader = new RecordingSessionObserver();
        var writerReference = grains.CreateObjectReference<ISessionObserver>(writer);
        var readerReference = grains.CreateObjectReference<ISessionObserver>(reader);
        Assert.True((await session.Join("writer", "key", SessionRole.Editor, writerReference, 0)).Joined);
        Assert.True((await session.Join("reader", "key", SessionRole.Editor, readerReference, 0)).Joined);
        var last = ((failing == "sessionarchive" ? 2 : 1) * SessionGrain.SnapshotInterval) - 1;
        for (var seq = 1; seq <= last; seq++)
        {
            Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("writer", writerReference, seq, seq - 1, SessionTestOps.Tempo(seq))).Status);
        }

        // The op at the snapshot's revision waits in its write while a later op and a join queue behind it; then the write fails.
        var fault = _storage.FailNextWrite(failing, new IOException("storage refused the write (test)"), hold: true);
        var atSnapshot = session.Submit("writer", writerReference, last + 1, last, SessionTestOps.Tempo(last + 1));
        await fault.Reached;
        var queuedOp = session.Submit("reader", readerReference, 1, last, SessionTestOps.Key());
        var queuedJoin = session.Join("late", "key", SessionRole.Editor, grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), last);
        fault.Release();

        await Assert.ThrowsAnyAsync<Exception>(() => atSnapshot);
        await Assert.ThrowsAnyAsync<Exception>(() => queuedOp);
        await Assert.ThrowsAnyAsync<Exception>(() => queuedJoin);
        Assert.DoesNotContain(reader.Ops, op => op.Revision > last);

        // The next activation restores what storage holds: the log is written first, so the op is stored when only the
        // snapshot or the archive failed, and lost (never acknowledged) when the log failed. Either way a client at the
        // revision before catches up with ops, and its resend is committed once.
        // A call may still reach the failed activation while it is being dropped: it is refused too, and a client
        // (as a session connection does) tries again.
        var committedBefore = failing != "sessionlog";
        SessionJoinResult? rejoined = null;
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                rejoined = await session.Join("writer", "key", SessionRole.Editor, writerReference, last);
                return true;
            }
            catch (StaleActivationException e) when (e.Message.Contains("restarting", StringComparison.Ordinal))
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), "a join served by the next activation");
        Assert.True(rejoined!.Joined);
        Assert.Null(rejoined.CatchUp!.Snapshot);
        Assert.Equal(committedBefore ? last + 1 : last, rejoined.CatchUp.Revision);
        Assert.Equal(committedBefore ? new long[] { last + 1 } : [], rejoined.CatchUp.Ops.Select(op => op.Revision));
        var resent = await session.Submit("writer", writerReference, last + 1, last, SessionTestOps.Tempo(last + 1));
        Assert.Equal(committedBefore ? SessionSubmitStatus.Duplicate : SessionSubmitStatus.Committed, resent.Status);
        Assert.Equal(last + 1, resent.Revision);

        var next = await session.Submit("writer", writerReference, last + 2, last + 1, SessionTestOps.Tempo(last + 2));
        Assert.Equal(SessionSubmitStatus.Committed, next.Status);
        Assert.Equal(last + 2, next.Revision);
        var snapshot = await session.GetSnapshot(null);
        Assert.Equal(120.0 + last + 2, JsonNode.Parse(snapshot!.Document)!["tempo"]!.GetValue<double>());
    }
}

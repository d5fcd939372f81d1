using System.Text;
using System.Text.Json.Nodes;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Sessions;
using SampleMind.Grains.Tests.Storage;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>
/// A session restored from storage (here: its next activation, on the second of two silos sharing storage, as when it
/// moves) keeps the ops its log cut at snapshots (the archive), so a client that was far behind when it moved catches
/// up with ops and its unacknowledged edit, made on that old revision, is rebased and committed instead of the client
/// being sent a snapshot that drops it; the archive keeps at most <see cref="SessionGrain.ArchiveBytes"/> of ops.
/// </summary>
public sealed class SessionArchiveTests : TwoEmbeddedSilos
{
    [Fact]
    public async Task A_client_250_ops_behind_a_moved_session_catches_up_with_ops_and_its_edit_is_rebased_not_dropped()
    {
        var grains = First.Grains;
        var session = grains.GetGrain<ISessionGrain>("far-behind");
        await session.Create("acme", "drums", "owner-key");
        var writer = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("writer", "key", SessionRole.Editor, writer, -1)).Joined);
        Assert.True((await session.Join("away", "key", SessionRole.Editor, grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver()), -1)).Joined);
        const int ops = 250;
        for (var seq = 1; seq <= ops; seq++)
        {
            Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("writer", writer, seq, seq - 1, SessionTestOps.Tempo(seq))).Status);
        }

        // Two snapshots later (at 100 and 200) the next activation restores from the one at 100 with the log after it;
        // "away" is still at revision 0, with its edit of the key made there and not yet sent.
        var moved = Second.Grains.GetGrain<ISessionGrain>("far-behind");
        var away = Second.Grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        var joined = await moved.Join("away", "key", SessionRole.Editor, away, 0);
        var edit = await moved.Submit("away", away, 1, 0, SessionTestOps.Key());

        Assert.True(joined.Joined);
        Assert.Null(joined.CatchUp!.Snapshot);
        Assert.Equal(Enumerable.Range(1, ops).Select(r => (long)r), joined.CatchUp.Ops.Select(op => op.Revision));
        Assert.Equal((SessionSubmitStatus.Committed, ops + 1L), (edit.Status, edit.Revision));
        var document = JsonNode.Parse((await moved.GetSnapshot(null))!.Document)!;
        Assert.Equal("A minor", document["key"]!.GetValue<string>());
        Assert.Equal(120.0 + ops, document["tempo"]!.GetValue<double>());
        Assert.Equal(0, (await moved.GetInfo())!.OldestRevision);
    }

    [Fact]
    public async Task A_moved_session_whose_archive_reaches_revision_0_serves_the_document_at_every_revision_it_reports()
    {
        await SessionTestOps.WithTempoSetsAsync(First.Grains, "old-documents", 250);

        // Restored from the snapshot at 100 with the archived ops 1 to 100: the documents before 100 come from the empty project.
        var moved = Second.Grains.GetGrain<ISessionGrain>("old-documents");
        var info = (await moved.GetInfo())!;
        var tempos = new List<double>();
        foreach (var revision in new long[] { 0, 1, 99, 100, 101 })
        {
            tempos.Add(JsonNode.Parse((await moved.GetSnapshot(revision))!.Document)!["tempo"]!.GetValue<double>());
        }

        Assert.Equal((0L, 0L), (info.OldestRevision, info.OldestDocumentRevision));
        Assert.Equal([120.0, 121, 219, 220, 221], tempos);
    }

    [Fact]
    public async Task The_archive_keeps_at_most_its_byte_bound_of_the_latest_ops()
    {
        var grains = First.Grains;
        var session = grains.GetGrain<ISessionGrain>("big-archive");
        await session.Create("acme", "drums", "owner-key");
        var writer = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("writer", "key", SessionRole.Editor, writer, -1)).Joined);

        // 40 markers of 50 KiB, each deleted after it is made: 2 MiB of ops, a small document.
        const int pairs = 40;
        for (var i = 0; i < pairs; i++)
        {
            Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("writer", writer, (2 * i) + 1, 2 * i, SessionTestOps.Marker(0, 50 * 1024))).Status);
            Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("writer", writer, (2 * i) + 2, (2 * i) + 1, SessionTestOps.DeleteFirstMarker())).Status);
        }

        var moved = Second.Grains.GetGrain<ISessionGrain>("big-archive");
        var info = (await moved.GetInfo())!;
        var catchUp = await moved.GetSince(info.OldestRevision);

        Assert.Equal(2 * pairs, info.Revision);
        Assert.InRange(info.OldestRevision, 1, (2 * pairs) - 1);
        Assert.True(info.OldestDocumentRevision > info.OldestRevision);
        Assert.Null(await moved.GetSnapshot(info.OldestDocumentRevision - 1));
        Assert.NotNull(await moved.GetSnapshot(info.OldestDocumentRevision));
        Assert.Null(catchUp.Snapshot);
        Assert.Equal(Enumerable.Range((int)info.OldestRevision + 1, (int)(info.Revision - info.OldestRevision)).Select(r => (long)r),
            catchUp.Ops.Select(op => op.Revision));

        // The restored session keeps the archive (filled to within an op of its bound) and the log after its snapshot
        // (at most two intervals of the log's byte bound, and an op past each).
        var kept = catchUp.Ops.Sum(op => (long)Encoding.UTF8.GetByteCount(op.Op));
        Assert.InRange(kept, SessionGrain.ArchiveBytes - SessionLimits.MaxOpBytes,
            SessionGrain.ArchiveBytes + (2L * (SessionLimits.SnapshotLogBytes + SessionLimits.MaxOpBytes)));
    }
}

using System.Text;
using System.Text.Json.Nodes;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Sessions;
using SampleMind.Grains.Tests.Storage;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>
/// What bounds a session's writes and document: large ops bring the snapshot forward (so each op rewrites a bounded log,
/// and the next activation restores from a recent snapshot), an op past the op cap or one that would grow the document
/// past its cap is refused, and a delete still goes through at the cap.
/// </summary>
public sealed class SessionLimitsTests : TwoEmbeddedSilos
{
    private const int NameLength = 50 * 1024;

    [Fact]
    public async Task Large_ops_bring_the_snapshot_forward_and_the_next_activation_restores_from_it()
    {
        var (session, writer) = await StartAsync("big-ops");
        const int ops = 12;
        for (var i = 0; i < ops; i++)
        {
            Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("writer", writer, i + 1, i, SessionTestOps.Marker(i, NameLength))).Status);
        }

        // 12 ops of 50 KiB pass the log's byte bound twice, long before the op count's snapshot: the next activation
        // restores from a snapshot past revision 0, and the ops cut from the log at each snapshot are in the archive
        // (600 KiB, under its bound), so catch-up still reaches back to the first op, and the documents before the
        // snapshot are rebuilt from the empty project.
        var next = Second.Grains.GetGrain<ISessionGrain>("big-ops");
        var info = (await next.GetInfo())!;
        Assert.Equal(ops, info.Revision);
        Assert.Empty(JsonNode.Parse((await next.GetSnapshot(0))!.Document)!["markers"]!.AsArray());
        Assert.Single(JsonNode.Parse((await next.GetSnapshot(1))!.Document)!["markers"]!.AsArray());
        var document = JsonNode.Parse((await next.GetSnapshot(null))!.Document)!;
        Assert.Equal(ops, document["markers"]!.AsArray().Count);
        Assert.Equal(0, info.OldestRevision);
        var catchUp = await next.GetSince(0);
        Assert.Null(catchUp.Snapshot);
        Assert.Equal(Enumerable.Range(1, ops).Select(r => (long)r), catchUp.Ops.Select(op => op.Revision));
    }

    [Fact]
    public async Task Large_ops_are_kept_in_memory_up_to_the_byte_bound_and_a_client_further_behind_gets_a_snapshot()
    {
        var (session, writer) = await StartAsync("big-sets");
        const int ops = 60;
        for (var i = 0; i < ops; i++)
        {
            var committed = await session.Submit("writer", writer, i + 1, i, SessionTestOps.Notes((char)('a' + (i % 26)), 60_000));
            Assert.True(committed.Status == SessionSubmitStatus.Committed, committed.Reason);
        }

        // 60 ops of 60,000 characters hold 3.6 MB of JSON: far fewer than the retained count, more than the byte bound.
        var info = (await session.GetInfo())!;
        var history = await session.GetHistory(info.OldestRevision, info.Revision);
        Assert.InRange(info.OldestRevision, 1, ops - 1);
        Assert.Equal(ops - info.OldestRevision, history.Ops.Count);
        Assert.InRange(history.Ops.Sum(op => (long)Encoding.UTF8.GetByteCount(op.Op)), 1, SessionGrain.RetainedBytes);
        var behind = await session.GetSince(info.OldestRevision - 1);
        Assert.NotNull(behind.Snapshot);
        Assert.Equal(ops, behind.Snapshot.Revision);
        Assert.Empty(behind.Ops);
        Assert.Null((await session.GetSince(info.OldestRevision)).Snapshot);

        var next = Second.Grains.GetGrain<ISessionGrain>("big-sets");
        Assert.Equal(ops, (await next.GetInfo())!.Revision);
        var notes = JsonNode.Parse((await next.GetSnapshot(null))!.Document)!["notes"]!.GetValue<string>();
        Assert.Equal(new string((char)('a' + ((ops - 1) % 26)), 60_000), notes);
    }

    [Fact]
    public async Task An_op_past_the_op_cap_or_growing_the_document_past_its_cap_is_refused_and_a_delete_is_not()
    {
        var (session, writer) = await StartAsync("capped");
        var tooLarge = await session.Submit("writer", writer, 1, 0, SessionTestOps.Marker(0, SessionLimits.MaxOpBytes));
        Assert.Equal(SessionSubmitStatus.Rejected, tooLarge.Status);
        Assert.Contains($"at most {SessionLimits.MaxOpBytes / 1024} KiB", tooLarge.Reason, StringComparison.Ordinal);

        var revision = 0;
        SessionSubmitResult result;
        while ((result = await session.Submit("writer", writer, revision + 1, revision, SessionTestOps.Marker(revision, NameLength))).Status == SessionSubmitStatus.Committed)
        {
            revision++;
            Assert.True(revision * (long)NameLength <= SessionLimits.MaxDocumentBytes, "the document grew past its cap");
        }

        Assert.Equal(SessionSubmitStatus.Rejected, result.Status);
        Assert.Contains("delete something first", result.Reason, StringComparison.Ordinal);
        Assert.True((revision + 2) * (long)NameLength > SessionLimits.MaxDocumentBytes, $"refused at {revision} markers, well below the cap");
        var deleted = await session.Submit("writer", writer, revision + 1, revision, SessionTestOps.DeleteFirstMarker());
        Assert.Equal(SessionSubmitStatus.Committed, deleted.Status);
    }

    [Fact]
    public async Task At_the_cap_an_op_that_shrinks_the_project_passes_and_one_that_grows_it_is_refused()
    {
        var (session, writer) = await StartAsync("shrink-at-cap");
        var markers = 0;
        foreach (var nameLength in new[] { NameLength, 1024 })
        {
            SessionSubmitResult added;
            while ((added = await session.Submit("writer", writer, markers + 1, markers, SessionTestOps.Marker(markers, nameLength))).Status == SessionSubmitStatus.Committed)
            {
                markers++;
            }

            Assert.Contains("delete something first", added.Reason, StringComparison.Ordinal);
        }

        // Within about 1 KiB of the cap: a set of some 50 KiB passes when it leaves the project smaller, not 2 KiB larger.
        var longer = await session.Submit("writer", writer, markers + 1, markers, SessionTestOps.MarkerName(0, NameLength + 2048));
        var shorter = await session.Submit("writer", writer, markers + 1, markers, SessionTestOps.MarkerName(0, NameLength - 100));

        Assert.Equal(SessionSubmitStatus.Rejected, longer.Status);
        Assert.Contains("this op would grow it past that", longer.Reason, StringComparison.Ordinal);
        Assert.True(shorter.Status == SessionSubmitStatus.Committed, shorter.Reason);
        var document = JsonNode.Parse((await session.GetSnapshot(null))!.Document)!;
        Assert.Equal(NameLength - 100, document["markers"]![0]!["name"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task An_undo_that_would_bring_back_more_than_the_cap_allows_is_refused_and_the_document_stays_within_it()
    {
        var (session, writer) = await StartAsync("undo-capped");
        var cleaner = First.Grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("cleaner", "key", SessionRole.Editor, cleaner, -1)).Joined);
        long revision = 0;
        var writerSeq = 0;
        var markers = await FillAsync();
        for (var i = 1; i <= markers; i++)
        {
            var deleted = await session.Submit("cleaner", cleaner, i, revision, SessionTestOps.DeleteFirstMarker());
            Assert.Equal(SessionSubmitStatus.Committed, deleted.Status);
            revision = deleted.Revision;
        }

        // The space the cleaner freed is filled again (with new ids, so that only the size refuses the undo): bringing a
        // deleted marker back would pass the cap.
        Assert.Equal(markers, await FillAsync());
        var undo = await session.UndoFor("cleaner", cleaner, null);

        Assert.Equal(SessionSubmitStatus.Rejected, undo.Status);
        Assert.Contains("this undo would grow it past that", undo.Reason, StringComparison.Ordinal);
        Assert.True((await session.GetSnapshot(null))!.Document.Length <= SessionLimits.MaxDocumentBytes, "the document stays within its cap");

        async Task<int> FillAsync()
        {
            var count = 0;
            while (await session.Submit("writer", writer, writerSeq + 1, revision, SessionTestOps.Marker(count, NameLength, $"fill{writerSeq}")) is { Status: SessionSubmitStatus.Committed } added)
            {
                writerSeq++;
                count++;
                revision = added.Revision;
            }

            return count;
        }
    }

    [Fact]
    public async Task A_large_op_made_far_behind_is_refused_and_a_small_one_or_the_same_on_a_newer_base_is_taken()
    {
        var (session, writer) = await StartAsync("far-behind");
        var late = First.Grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("late", "key", SessionRole.Editor, late, 0)).Joined);
        for (var i = 0; i < 9; i++)
        {
            var committed = await session.Submit("writer", writer, i + 1, i, SessionTestOps.ManyTempos(700, 900 + i));
            Assert.True(committed.Status == SessionSubmitStatus.Committed, committed.Reason);
        }

        // 700 primitives over 9 ops of 700 since its base: 4.4 million pairs, past the bound.
        var refused = await session.Submit("late", late, 1, 0, SessionTestOps.ManyTempos(700, 800));
        var small = await session.Submit("late", late, 1, 0, SessionTestOps.ManyTempos(10, 300));
        var rebased = await session.Submit("late", late, 2, 10, SessionTestOps.ManyTempos(700, 800));

        Assert.Equal(SessionSubmitStatus.Rejected, refused.Status);
        Assert.Contains("too much to rebase here", refused.Reason, StringComparison.Ordinal);
        Assert.Equal((SessionSubmitStatus.Committed, 10L), (small.Status, small.Revision));
        Assert.Equal((SessionSubmitStatus.Committed, 11L), (rebased.Status, rebased.Revision));
        Assert.Equal(800, JsonNode.Parse((await session.GetSnapshot(null))!.Document)!["tempo"]!.GetValue<double>());
    }

    [Fact]
    public async Task Chat_is_counted_in_characters_not_utf16_units_and_an_unchanged_presence_is_not_sent_again()
    {
        var (session, writer) = await StartAsync("chatty");
        var other = new RecordingSessionObserver();
        Assert.True((await session.Join("other", "key", SessionRole.Editor, First.Grains.CreateObjectReference<ISessionObserver>(other), 0)).Joined);
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", SessionLimits.MaxChatCharacters));

        await session.Chat("writer", writer, emoji);
        await session.Chat("writer", writer, emoji + "!");
        await session.Chat("writer", writer, "done");
        await session.UpdatePresence("writer", writer, new SessionPresence("tracks/0", ["c1", "c2"], 4));
        await session.UpdatePresence("writer", writer, new SessionPresence("tracks/0", ["c1", "c2"], 4));
        await session.UpdatePresence("writer", writer, new SessionPresence("tracks/0", ["c1"], 4));
        await Eventually.HoldsAsync(() => other.Chats.Count >= 2 && other.Presences.Count >= 2, TimeSpan.FromSeconds(10), "the chats and presences");

        Assert.Equal([emoji, "done"], other.Chats.Select(c => c.Text));
        Assert.Equal([2, 1], other.Presences.Select(p => p.Presence.Selection!.Count));
    }

    private async Task<(ISessionGrain Session, ISessionObserver Writer)> StartAsync(string id)
    {
        var grains = First.Grains;
        var session = grains.GetGrain<ISessionGrain>(id);
        await session.Create("acme", "drums", "owner-key");
        var writer = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("writer", "key", SessionRole.Editor, writer, -1)).Joined);
        return (session, writer);
    }
}

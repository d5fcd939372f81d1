using System.Text.Json;
using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Server;

/// <summary>The server algorithm: rebasing, stamping, duplicates, rejections, catch-up, snapshots, undo.</summary>
public sealed class OtServerTests
{
    private static OtServer<TextDocument, TextOperation> TextServer(string text, OtServerOptions? options = null) =>
        new(TextOtType.Instance, new TextDocument(text), options);

    [Fact]
    public void Op_made_on_an_old_revision_is_transformed_over_what_came_since()
    {
        var server = TextServer("hello");
        server.Submit("a", 1, 0, TextOperation.Edit(5, 0, 0, "Oh, "));

        var result = server.Submit("b", 1, 0, TextOperation.Edit(5, 5, 0, "!"));

        Assert.Equal(SubmitStatus.Committed, result.Status);
        Assert.Equal(2, result.Revision);
        Assert.Equal(TextOperation.Edit(9, 9, 0, "!"), result.Committed!.Value.Op);
        Assert.Equal("Oh, hello!", server.Document.ToString());
    }

    [Fact]
    public void Concurrent_inserts_at_one_position_keep_server_order_by_default()
    {
        var server = TextServer("ab");
        server.Submit("z", 1, 0, TextOperation.Edit(2, 1, 0, "1"));
        server.Submit("a", 1, 0, TextOperation.Edit(2, 1, 0, "2"));

        Assert.Equal("a12b", server.Document.ToString());
    }

    [Fact]
    public void Concurrent_inserts_at_one_position_follow_client_ids_under_that_rule()
    {
        var server = TextServer("ab", new OtServerOptions { TieBreak = TieBreak.ClientId });
        server.Submit("z", 1, 0, TextOperation.Edit(2, 1, 0, "1"));
        server.Submit("a", 1, 0, TextOperation.Edit(2, 1, 0, "2"));

        Assert.Equal("a21b", server.Document.ToString());
    }

    [Fact]
    public void Resent_op_is_acknowledged_with_its_original_revision_and_not_applied_again()
    {
        var server = TextServer("ab");
        var first = server.Submit("a", 7, 0, TextOperation.Edit(2, 0, 0, "x"));
        server.Submit("b", 1, 1, TextOperation.Edit(3, 3, 0, "y"));

        var again = server.Submit("a", 7, 0, TextOperation.Edit(2, 0, 0, "x"));

        Assert.Equal(SubmitStatus.Duplicate, again.Status);
        Assert.Equal(first.Revision, again.Revision);
        Assert.Equal(first.Committed, again.Committed);
        Assert.Equal(2, server.Revision);
        Assert.Equal("xaby", server.Document.ToString());
    }

    [Fact]
    public void A_lower_sequence_number_no_retained_op_has_is_rejected_not_acknowledged()
    {
        var server = TextServer("ab");
        server.Submit("a", 10, 0, TextOperation.Edit(2, 0, 0, "x"));

        var backwards = server.Submit("a", 5, 1, TextOperation.Edit(3, 3, 0, "y"));

        Assert.Equal(SubmitStatus.Rejected, backwards.Status);
        Assert.Contains("10", backwards.Reason, StringComparison.Ordinal);
        Assert.Equal(1, server.Revision);
        Assert.Equal("xab", server.Document.ToString());
    }

    [Fact]
    public void A_snapshot_taken_before_the_interval_restores_the_current_state()
    {
        var server = TextServer(string.Empty, new OtServerOptions { SnapshotInterval = 100 });
        server.Submit("a", 1, 0, TextOperation.Edit(0, 0, 0, "hi"));

        var snapshot = server.TakeSnapshot();

        Assert.Equal(1, snapshot.Revision);
        Assert.Same(snapshot, server.LatestSnapshot);
        var restored = OtServer<TextDocument, TextOperation>.Restore(TextOtType.Instance, snapshot, []);
        Assert.Equal("hi", restored.Document.ToString());
        Assert.Equal(SubmitStatus.Duplicate, restored.Submit("a", 1, 0, TextOperation.Edit(0, 0, 0, "hi")).Status);
    }

    [Fact]
    public void Invalid_op_is_rejected_with_a_reason_and_changes_nothing()
    {
        var server = TextServer("abc");

        var result = server.Submit("a", 1, 0, TextOperation.Edit(5, 0, 1, string.Empty));

        Assert.Equal(SubmitStatus.Rejected, result.Status);
        Assert.Contains("5", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, server.Revision);
        Assert.Equal("abc", server.Document.ToString());
    }

    [Fact]
    public void Op_on_a_revision_the_server_has_not_reached_is_rejected()
    {
        var server = TextServer("abc");

        var result = server.Submit("a", 1, 3, TextOperation.Identity(3));

        Assert.Equal(SubmitStatus.Rejected, result.Status);
        Assert.Equal("abc", server.Document.ToString());
    }

    [Fact]
    public void Client_older_than_the_retained_log_is_told_to_load_a_snapshot()
    {
        var server = TextServer(string.Empty, new OtServerOptions { SnapshotInterval = 10, RetainedOps = 10 });
        for (var i = 0; i < 50; i++)
        {
            server.Submit("a", i + 1, i, TextOperation.Edit(i, i, 0, "x"));
        }

        var since = server.GetOpsSince(1);
        var late = server.Submit("b", 1, 1, TextOperation.Edit(1, 0, 0, "y"));

        Assert.True(server.OldestRetainedRevision > 1);
        Assert.True(since.TooFarBehind);
        Assert.Empty(since.Ops);
        Assert.Equal(SubmitStatus.Rejected, late.Status);
        Assert.False(server.GetOpsSince(server.OldestRetainedRevision).TooFarBehind);
    }

    [Fact]
    public void Ops_the_owner_forgets_are_no_longer_served_nor_rebased_over()
    {
        var server = TextServer(string.Empty);
        for (var i = 0; i < 10; i++)
        {
            server.Submit("a", i + 1, i, TextOperation.Edit(i, i, 0, "x"));
        }

        server.ForgetOpsUpTo(6);
        server.ForgetOpsUpTo(3);

        Assert.Equal(6, server.OldestRetainedRevision);
        Assert.True(server.GetOpsSince(5).TooFarBehind);
        Assert.Equal([7L, 8, 9, 10], server.GetOpsSince(6).Ops.Select(op => op.Revision));
        Assert.Equal(SubmitStatus.Rejected, server.Submit("b", 1, 5, TextOperation.Edit(5, 0, 0, "y")).Status);
        Assert.Equal(SubmitStatus.Committed, server.Submit("b", 1, 6, TextOperation.Edit(6, 0, 0, "y")).Status);
    }

    [Fact]
    public void Ops_since_a_revision_come_in_revision_order()
    {
        var server = TextServer(string.Empty);
        for (var i = 0; i < 5; i++)
        {
            server.Submit("a", i + 1, i, TextOperation.Edit(i, i, 0, "x"));
        }

        var since = server.GetOpsSince(2);

        Assert.False(since.TooFarBehind);
        Assert.Equal([3L, 4L, 5L], since.Ops.Select(o => o.Revision));
    }

    [Fact]
    public void Server_restored_from_a_snapshot_and_tail_recognises_resent_ops()
    {
        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty(), new OtServerOptions { SnapshotInterval = 3 });
        for (var i = 0; i < 5; i++)
        {
            server.Submit("a", i + 1, i, Op(ProjectOp.Insert(["markers", i], ProjectDocument.CreateMarker($"m{i}", i, "x"))));
        }

        var restored = OtServer<JsonObject, ProjectOperation>.Restore(
            ProjectOtType.Instance, server.LatestSnapshot, server.GetOpsSince(server.LatestSnapshot.Revision).Ops);
        var resent = restored.Submit("a", 5, 4, Op(ProjectOp.Insert(["markers", 4], ProjectDocument.CreateMarker("m4", 4, "x"))));

        Assert.Equal(3, server.LatestSnapshot.Revision);
        Assert.Equal(5, restored.Revision);
        Assert.True(JsonNode.DeepEquals(server.Document, restored.Document));
        Assert.Equal(SubmitStatus.Duplicate, resent.Status);
        Assert.Equal(5, restored.Document["markers"]!.AsArray().Count);
    }

    [Fact]
    public void A_logged_op_a_later_rule_refuses_still_loads_and_a_new_one_like_it_is_refused()
    {
        // Committed before names, ids and keys had their rules: a name with an escape code, two tracks with one id.
        var named = ProjectDocument.CreateTrack("t", "a\u001b[31mred");
        var again = ProjectDocument.CreateTrack("t", "Bass");
        CommittedOp<ProjectOperation>[] log =
        [
            new(1, "a", 1, Op(ProjectOp.Insert(["tracks", 0], named))),
            new(2, "a", 2, Op(ProjectOp.Insert(["tracks", 1], again))),
            new(3, "a", 3, Op(ProjectOp.Set(["key"], null, new string('k', 100)))),
        ];

        var restored = OtServer<JsonObject, ProjectOperation>.Restore(
            ProjectOtType.Instance, new OtSnapshot<JsonObject>(0, ProjectDocument.CreateEmpty(), new Dictionary<string, ClientCursor>()), log);
        var fresh = restored.Submit("a", 4, 3, Op(ProjectOp.Insert(["tracks", 2], ProjectDocument.CreateTrack("t", "Keys"))));

        Assert.Equal(3, restored.Revision);
        Assert.Equal(["t", "t"], restored.Document["tracks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        Assert.Equal(SubmitStatus.Rejected, fresh.Status);
    }

    [Fact]
    public void Server_restored_with_the_ops_before_its_snapshot_rebases_an_op_made_before_it_and_serves_them()
    {
        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty(), new OtServerOptions { SnapshotInterval = 3 });
        for (var i = 0; i < 5; i++)
        {
            server.Submit("a", i + 1, i, Op(ProjectOp.Insert(["markers", i], ProjectDocument.CreateMarker($"m{i}", i, "x"))));
        }

        var all = server.GetOpsSince(0).Ops;
        var restored = OtServer<JsonObject, ProjectOperation>.Restore(
            ProjectOtType.Instance, server.LatestSnapshot, all.Skip(3), before: [.. all.Take(3)]);

        // "b" was at revision 1 and inserts at the front: rebased over revisions 2 to 5, not refused as too old.
        var late = restored.Submit("b", 1, 1, Op(ProjectOp.Insert(["markers", 0], ProjectDocument.CreateMarker("b0", 0, "y"))));

        Assert.Equal(0, restored.OldestRetainedRevision);
        Assert.Equal([1L, 2, 3, 4, 5], restored.GetOpsSince(0).Ops.Take(5).Select(c => c.Revision));
        Assert.Equal(SubmitStatus.Committed, late.Status);
        Assert.Equal(["b0", "m0", "m1", "m2", "m3", "m4"], restored.Document["markers"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        Assert.Throws<InvalidOperationException>(() => OtServer<JsonObject, ProjectOperation>.Restore(
            ProjectOtType.Instance, server.LatestSnapshot, all.Skip(3), before: [.. all.Take(2)]));
    }

    [Fact]
    public void Snapshot_survives_a_json_round_trip_through_the_source_generated_context()
    {
        var server = TextServer("héllo 😀");
        server.Submit("a", 1, 0, TextOperation.Edit(7, 7, 0, "!"));
        var snapshot = server.CaptureSnapshot();

        var json = JsonSerializer.Serialize(snapshot, CollaborationJsonContext.Default.OtSnapshotTextDocument);
        var back = JsonSerializer.Deserialize(json, CollaborationJsonContext.Default.OtSnapshotTextDocument)!;
        var restored = OtServer<TextDocument, TextOperation>.Restore(TextOtType.Instance, back, []);

        Assert.Equal("héllo 😀!", restored.Document.ToString());
        Assert.Equal(1, restored.Revision);
        Assert.Equal(SubmitStatus.Duplicate, restored.Submit("a", 1, 0, TextOperation.Edit(7, 7, 0, "!")).Status);
    }

    [Fact]
    public void Undo_for_a_user_reverts_only_that_users_last_change()
    {
        var server = TextServer(string.Empty);
        server.Submit("alice", 1, 0, TextOperation.Edit(0, 0, 0, "hello"));
        server.Submit("bob", 1, 1, TextOperation.Edit(5, 5, 0, " world"));
        server.Submit("alice", 2, 2, TextOperation.Edit(11, 0, 0, ">"));

        var first = server.UndoFor("alice")!;
        server.Submit(new Submission<TextOperation>("alice", 3, first.BaseRevision, first.Op, first.UndoesRevision));
        var second = server.UndoFor("alice")!;
        server.Submit(new Submission<TextOperation>("alice", 4, second.BaseRevision, second.Op, second.UndoesRevision));

        Assert.Equal(" world", server.Document.ToString());
        Assert.Null(server.UndoFor("alice"));
        Assert.NotNull(server.UndoFor("bob"));
    }

    [Fact]
    public void Redo_brings_back_only_that_users_undone_changes_in_reverse_order_of_the_undos()
    {
        var server = TextServer(string.Empty);
        server.Submit("alice", 1, 0, TextOperation.Edit(0, 0, 0, "hello"));
        server.Submit("alice", 2, 1, TextOperation.Edit(5, 5, 0, "!"));
        Undo(server, "alice", "alice/undo", 1);
        Undo(server, "alice", "alice/undo", 2);
        server.Submit("bob", 1, 4, TextOperation.Edit(0, 0, 0, "[b]"));
        Assert.Equal("[b]", server.Document.ToString());
        Assert.Null(server.RedoFor("bob"));

        Redo(server, "alice", "alice/redo", 1);
        Assert.Equal("[b]hello", server.Document.ToString());
        Redo(server, "alice", "alice/redo", 2);
        Assert.Equal("[b]hello!", server.Document.ToString());
        Assert.Null(server.RedoFor("alice"));

        Undo(server, "alice", "alice/undo", 3);
        Assert.Equal("[b]hello", server.Document.ToString());
        Redo(server, "alice", "alice/redo", 3);
        Assert.Equal("[b]hello!", server.Document.ToString());
    }

    [Fact]
    public void A_new_edit_after_an_undo_leaves_nothing_to_redo()
    {
        var server = TextServer("x");
        server.Submit("alice", 1, 0, TextOperation.Edit(1, 1, 0, "a"));
        Undo(server, "alice", "alice/undo", 1);
        Assert.NotNull(server.RedoFor("alice"));

        server.Submit("alice", 2, server.Revision, TextOperation.Edit(1, 1, 0, "b"));

        Assert.Null(server.RedoFor("alice"));
        Assert.Equal("xb", server.Document.ToString());
    }

    private static void Undo(OtServer<TextDocument, TextOperation> server, string user, string author, long seq)
    {
        var undo = server.UndoFor(user)!;
        Assert.Equal(SubmitStatus.Committed,
            server.Submit(new Submission<TextOperation>(author, seq, undo.BaseRevision, undo.Op, undo.UndoesRevision)).Status);
    }

    private static void Redo(OtServer<TextDocument, TextOperation> server, string user, string author, long seq)
    {
        var redo = server.RedoFor(user)!;
        Assert.Equal(SubmitStatus.Committed,
            server.Submit(new Submission<TextOperation>(author, seq, redo.BaseRevision, redo.Op, Redoes: redo.RedoesRevision)).Status);
    }

    [Fact]
    public void Undo_of_a_project_edit_restores_the_value_the_user_replaced()
    {
        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty());
        server.Submit("alice", 1, 0, Op(ProjectOp.Set(["tempo"], 120.0, 90.0)));
        server.Submit("bob", 1, 1, Op(ProjectOp.EditText(["notes"], TextOperation.Edit(0, 0, 0, "intro"))));

        var undo = server.UndoFor("alice")!;
        server.Submit(new Submission<ProjectOperation>("alice", 2, undo.BaseRevision, undo.Op, undo.UndoesRevision));

        Assert.Equal(120.0, server.Document["tempo"]!.GetValue<double>());
        Assert.Equal("intro", server.Document["notes"]!.GetValue<string>());
    }

    [Fact]
    public void Undo_keeps_a_value_another_user_set_after_the_undone_edit()
    {
        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty());
        server.Submit("alice", 1, 0, Op(ProjectOp.Set(["tempo"], 120.0, 130.0)));
        server.Submit("bob", 1, 1, Op(ProjectOp.Set(["tempo"], 130.0, 140.0)));

        // Bob replaced all Alice changed: nothing of hers is left to undo, and no empty op is proposed.
        Assert.Null(server.UndoFor("alice"));
        Assert.Equal(140.0, server.Document["tempo"]!.GetValue<double>());
    }

    [Fact]
    public void Undos_of_a_users_sets_of_one_field_step_back_through_its_values_and_redos_step_forward()
    {
        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty());
        double[] values = [100, 110, 130];
        for (var i = 0; i < values.Length; i++)
        {
            server.Submit("alice", i + 1, i, Op(ProjectOp.Set(["tempo"], i == 0 ? 120.0 : values[i - 1], values[i])));
        }

        var tempos = new List<double>();
        for (var i = 0; i < values.Length; i++)
        {
            ProjectUndo(server, "alice", i + 1);
            tempos.Add(server.Document["tempo"]!.GetValue<double>());
        }

        Assert.Null(server.UndoFor("alice"));
        for (var i = 0; i < values.Length; i++)
        {
            var redo = server.RedoFor("alice")!;
            server.Submit(new Submission<ProjectOperation>("alice/redo", i + 1, redo.BaseRevision, redo.Op, Redoes: redo.RedoesRevision));
            tempos.Add(server.Document["tempo"]!.GetValue<double>());
        }

        Assert.Equal([110.0, 100, 120, 100, 110, 130], tempos);
    }

    [Fact]
    public void Undos_of_a_users_moves_of_one_track_bring_it_back_where_it_was()
    {
        var doc = ProjectDocument.CreateEmpty();
        for (var i = 0; i < 3; i++)
        {
            doc["tracks"]!.AsArray().Add(ProjectDocument.CreateTrack($"t{i}", $"T{i}"));
        }

        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, doc);
        server.Submit("alice", 1, 0, Op(ProjectOp.Move(["tracks", 0], 1)));
        server.Submit("alice", 2, 1, Op(ProjectOp.Move(["tracks", 1], 2)));

        ProjectUndo(server, "alice", 1);
        ProjectUndo(server, "alice", 2);

        Assert.Equal(["t0", "t1", "t2"], server.Document["tracks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
    }

    [Fact]
    public void Undo_of_a_users_earlier_set_keeps_the_value_another_user_set_after_it_and_proposes_no_empty_op()
    {
        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty());
        server.Submit("alice", 1, 0, Op(ProjectOp.Set(["tempo"], 120.0, 100.0)));
        server.Submit("alice", 2, 1, Op(ProjectOp.Set(["tempo"], 100.0, 110.0)));
        server.Submit("bob", 1, 2, Op(ProjectOp.Set(["tempo"], 110.0, 200.0)));

        Assert.Null(server.UndoFor("alice"));
        Assert.Equal(200.0, server.Document["tempo"]!.GetValue<double>());
    }

    [Fact]
    public void Server_restored_with_its_undo_authors_goes_on_undoing_and_redoing_where_the_one_before_left_off()
    {
        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty());
        server.Submit("alice", 1, 0, Op(ProjectOp.Set(["tempo"], 120.0, 100.0)));
        server.Submit("alice", 2, 1, Op(ProjectOp.Set(["tempo"], 100.0, 110.0)));
        ProjectUndo(server, "alice", 1);

        var restored = OtServer<JsonObject, ProjectOperation>.Restore(
            ProjectOtType.Instance, server.LatestSnapshot, server.GetOpsSince(server.LatestSnapshot.Revision).Ops,
            undoAuthors: author => author.EndsWith("/undo", StringComparison.Ordinal) ? (author[..^5], false) : null);
        ProjectUndo(restored, "alice", 2);
        var afterUndo = restored.Document["tempo"]!.GetValue<double>();
        var redo = restored.RedoFor("alice")!;
        restored.Submit(new Submission<ProjectOperation>("alice/redo", 1, redo.BaseRevision, redo.Op, Redoes: redo.RedoesRevision));

        Assert.Equal(0, server.LatestSnapshot.Revision);
        Assert.Equal(120.0, afterUndo);
        Assert.Equal(100.0, restored.Document["tempo"]!.GetValue<double>());
        Assert.Null(restored.UndoFor("bob"));
    }

    private static void ProjectUndo(OtServer<JsonObject, ProjectOperation> server, string user, long seq)
    {
        var undo = server.UndoFor(user)!;
        Assert.False(undo.Op.IsNoop);
        Assert.Equal(SubmitStatus.Committed,
            server.Submit(new Submission<ProjectOperation>(user + "/undo", seq, undo.BaseRevision, undo.Op, undo.UndoesRevision)).Status);
    }

    [Fact]
    public void Undo_keeps_a_clip_where_another_user_moved_it_after_the_undone_move_and_undoes_a_later_field_of_its_own()
    {
        var doc = ProjectDocument.CreateEmpty();
        var track = ProjectDocument.CreateTrack("t1", "Drums");
        for (var i = 0; i < 4; i++)
        {
            track["clips"]!.AsArray().Add(ProjectDocument.CreateClip($"c{i}", $"s{i}", i * 4, 4));
        }

        doc["tracks"]!.AsArray().Add(track);
        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, doc);
        server.Submit("alice", 1, 0, Op(ProjectOp.Move(["tracks", 0, "clips", 0], 3)));
        server.Submit("bob", 1, 1, Op(ProjectOp.Move(["tracks", 0, "clips", 3], 1)));
        server.Submit("alice", 2, 2, Op(ProjectOp.Set(["tempo"], 120.0, 100.0)));
        server.Submit("bob", 2, 3, Op(ProjectOp.Set(["key"], null, "A minor")));

        // Alice's last edit is hers alone: undone. Her move was moved again by Bob: the clip stays where he put it.
        var undoTempo = server.UndoFor("alice")!;
        server.Submit(new Submission<ProjectOperation>("alice/undo", 1, undoTempo.BaseRevision, undoTempo.Op, undoTempo.UndoesRevision));
        Assert.Null(server.UndoFor("alice"));

        Assert.Equal(120.0, server.Document["tempo"]!.GetValue<double>());
        Assert.Equal("A minor", server.Document["key"]!.GetValue<string>());
        var clips = server.Document["tracks"]![0]!["clips"]!.AsArray().Select(c => c!["id"]!.GetValue<string>());
        Assert.Equal(["c1", "c0", "c2", "c3"], clips);
    }

    private static ProjectOperation Op(ProjectOp op) => new(op);
}

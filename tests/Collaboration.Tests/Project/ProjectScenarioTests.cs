using System.Text.Json;
using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Project;

/// <summary>Concurrent edits of a studio project as two users make them, through server and clients.</summary>
public sealed class ProjectScenarioTests
{
    private readonly OtServer<JsonObject, ProjectOperation> _server;
    private readonly OtClient<JsonObject, ProjectOperation> _alice;
    private readonly OtClient<JsonObject, ProjectOperation> _bob;

    public ProjectScenarioTests()
    {
        var doc = ProjectDocument.CreateEmpty();
        var track = ProjectDocument.CreateTrack("t1", "Drums");
        for (var i = 0; i < 4; i++)
        {
            track["clips"]!.AsArray().Add(ProjectDocument.CreateClip($"c{i}", $"s{i}", i * 4, 4));
        }

        doc["tracks"]!.AsArray().Add(track);
        _server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, (JsonObject)doc.DeepClone());
        _alice = new OtClient<JsonObject, ProjectOperation>(ProjectOtType.Instance, "alice", (JsonObject)doc.DeepClone(), 0);
        _bob = new OtClient<JsonObject, ProjectOperation>(ProjectOtType.Instance, "bob", (JsonObject)doc.DeepClone(), 0);
    }

    [Fact]
    public void Two_users_moving_the_same_clip_converge_with_the_later_move_winning()
    {
        var fromAlice = _alice.ApplyLocal(Op(ProjectOp.Move(["tracks", 0, "clips", 1], 3)))!.Value;
        var fromBob = _bob.ApplyLocal(Op(ProjectOp.Move(["tracks", 0, "clips", 1], 0)))!.Value;

        SubmitAndDeliver(fromAlice, fromBob);

        Assert.Equal(["c1", "c0", "c2", "c3"], ClipIds(_server.Document));
        AssertAllEqual();
    }

    [Fact]
    public void Concurrent_sets_of_one_field_keep_the_value_committed_last()
    {
        var fromAlice = _alice.ApplyLocal(Op(ProjectOp.Set(["tracks", 0, "settings", "gain"], 0.0, -6.0)))!.Value;
        var fromBob = _bob.ApplyLocal(Op(ProjectOp.Set(["tracks", 0, "settings", "gain"], 0.0, 3.0)))!.Value;

        SubmitAndDeliver(fromAlice, fromBob);

        Assert.Equal(3.0, _server.Document["tracks"]![0]!["settings"]!["gain"]!.GetValue<double>());
        AssertAllEqual();
    }

    [Fact]
    public void Edit_inside_a_track_deleted_concurrently_is_dropped()
    {
        var fromAlice = _alice.ApplyLocal(Op(ProjectOp.Delete(["tracks", 0], null)))!.Value;
        var fromBob = _bob.ApplyLocal(Op(ProjectOp.Set(["tracks", 0, "clips", 2, "pitch"], 0.0, 7.0)))!.Value;

        SubmitAndDeliver(fromAlice, fromBob);

        Assert.Empty(_server.Document["tracks"]!.AsArray());
        Assert.Equal(2, _server.Revision);
        AssertAllEqual();
    }

    [Fact]
    public void Clip_edit_follows_its_clip_when_another_user_inserts_before_it()
    {
        var fromAlice = _alice.ApplyLocal(Op(ProjectOp.Insert(["tracks", 0, "clips", 0], ProjectDocument.CreateClip("new", "s9", 0, 1))))!.Value;
        var fromBob = _bob.ApplyLocal(Op(ProjectOp.EditText(["tracks", 0, "name"], TextOperation.Edit(5, 5, 0, " & Perc"))))!.Value;
        var buffered = _bob.ApplyLocal(Op(ProjectOp.Set(["tracks", 0, "clips", 2, "gain"], 0.0, -3.0)));

        SubmitAndDeliver(fromAlice, fromBob);

        Assert.Null(buffered);
        Assert.Equal(3, _server.Revision);

        var clip = _server.Document["tracks"]![0]!["clips"]![3]!;
        Assert.Equal("c2", clip["id"]!.GetValue<string>());
        Assert.Equal(-3.0, clip["gain"]!.GetValue<double>());
        Assert.Equal("Drums & Perc", _server.Document["tracks"]![0]!["name"]!.GetValue<string>());
        AssertAllEqual();
    }

    [Fact]
    public void Project_op_survives_a_json_round_trip_in_its_wire_form()
    {
        var op = new ProjectOperation([
            ProjectOp.Move(["tracks", 0, "clips", 1], 3),
            ProjectOp.EditText(["notes"], TextOperation.Edit(0, 0, 0, "verse 😀")),
            ProjectOp.Set(["tempo"], 120.0, 128.0),
        ]);

        var json = JsonSerializer.Serialize(op, CollaborationJsonContext.Default.ProjectOperation);
        var back = JsonSerializer.Deserialize(json, CollaborationJsonContext.Default.ProjectOperation)!;

        Assert.Contains("\"path\":[\"tracks\",0,\"clips\",1]", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"EditText\"", json, StringComparison.Ordinal);
        Assert.Equal(op.ToString(), back.ToString());
        Assert.Equal(json, JsonSerializer.Serialize(back, CollaborationJsonContext.Default.ProjectOperation));
    }

    /// <summary>Submits, then delivers every broadcast to both clients until nothing is left to send.</summary>
    private void SubmitAndDeliver(params Submission<ProjectOperation>[] submissions)
    {
        var queue = new Queue<Submission<ProjectOperation>>(submissions);
        while (queue.Count > 0)
        {
            while (queue.TryDequeue(out var submission))
            {
                Assert.Equal(SubmitStatus.Committed, _server.Submit(submission).Status);
            }

            foreach (var client in new[] { _alice, _bob })
            {
                foreach (var committed in _server.GetOpsSince(client.Revision).Ops)
                {
                    if (client.Receive(committed) is { } next)
                    {
                        queue.Enqueue(next);
                    }
                }
            }
        }
    }

    private void AssertAllEqual()
    {
        Assert.True(JsonNode.DeepEquals(_server.Document, _alice.Document), _alice.Document.ToJsonString());
        Assert.True(JsonNode.DeepEquals(_server.Document, _bob.Document), _bob.Document.ToJsonString());
    }

    private static string[] ClipIds(JsonObject doc)
    {
        var clips = doc["tracks"]![0]!["clips"]!.AsArray();
        var ids = new string[clips.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = clips[i]!["id"]!.GetValue<string>();
        }

        return ids;
    }

    private static ProjectOperation Op(ProjectOp op) => new(op);
}

using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Tests.Properties;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Project;

/// <summary>Validation of project ops: every malformed op is rejected with a reason and never applied.</summary>
public sealed class ProjectValidationTests
{
    [Fact]
    public void Every_generated_malformed_op_is_rejected_and_leaves_the_document_unchanged()
    {
        var cases = PropertyCheck.FromSeed(random =>
        {
            var doc = ProjectGen.Document(random);
            var (op, defect) = Malformed(random, doc);
            return (doc, op, defect);
        });
        PropertyCheck.ForAll(cases, c =>
        {
            var before = c.doc.ToJsonString();
            var valid = ProjectOtType.Instance.TryValidate(c.doc, new ProjectOperation(c.op), out var reason);
            Assert.False(valid, $"{c.defect}: {c.op} was accepted on {before}");
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.Equal(before, c.doc.ToJsonString());
        }, maxTest: 500);
    }

    [Theory]
    [InlineData("name", "a\u0000\u001b[31mred", "control characters (has U+0000)")]
    [InlineData("name", "evil\u202Etxt.exe", "control characters (has U+202E)")]
    [InlineData("name", "x\u2067y", "control characters (has U+2067)")]
    [InlineData("id", "", "must not be empty")]
    [InlineData("id", "t\u0085", "control characters (has U+0085)")]
    public void Insert_of_a_track_with_a_control_character_or_an_empty_id_names_the_problem(string field, string text, string expected)
    {
        var track = ProjectDocument.CreateTrack("t", "Drums");
        track[field] = text;

        var valid = ProjectSchema.TryValidate(ProjectDocument.CreateEmpty(), ProjectOp.Insert(["tracks", 0], track), out var reason);

        Assert.False(valid);
        Assert.Contains(expected, reason);
    }

    [Fact]
    public void An_id_another_item_of_its_list_has_is_refused_on_insert_set_and_whole_list_set_but_not_in_another_list()
    {
        var doc = ProjectDocument.CreateEmpty();
        doc["tracks"]!.AsArray().Add(ProjectDocument.CreateTrack("t1", "Drums"));
        doc["tracks"]!.AsArray().Add(ProjectDocument.CreateTrack("t2", "Bass"));
        doc["tracks"]![0]!["clips"]!.AsArray().Add(ProjectDocument.CreateClip("c1", "s", 0, 4));
        var twice = new JsonArray(ProjectDocument.CreateMarker("m", 0, "a"), ProjectDocument.CreateMarker("m", 4, "b"));

        string?[] reasons =
        [
            Reason(doc, ProjectOp.Insert(["tracks", 2], ProjectDocument.CreateTrack("t1", "Keys"))),
            Reason(doc, ProjectOp.Set(["tracks", 1, "id"], null, "t1")),
            Reason(doc, ProjectOp.Set(["markers"], null, twice)),
            Reason(doc, ProjectOp.EditText(["tracks", 0, "id"], TextOperation.Edit(2, 2, 0, "x"))),
        ];

        Assert.All(reasons, r => Assert.Contains("id", r));
        Assert.Contains("already used", reasons[0]);
        Assert.Contains("already used", reasons[1]);
        Assert.Contains("already used", reasons[2]);
        Assert.Null(Reason(doc, ProjectOp.Set(["tracks", 0, "id"], null, "t1")));
        Assert.Null(Reason(doc, ProjectOp.Insert(["tracks", 1, "clips", 0], ProjectDocument.CreateClip("c1", "s", 0, 4))));
    }

    [Theory]
    [InlineData("timeSignature", "0/0", "must be n/d")]
    [InlineData("timeSignature", "7/8", null)]
    [InlineData("key", "F# minor", null)]
    [InlineData("key", "a\tb", "control characters (has U+0009)")]
    public void Key_and_time_signature_keep_their_form(string field, string value, string? expected)
    {
        var reason = Reason(ProjectDocument.CreateEmpty(), ProjectOp.Set([field], null, value));

        if (expected is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains(expected, reason);
        }
    }

    [Fact]
    public void A_key_or_name_past_its_bound_is_refused_whether_set_or_grown_by_a_text_edit()
    {
        var doc = ProjectDocument.CreateEmpty();
        doc["tracks"]!.AsArray().Add(ProjectDocument.CreateTrack("t1", new string('n', ProjectSchema.MaxNameLength)));

        var longKey = Reason(doc, ProjectOp.Set(["key"], null, new string('k', 10_000)));
        var grownName = Reason(doc, ProjectOp.EditText(["tracks", 0, "name"], TextOperation.Edit(ProjectSchema.MaxNameLength, ProjectSchema.MaxNameLength, 0, "!")));
        var controlByEdit = Reason(doc, ProjectOp.EditText(["key"], TextOperation.Edit(7, 7, 0, "\u001b")));

        Assert.Contains($"at most {ProjectSchema.MaxKeyLength} characters", longKey);
        Assert.Contains($"at most {ProjectSchema.MaxNameLength} characters", grownName);
        Assert.Contains("control characters", controlByEdit);
        Assert.Null(Reason(doc, ProjectOp.EditText(["notes"], TextOperation.Edit(0, 0, 0, "line\nbreak"))));
    }

    [Theory]
    [InlineData("bpm", "not a known field")]
    [InlineData("tempo", "between")]
    [InlineData("key", "must be a string")]
    public void Set_of_an_unknown_field_or_a_wrong_value_names_the_problem(string field, string expected)
    {
        var value = field == "key" ? JsonValue.Create(5) : JsonValue.Create(5000.0);

        var valid = ProjectSchema.TryValidate(ProjectDocument.CreateEmpty(), ProjectOp.Set([field], null, value), out var reason);

        Assert.False(valid);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_past_the_end_of_a_list_is_out_of_range()
    {
        var valid = ProjectSchema.TryValidate(ProjectDocument.CreateEmpty(), ProjectOp.Delete(["tracks", 0], null), out var reason);

        Assert.False(valid);
        Assert.Contains("out of range", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_op_edit_is_validated_against_the_document_its_earlier_ops_produce()
    {
        var doc = ProjectDocument.CreateEmpty();
        var op = new ProjectOperation([
            ProjectOp.Insert(["tracks", 0], ProjectDocument.CreateTrack("t1", "Drums")),
            ProjectOp.Set(["tracks", 0, "settings", "mute"], false, true),
        ]);

        Assert.True(op.TryValidate(doc, out var reason), reason);
        Assert.Empty(doc["tracks"]!.AsArray());
    }

    private static (ProjectOp Op, string Defect) Malformed(Random random, JsonObject doc)
    {
        var tracks = doc["tracks"]!.AsArray().Count;
        var markers = doc["markers"]!.AsArray().Count;
        var t = Math.Max(0, tracks - 1);
        return random.Next(16) switch
        {
            0 => (ProjectOp.Set(["bpm"], null, 120), "unknown root field"),
            1 => (ProjectOp.Set(["tracks", t, "volume"], null, 1), "unknown track field"),
            2 => (ProjectOp.Delete(["tracks", tracks], null), "delete past the end"),
            3 => (ProjectOp.Insert(["markers", markers + 1 + random.Next(3)], ProjectDocument.CreateMarker("m", 1, "x")), "insert past the end"),
            4 => (ProjectOp.Move(["markers", markers], 0), "move of a missing item"),
            5 => (ProjectOp.Delete(["tracks", -1 - random.Next(3)], null), "negative index"),
            6 => (ProjectOp.Set(["tempo"], null, "fast"), "number field set to a string"),
            7 => (ProjectOp.Set(["tempo"], null, random.Next(2) == 0 ? 5 : 5000), "tempo out of range"),
            8 => (ProjectOp.Insert(["tracks", 0], ProjectDocument.CreateMarker("m", 1, "x")), "marker inserted as a track"),
            9 => (ProjectOp.Set(["tempo", "x"], null, 1), "path below a leaf"),
            10 => (ProjectOp.Delete(["notes"], null), "list op on a field"),
            11 => (ProjectOp.Set(["markers", 0], null, ProjectDocument.CreateMarker("m", 1, "x")), "set of a list index"),
            12 => (ProjectOp.EditText(["tempo"], TextOperation.Identity(3)), "text edit of a number"),
            13 => (ProjectOp.EditText(["notes"], TextOperation.Identity(1000)), "text edit of the wrong length"),
            14 => (ProjectOp.Set(["tracks", tracks, "name"], null, "x"), "path through a missing track"),
            _ => (new ProjectOp(ProjectOpKind.Insert, ["markers", 0], null, null, 0, null), "insert without a value"),
        };
    }

    private static string? Reason(JsonObject doc, ProjectOp op) =>
        ProjectOtType.Instance.TryValidate(doc, new ProjectOperation(op), out var reason) ? null : reason;
}

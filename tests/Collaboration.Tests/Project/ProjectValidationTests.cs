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
}

using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;

namespace SampleMind.Collaboration.Tests.Properties;

/// <summary>The OT laws for project document ops, for every pair of primitive kinds and for sequences.</summary>
public sealed class ProjectPropertyTests
{
    private sealed record Case(JsonObject Doc, ProjectOperation A, ProjectOperation B)
    {
        public override string ToString() => $"doc {Doc.ToJsonString()}\n a: {A}\n b: {B}";
    }

    public static TheoryData<ProjectOpKind, ProjectOpKind> KindPairs()
    {
        var data = new TheoryData<ProjectOpKind, ProjectOpKind>();
        foreach (var a in Enum.GetValues<ProjectOpKind>())
        {
            foreach (var b in Enum.GetValues<ProjectOpKind>())
            {
                data.Add(a, b);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindPairs))]
    public void Concurrent_primitives_converge_from_either_order(ProjectOpKind kindA, ProjectOpKind kindB)
    {
        var cases = PropertyCheck.FromSeed(random =>
        {
            while (true)
            {
                var doc = ProjectGen.Document(random);
                if (ProjectGen.Op(random, doc, kindA) is { } a && ProjectGen.Op(random, doc, kindB) is { } b)
                {
                    return new Case(doc, new ProjectOperation(a), new ProjectOperation(b));
                }
            }
        });
        PropertyCheck.ForAll(cases, AssertConverges, maxTest: 300);
    }

    [Fact]
    public void Concurrent_sequences_of_primitives_converge_from_either_order()
    {
        var cases = PropertyCheck.FromSeed(random =>
        {
            var doc = ProjectGen.Document(random);
            return new Case(doc, ProjectGen.Operation(random, doc), ProjectGen.Operation(random, doc));
        });
        PropertyCheck.ForAll(cases, AssertConverges, maxTest: 500);
    }

    [Fact]
    public void Composed_op_has_the_effect_of_both_in_order()
    {
        var cases = PropertyCheck.FromSeed(random =>
        {
            var doc = ProjectGen.Document(random);
            var a = ProjectGen.Operation(random, doc);
            return new Case(doc, a, ProjectGen.Operation(random, Applied(doc, a)));
        });
        PropertyCheck.ForAll(cases, c =>
            AssertSame(Applied(Applied(c.Doc, c.A), c.B), Applied(c.Doc, ProjectOperation.Compose(c.A, c.B)), c));
    }

    [Fact]
    public void Inverted_op_restores_the_document()
    {
        var cases = PropertyCheck.FromSeed(random =>
        {
            var doc = ProjectGen.Document(random);
            return new Case(doc, ProjectGen.Operation(random, doc), ProjectOperation.Noop);
        });
        PropertyCheck.ForAll(cases, c => AssertSame(c.Doc, Applied(Applied(c.Doc, c.A), c.A.Invert(c.Doc)), c));
    }

    [Fact]
    public void Generated_documents_and_ops_are_valid_against_the_schema()
    {
        var cases = PropertyCheck.FromSeed(random =>
        {
            var doc = ProjectGen.Document(random);
            return new Case(doc, ProjectGen.Operation(random, doc), ProjectOperation.Noop);
        });
        PropertyCheck.ForAll(cases, c =>
        {
            Assert.True(ProjectSchema.TryValidateDocument(c.Doc, out var reason), reason);
            Assert.True(c.A.TryValidate(c.Doc, out reason), reason);
            Assert.True(ProjectSchema.TryValidateDocument(Applied(c.Doc, c.A), out reason), reason);
        });
    }

    private static void AssertConverges(Case c)
    {
        var afterA = Applied(c.Doc, c.A);
        var afterB = Applied(c.Doc, c.B);
        var viaA = Applied(afterA, ProjectOperation.Transform(c.B, c.A, Side.Right));
        var viaB = Applied(afterB, ProjectOperation.Transform(c.A, c.B, Side.Left));
        AssertSame(viaA, viaB, c);
    }

    private static JsonObject Applied(JsonObject doc, ProjectOperation op)
    {
        var copy = (JsonObject)doc.DeepClone();
        Assert.True(op.TryValidate(copy, out var reason), $"{op} is not valid on {doc.ToJsonString()}: {reason}");
        op.Apply(copy);
        return copy;
    }

    private static void AssertSame(JsonObject expected, JsonObject actual, Case c) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{expected.ToJsonString()}\n!=\n{actual.ToJsonString()}\n{c}");
}

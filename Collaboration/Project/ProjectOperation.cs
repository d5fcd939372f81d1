using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SampleMind.Collaboration.Project;

/// <summary>
/// An edit of the project document: primitive ops applied in order (composition is concatenation).
/// Immutable. On the wire: <c>{ "ops": [ { "kind": "set", "path": ["tempo"], "value": 128, ... } ] }</c>.
/// </summary>
public sealed class ProjectOperation
{
    /// <summary>The op that changes nothing.</summary>
    public static ProjectOperation Noop { get; } = new([]);

    /// <summary>Wraps primitive ops, applied in order. The list is required: JSON without <c>ops</c>, or with <c>"ops": null</c>, is not an op.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="ops"/> is null.</exception>
    [JsonConstructor]
    public ProjectOperation(IReadOnlyList<ProjectOp> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        Ops = ops;
    }

    /// <summary>An op of one primitive.</summary>
    public ProjectOperation(ProjectOp op)
        : this([op])
    {
    }

    /// <summary>The primitives, in order.</summary>
    [JsonPropertyName("ops")]
    public IReadOnlyList<ProjectOp> Ops { get; }

    /// <summary>True when there is nothing to apply.</summary>
    [JsonIgnore]
    public bool IsNoop => Ops.Count == 0;

    /// <summary>
    /// Checks every primitive against the document as the earlier ones leave it; never changes <paramref name="document"/>.
    /// Without <paramref name="lines"/>, the shape and positions only (<see cref="ProjectSchema.TryValidate"/>).
    /// </summary>
    public bool TryValidate(JsonObject document, [NotNullWhen(false)] out string? reason, bool lines = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var scratch = Ops.Count > 1 ? (JsonObject)document.DeepClone() : document;
        for (var i = 0; i < Ops.Count; i++)
        {
            if (Ops[i] is null)
            {
                reason = $"op {i} is missing";
                return false;
            }

            if (!ProjectSchema.TryValidate(scratch, Ops[i], out var why, lines))
            {
                reason = $"op {i}: {why}";
                return false;
            }

            if (i < Ops.Count - 1)
            {
                TreeEdits.Apply(scratch, Ops[i]);
            }
        }

        reason = null;
        return true;
    }

    /// <summary>Applies the (valid) op to <paramref name="document"/> in place.</summary>
    public void Apply(JsonObject document)
    {
        foreach (var op in Ops)
        {
            TreeEdits.Apply(document, op);
        }
    }

    /// <summary>The op that undoes this one, given the document it applies to (not changed).</summary>
    public ProjectOperation Invert(JsonObject documentBefore)
    {
        ArgumentNullException.ThrowIfNull(documentBefore);
        var scratch = (JsonObject)documentBefore.DeepClone();
        var inverse = new ProjectOp[Ops.Count];
        for (var i = 0; i < Ops.Count; i++)
        {
            inverse[Ops.Count - 1 - i] = TreeEdits.Invert(Ops[i], scratch);
            TreeEdits.Apply(scratch, Ops[i]);
        }

        return new ProjectOperation(inverse);
    }

    /// <summary>The effect of <paramref name="first"/> then <paramref name="second"/>.</summary>
    public static ProjectOperation Compose(ProjectOperation first, ProjectOperation second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new ProjectOperation([.. first.Ops, .. second.Ops]);
    }

    /// <summary>
    /// Rewrites <paramref name="op"/> to apply after <paramref name="over"/> (both made on one document);
    /// see <see cref="Side"/> for ties and docs/collaboration-ot.md for the rules per pair of primitives.
    /// </summary>
    public static ProjectOperation Transform(ProjectOperation op, ProjectOperation over, Side side) =>
        Transform(op, over, Ties.Both(side));

    /// <summary>
    /// Rewrites the inverse of an earlier op (an undo) to apply after <paramref name="later"/>: its inserts go after
    /// those of <paramref name="later"/> at one gap, and it yields every conflict (a field set again, an item moved
    /// again keep the later value), so that undo reverts only its user's change.
    /// </summary>
    public static ProjectOperation TransformInverse(ProjectOperation inverse, ProjectOperation later) =>
        Transform(inverse, later, new Ties(Side.Right, Side.Left));

    private static ProjectOperation Transform(ProjectOperation op, ProjectOperation over, Ties ties)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(over);
        var current = new List<ProjectOp>(op.Ops);
        var opposite = ties.Opposite;
        foreach (var original in over.Ops)
        {
            var b = (ProjectOp?)original;
            var next = new List<ProjectOp>(current.Count);
            foreach (var a in current)
            {
                if (b is null)
                {
                    next.Add(a);
                    continue;
                }

                var transformed = TreeTransform.Transform(a, b, ties);
                b = TreeTransform.Transform(b, a, opposite);
                if (transformed is not null)
                {
                    next.Add(transformed);
                }
            }

            current = next;
        }

        return new ProjectOperation(current);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", Ops);
}

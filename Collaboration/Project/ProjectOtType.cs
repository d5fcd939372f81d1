using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SampleMind.Collaboration.Project;

/// <summary>The project document (a JSON tree checked by <see cref="ProjectSchema"/>) for the server and client algorithms.</summary>
public sealed class ProjectOtType : IOtType<JsonObject, ProjectOperation>
{
    /// <summary>The one instance (the type has no state).</summary>
    public static ProjectOtType Instance { get; } = new();

    /// <inheritdoc />
    public bool TryValidate(JsonObject document, ProjectOperation op, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.TryValidate(document, out reason);
    }

    /// <inheritdoc />
    public bool TryValidateLogged(JsonObject document, ProjectOperation op, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.TryValidate(document, out reason, lines: false);
    }

    /// <inheritdoc />
    public bool TryValidateStructure(ProjectOperation op, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(op);
        for (var i = 0; i < op.Ops.Count; i++)
        {
            if (op.Ops[i] is null)
            {
                reason = $"op {i} is missing";
                return false;
            }

            if (!ProjectSchema.TryValidateStructure(op.Ops[i], out var why))
            {
                reason = $"op {i}: {why}";
                return false;
            }
        }

        reason = null;
        return true;
    }

    /// <inheritdoc />
    public void Apply(JsonObject document, ProjectOperation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        op.Apply(document);
    }

    /// <inheritdoc />
    public ProjectOperation Transform(ProjectOperation op, ProjectOperation over, Side side) =>
        ProjectOperation.Transform(op, over, side);

    public ProjectOperation TransformInverse(ProjectOperation inverse, ProjectOperation later) =>
        ProjectOperation.TransformInverse(inverse, later);

    /// <inheritdoc />
    public ProjectOperation Compose(ProjectOperation first, ProjectOperation second) =>
        ProjectOperation.Compose(first, second);

    /// <inheritdoc />
    public ProjectOperation Invert(ProjectOperation op, JsonObject documentBefore)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.Invert(documentBefore);
    }

    /// <inheritdoc />
    public bool IsNoop(ProjectOperation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.IsNoop;
    }

    /// <summary>The same edit: the two ops write the same JSON (every field of every primitive, values as given).</summary>
    public bool AreEqual(ProjectOperation op, ProjectOperation other)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(op, other) || string.Equals(
            JsonSerializer.Serialize(op, CollaborationJsonContext.Default.ProjectOperation),
            JsonSerializer.Serialize(other, CollaborationJsonContext.Default.ProjectOperation),
            StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public JsonObject Clone(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return (JsonObject)document.DeepClone();
    }
}

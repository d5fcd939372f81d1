using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Project;

/// <summary>Applies and inverts primitive ops on a JSON tree, schema-agnostic. Ops are assumed valid.</summary>
internal static class TreeEdits
{
    /// <summary>The node at <paramref name="path"/> below <paramref name="root"/>, or null.</summary>
    public static JsonNode? NodeAt(JsonNode? root, ReadOnlySpan<PathSegment> path)
    {
        var node = root;
        foreach (var segment in path)
        {
            node = node switch
            {
                JsonObject o when !segment.IsIndex => o.TryGetPropertyValue(segment.Key!, out var child) ? child : null,
                JsonArray a when segment.IsIndex && segment.Index >= 0 && segment.Index < a.Count => a[segment.Index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Applies <paramref name="op"/> to the tree below <paramref name="root"/> (mutating it); returns the new root.</summary>
    /// <remarks>Only an EditText or Set with an empty path replaces the root (used on detached values).</remarks>
    public static JsonNode? Apply(JsonNode? root, ProjectOp op)
    {
        var path = op.Path.AsSpan();
        if (path.Length == 0)
        {
            return op.Kind switch
            {
                ProjectOpKind.Set => op.Value?.DeepClone(),
                ProjectOpKind.EditText => JsonValue.Create(op.Text!.Apply(root!.GetValue<string>())),
                _ => throw new InvalidOperationException($"{op.Kind} needs a path"),
            };
        }

        var parent = NodeAt(root, path[..^1]) ?? throw new InvalidOperationException($"no container at {op}");
        var last = path[^1];
        switch (op.Kind)
        {
            case ProjectOpKind.Set:
                parent.AsObject()[last.Key!] = op.Value?.DeepClone();
                break;
            case ProjectOpKind.EditText:
                var text = parent.AsObject()[last.Key!]!.GetValue<string>();
                parent.AsObject()[last.Key!] = JsonValue.Create(op.Text!.Apply(text));
                break;
            case ProjectOpKind.Insert:
                parent.AsArray().Insert(last.Index, op.Value?.DeepClone());
                break;
            case ProjectOpKind.Delete:
                parent.AsArray().RemoveAt(last.Index);
                break;
            default:
                var list = parent.AsArray();
                var item = list[last.Index];
                list.RemoveAt(last.Index);
                list.Insert(op.ToIndex, item);
                break;
        }

        return root;
    }

    /// <summary>
    /// Applies <paramref name="op"/>, whose path starts with <paramref name="depth"/> segments leading to
    /// <paramref name="value"/>, to a copy of that value; null when it does not fit (the value is advisory).
    /// </summary>
    public static JsonNode? ApplyBelow(JsonNode? value, ProjectOp op, int depth)
    {
        var relative = op.WithPath(op.Path[depth..]);
        return TryCheck(value, relative, out _) ? Apply(value?.DeepClone(), relative) : value;
    }

    /// <summary>Checks that the op's path and indices fit the tree (no schema: types of values are not checked).</summary>
    public static bool TryCheck(JsonNode? root, ProjectOp op, [NotNullWhen(false)] out string? reason)
    {
        var path = op.Path.AsSpan();
        if (path.Length == 0)
        {
            reason = op.Kind switch
            {
                ProjectOpKind.Set => null,
                ProjectOpKind.EditText => CheckText(root, op),
                _ => $"{op.Kind} needs a path ending with a list index",
            };
            return reason is null;
        }

        var parent = NodeAt(root, path[..^1]);
        var last = path[^1];
        reason = (op.Kind, parent) switch
        {
            (_, null) => $"path {Describe(path[..^1])} does not exist",
            (ProjectOpKind.Set or ProjectOpKind.EditText, JsonObject o) when last.IsIndex || !o.ContainsKey(last.Key!) =>
                $"{op.Kind} needs an existing field at {Describe(path)}",
            (ProjectOpKind.Set, JsonObject) => null,
            (ProjectOpKind.EditText, JsonObject o) => CheckText(o[last.Key!], op),
            (ProjectOpKind.Insert, JsonArray a) when last.IsIndex && last.Index >= 0 && last.Index <= a.Count => null,
            (ProjectOpKind.Delete, JsonArray a) when last.IsIndex && last.Index >= 0 && last.Index < a.Count => null,
            (ProjectOpKind.Move, JsonArray a) when last.IsIndex && last.Index >= 0 && last.Index < a.Count && op.ToIndex >= 0 && op.ToIndex < a.Count => null,
            (ProjectOpKind.Insert or ProjectOpKind.Delete or ProjectOpKind.Move, JsonArray a) =>
                $"{op.Kind} index out of range at {Describe(path)} (list of {a.Count})",
            _ => $"{op.Kind} does not fit the {parent.GetValueKind()} at {Describe(path[..^1])}",
        };
        return reason is null;
    }

    /// <summary>A path as text, e.g. <c>.tracks[2].name</c>.</summary>
    public static string Describe(ReadOnlySpan<PathSegment> path)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var segment in path)
        {
            builder.Append(segment);
        }

        return builder.Length == 0 ? "(root)" : builder.ToString();
    }

    private static string? CheckText(JsonNode? target, ProjectOp op)
    {
        if (target is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return $"EditText needs a string at {Describe(op.Path)}";
        }

        return op.Text!.TryValidate(CodePoints.Count(v.GetValue<string>()), out var reason) ? null : reason;
    }

    /// <summary>The op that undoes <paramref name="op"/> on <paramref name="before"/> (the tree it applies to).</summary>
    public static ProjectOp Invert(ProjectOp op, JsonNode before)
    {
        var current = NodeAt(before, op.Path);
        return op.Kind switch
        {
            ProjectOpKind.Set => ProjectOp.Set(op.Path, op.Value?.DeepClone(), current?.DeepClone()),
            ProjectOpKind.Insert => ProjectOp.Delete(op.Path, op.Value?.DeepClone()),
            ProjectOpKind.Delete => ProjectOp.Insert(op.Path, current!.DeepClone()),
            ProjectOpKind.Move => ProjectOp.Move(WithLast(op.Path, op.ToIndex), op.Path[^1].Index),
            _ => ProjectOp.EditText(op.Path, op.Text!.Invert(new TextDocument(current!.GetValue<string>()))),
        };
    }

    /// <summary>A copy of <paramref name="path"/> whose last segment is index <paramref name="index"/>.</summary>
    public static PathSegment[] WithLast(PathSegment[] path, int index)
    {
        var copy = (PathSegment[])path.Clone();
        copy[^1] = PathSegment.At(index);
        return copy;
    }

    /// <summary>A copy of <paramref name="path"/> with segment <paramref name="depth"/> set to index <paramref name="index"/>.</summary>
    public static PathSegment[] WithIndexAt(PathSegment[] path, int depth, int index)
    {
        var copy = (PathSegment[])path.Clone();
        copy[depth] = PathSegment.At(index);
        return copy;
    }

    /// <summary>True when <paramref name="prefix"/> is a prefix of (or equal to) <paramref name="path"/>.</summary>
    public static bool IsPrefix(ReadOnlySpan<PathSegment> prefix, ReadOnlySpan<PathSegment> path) =>
        prefix.Length <= path.Length && path[..prefix.Length].SequenceEqual(prefix);
}

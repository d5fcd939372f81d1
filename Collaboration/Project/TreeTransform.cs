namespace SampleMind.Collaboration.Project;

/// <summary>
/// Transform of one primitive op over another made on the same tree. Rules (a over b):
/// <list type="bullet">
/// <item>b sets or deletes an ancestor of a's target, or sets a's own field: a is dropped (a concurrent
/// replace or removal wins over edits inside), except set vs set of one field, where the op on
/// <see cref="Side.Right"/> (later in server order) wins.</item>
/// <item>b inserts, deletes or moves an item of a list that a's path goes through: a's index shifts;
/// inserts at one gap are ordered by side (<see cref="Side.Left"/> first).</item>
/// <item>Both move one item: the op on <see cref="Side.Right"/> wins, moving it from where the other put it.</item>
/// <item>Both edit one string: text transform.</item>
/// <item>b edits inside the value a replaces or removes: a's advisory old value is updated.</item>
/// </list>
/// Null means a became a no-op.
/// </summary>
internal static class TreeTransform
{
    public static ProjectOp? Transform(ProjectOp a, ProjectOp b, Ties ties)
    {
        var pa = a.Path;
        var pb = b.Path;
        if (b.Kind == ProjectOpKind.Set && TreeEdits.IsPrefix(pb, pa))
        {
            return OverSet(a, b, ties.Conflicts);
        }

        if (b.Kind is ProjectOpKind.Insert or ProjectOpKind.Delete or ProjectOpKind.Move
            && pa.Length >= pb.Length && TreeEdits.IsPrefix(pb.AsSpan(0, pb.Length - 1), pa))
        {
            return ListTransform.OverListOp(a, b, ties);
        }

        if (a.Kind == ProjectOpKind.EditText && b.Kind == ProjectOpKind.EditText && pa.AsSpan().SequenceEqual(pb))
        {
            return ProjectOp.EditText(pa, Text.TextOperation.Transform(a.Text!, b.Text!, ties.Inserts));
        }

        if (a.Kind is ProjectOpKind.Set or ProjectOpKind.Delete && TreeEdits.IsPrefix(pa, pb)
            && (pb.Length > pa.Length || b.Kind == ProjectOpKind.EditText))
        {
            var old = TreeEdits.ApplyBelow(a.OldValue, b, pa.Length);
            return a.Kind == ProjectOpKind.Set ? ProjectOp.Set(pa, old, a.Value) : ProjectOp.Delete(pa, old);
        }

        return a;
    }

    private static ProjectOp? OverSet(ProjectOp a, ProjectOp b, Side side)
    {
        if (a.Path.Length > b.Path.Length || a.Kind != ProjectOpKind.Set)
        {
            return null;
        }

        return side == Side.Right ? ProjectOp.Set(a.Path, b.Value?.DeepClone(), a.Value) : null;
    }
}

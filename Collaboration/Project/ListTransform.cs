namespace SampleMind.Collaboration.Project;

/// <summary>
/// Transform of an op over a list insert, delete or move (b) whose list a's path goes through.
/// Indices of items shift; gaps (insert positions, move destinations) shift with ties broken by side.
/// A move is treated as "remove the item, then insert it at <see cref="ProjectOp.ToIndex"/> of the list
/// without it".
/// </summary>
internal static class ListTransform
{
    public static ProjectOp? OverListOp(ProjectOp a, ProjectOp b, Ties ties)
    {
        var depth = b.Path.Length - 1;
        var segment = a.Path[depth];
        if (!segment.IsIndex)
        {
            return a;
        }

        var j = segment.Index;
        var i = b.Path[depth].Index;
        var listLevel = a.Path.Length == b.Path.Length;
        return b.Kind switch
        {
            ProjectOpKind.Insert => OverInsert(a, depth, j, i, listLevel, ties.Inserts),
            ProjectOpKind.Delete => OverDelete(a, depth, j, i, listLevel),
            _ => OverMove(a, b, depth, j, listLevel, ties),
        };
    }

    private static ProjectOp? OverInsert(ProjectOp a, int depth, int j, int i, bool listLevel, Side side)
    {
        if (listLevel && a.Kind == ProjectOpKind.Insert)
        {
            return At(a, depth, ShiftGap(j, i, side));
        }

        if (listLevel && a.Kind == ProjectOpKind.Move)
        {
            var gap = i > j ? i - 1 : i;
            return Moved(a, j >= i ? j + 1 : j, ShiftGap(a.ToIndex, gap, side));
        }

        return At(a, depth, j >= i ? j + 1 : j);
    }

    private static ProjectOp? OverDelete(ProjectOp a, int depth, int j, int i, bool listLevel)
    {
        if (listLevel && a.Kind == ProjectOpKind.Insert)
        {
            return At(a, depth, j > i ? j - 1 : j);
        }

        if (j == i)
        {
            return null;
        }

        if (listLevel && a.Kind == ProjectOpKind.Move)
        {
            var removed = i > j ? i - 1 : i;
            return Moved(a, j > i ? j - 1 : j, a.ToIndex > removed ? a.ToIndex - 1 : a.ToIndex);
        }

        return At(a, depth, j > i ? j - 1 : j);
    }

    private static ProjectOp? OverMove(ProjectOp a, ProjectOp b, int depth, int j, bool listLevel, Ties ties)
    {
        var from = b.Path[depth].Index;
        var to = b.ToIndex;
        if (listLevel && a.Kind == ProjectOpKind.Insert)
        {
            return At(a, depth, ShiftGap(j > from ? j - 1 : j, to, ties.Inserts));
        }

        if (listLevel && a.Kind == ProjectOpKind.Move)
        {
            return MoveOverMove(a, j, from, to, ties);
        }

        return At(a, depth, MapItem(j, from, to));
    }

    private static ProjectOp? MoveOverMove(ProjectOp a, int j, int from, int to, Ties ties)
    {
        if (j == from)
        {
            return ties.Conflicts == Side.Right ? Moved(a, to, a.ToIndex) : null;
        }

        // b's move seen in the list without a's item: from fb to tb (tb = its final index there).
        var mine = MapItem(j, from, to);
        var fb = from > j ? from - 1 : from;
        var tb = to > mine ? to - 1 : to;
        var gap = a.ToIndex > fb ? a.ToIndex - 1 : a.ToIndex;
        return Moved(a, mine, ShiftGap(gap, tb, ties.Inserts));
    }

    /// <summary>Where item <paramref name="j"/> ends up when the item at <paramref name="from"/> moves to <paramref name="to"/>.</summary>
    private static int MapItem(int j, int from, int to)
    {
        if (j == from)
        {
            return to;
        }

        var k = j > from ? j - 1 : j;
        return k >= to ? k + 1 : k;
    }

    /// <summary>Gap <paramref name="gap"/> after an item is inserted at gap <paramref name="inserted"/>; ties by side.</summary>
    private static int ShiftGap(int gap, int inserted, Side side) =>
        gap > inserted || (gap == inserted && side == Side.Right) ? gap + 1 : gap;

    private static ProjectOp At(ProjectOp a, int depth, int index) =>
        a.Path[depth].Index == index ? a : a.WithPath(TreeEdits.WithIndexAt(a.Path, depth, index));

    /// <summary>A move of the item at <paramref name="from"/> to <paramref name="to"/>; null when it stays.</summary>
    private static ProjectOp? Moved(ProjectOp a, int from, int to) =>
        from == to ? null : ProjectOp.Move(TreeEdits.WithLast(a.Path, from), to);
}

namespace SampleMind.Collaboration.Project;

/// <summary>
/// How an op breaks ties with the op it is transformed over: <paramref name="Inserts"/> orders inserts at one gap (and
/// text at one position), <paramref name="Conflicts"/> decides set against set of one field and move against move of
/// one item (<see cref="Side.Right"/> wins). A concurrent op takes one side for both; an undo's inverse takes the later
/// side for inserts but yields every conflict, so that it reverts only its user's change.
/// </summary>
internal readonly record struct Ties(Side Inserts, Side Conflicts)
{
    /// <summary>Both kinds of tie on <paramref name="side"/>.</summary>
    public static Ties Both(Side side) => new(side, side);

    /// <summary>The ties of the op on the other side of the same transform.</summary>
    public Ties Opposite => new(Flip(Inserts), Flip(Conflicts));

    private static Side Flip(Side side) => side == Side.Left ? Side.Right : Side.Left;
}

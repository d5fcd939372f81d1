namespace SampleMind.Collaboration.Server;

/// <summary>The side an op takes when transformed over a concurrent op, under a <see cref="TieBreak"/>.</summary>
internal static class TieBreaks
{
    /// <summary>
    /// The side for an op of <paramref name="author"/> that is later in server order than the op of
    /// <paramref name="otherAuthor"/> it is transformed over.
    /// </summary>
    public static Side LaterSide(TieBreak rule, string author, string otherAuthor) =>
        rule == TieBreak.ClientId && string.CompareOrdinal(author, otherAuthor) < 0 ? Side.Left : Side.Right;

    public static Side Opposite(Side side) => side == Side.Left ? Side.Right : Side.Left;
}
